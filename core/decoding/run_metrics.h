#pragma once
// What a generation cost: time to first token (TTFT), time per output token (TPOT), throughput, and memory —
// the weights, the KV cache, and the attention score matrices a naive implementation would hold (they grow with
// the square of the context) against what the executor actually holds (one head's scores at a time).
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <vector>

namespace core {

struct RunMetrics {
    int promptTokens = 0;
    int generatedTokens = 0;
    double prefillSeconds = 0; // the prompt's forward pass
    double firstTokenSeconds = 0; // TTFT: prefill + choosing the first token
    std::vector<double> decodeSeconds; // per decode step: sampling + the forward pass of the chosen token

    std::uint64_t weightBytes = 0;
    std::uint64_t kvBytesPerToken = 0;
    std::uint64_t kvBytesUsed = 0;
    std::uint64_t kvBytesReserved = 0;
    std::uint64_t naiveAttentionBytes = 0; // layers x heads x ctx x ctx floats, if every score matrix were kept
    std::uint64_t heldAttentionBytes = 0; // the executor's workspace, scores included
    std::uint64_t peakRssBytes = 0; // the process's peak resident memory

    double tpotMean() const; // seconds
    double decodeTokensPerSecond() const;
    double prefillTokensPerSecond() const;
    nlohmann::json toJson() const;
};

// Peak resident set size of this process, in bytes (0 where unknown).
std::uint64_t processPeakRss();
// Bytes of all attention score matrices of a full forward pass over `context` positions.
std::uint64_t naiveAttentionBytes(int layers, int heads, int context);

} // namespace core

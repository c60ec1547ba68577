#include "core/decoding/run_metrics.h"

#include <nlohmann/json.hpp>

#include <numeric>
#include <sys/resource.h>

namespace core {

double RunMetrics::tpotMean() const
{
    return decodeSeconds.empty()
        ? 0.0
        : std::accumulate(decodeSeconds.begin(), decodeSeconds.end(), 0.0) / double(decodeSeconds.size());
}

double RunMetrics::decodeTokensPerSecond() const
{
    const double t = tpotMean();
    return t > 0 ? 1.0 / t : 0.0;
}

double RunMetrics::prefillTokensPerSecond() const { return prefillSeconds > 0 ? promptTokens / prefillSeconds : 0.0; }

nlohmann::json RunMetrics::toJson() const
{
    return { { "prompt_tokens", promptTokens }, { "generated_tokens", generatedTokens },
        { "prefill_seconds", prefillSeconds }, { "ttft_seconds", firstTokenSeconds },
        { "tpot_mean_seconds", tpotMean() }, { "tpot_seconds", decodeSeconds },
        { "prefill_tokens_per_s", prefillTokensPerSecond() }, { "decode_tokens_per_s", decodeTokensPerSecond() },
        { "weight_bytes", weightBytes }, { "kv_bytes_per_token", kvBytesPerToken }, { "kv_bytes_used", kvBytesUsed },
        { "kv_bytes_reserved", kvBytesReserved }, { "naive_attention_bytes", naiveAttentionBytes },
        { "held_attention_bytes", heldAttentionBytes }, { "peak_rss_bytes", peakRssBytes } };
}

std::uint64_t processPeakRss()
{
    rusage u {};
    if (getrusage(RUSAGE_SELF, &u) != 0)
        return 0;
    return std::uint64_t(u.ru_maxrss) * 1024; // Linux reports KiB
}

std::uint64_t naiveAttentionBytes(int layers, int heads, int context)
{
    return std::uint64_t(layers) * std::uint64_t(heads) * std::uint64_t(context) * std::uint64_t(context)
        * sizeof(float);
}

} // namespace core

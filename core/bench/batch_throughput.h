#pragma once
// Throughput as the seed means it (requests answered at once), measured for one model: N sequences decoded as one
// batch (core::BatchDecoder, each with its own KV cache) for N = 1, 2, 4, ...; time per step and tokens per second
// of all N together, beside the bandwidth limit (a step reads every weight once plus each sequence's KV cache, so
// N sequences cost little more than one while the weights dominate). `inference-cli bench --batch N` and the
// Metrics tab both measure it here.
#include "core/exec/executor.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace core {

struct BatchThroughputOptions {
    std::vector<int> sizes { 1, 2, 4, 8, 16, 32 }; // batch sizes, each >= 1
    int steps = 8; // decode steps timed per size (the caches hold the prompt + these)
    int repeats = 3; // best of
};

struct BatchThroughputPoint {
    int sequences = 0;
    double msPerStep = 0; // best of the repeats
    double tokensPerS = 0; // all sequences together: sequences * steps / seconds
    double bytesPerStep = 0; // weights once (Model::decodeBytesPerToken) + every sequence's KV cache, mid-run
    double limitTokensPerS = 0; // sequences * bandwidth / bytesPerStep
};

// 1, 2, 4, ... below maxBatch, then maxBatch.
std::vector<int> batchSizesUpTo(int maxBatch);

// The bytes one step of `sequences` sequences reads when each holds `positions` cached positions.
double batchStepBytes(const Model& model, int sequences, double positions);

// Prefills `prompt` once, then for each size copies that cache into `size` caches of prompt + steps positions and
// decodes `steps` greedy tokens in batches. `bandwidth`: bytes per second (core::measureReadBandwidth). Checks the
// caches' bytes against limits::kMaxKvCacheBytes before allocating, and the options (throws core::Error naming
// the field). progress(done, total) after every timed repeat; with *cancel true it returns the sizes finished.
std::vector<BatchThroughputPoint> measureBatchThroughput(const Model& model, const ExecutionPlan& plan,
    std::span<const std::int32_t> prompt, const BatchThroughputOptions& options, double bandwidth,
    const std::atomic<bool>* cancel = nullptr, const std::function<void(int done, int total)>& progress = {});

} // namespace core

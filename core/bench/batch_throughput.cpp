#include "core/bench/batch_throughput.h"

#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/exec/batch_decoder.h"

#include <algorithm>
#include <chrono>
#include <string>

namespace core {

std::vector<int> batchSizesUpTo(int maxBatch)
{
    std::vector<int> sizes;
    for (int b = 1; b < maxBatch; b *= 2)
        sizes.push_back(b);
    sizes.push_back(std::max(1, maxBatch));
    return sizes;
}

double batchStepBytes(const Model& model, int sequences, double positions)
{
    const ModelConfig& c = model.config();
    const double kvPerPosition = 2.0 * c.nLayers * double(c.kvDim()) * sizeof(float);
    return double(model.decodeBytesPerToken()) + sequences * kvPerPosition * positions;
}

std::vector<BatchThroughputPoint> measureBatchThroughput(const Model& model, const ExecutionPlan& plan,
    std::span<const std::int32_t> prompt, const BatchThroughputOptions& options, double bandwidth,
    const std::atomic<bool>* cancel, const std::function<void(int, int)>& progress)
{
    const ModelConfig& c = model.config();
    if (prompt.empty())
        throw Error("batch throughput", "prompt", "no prompt to continue");
    if (options.steps < 1 || options.repeats < 1)
        throw Error("batch throughput", options.steps < 1 ? "steps" : "repeats",
            "must be >= 1, got " + std::to_string(std::min(options.steps, options.repeats)));
    if (options.sizes.empty())
        throw Error("batch throughput", "sizes", "no batch size to measure");
    const int capacity = int(prompt.size()) + options.steps;
    if (capacity > c.maxPositions)
        throw Error("batch throughput", "prompt",
            std::to_string(prompt.size()) + " tokens + " + std::to_string(options.steps)
                + " steps exceed the context length " + std::to_string(c.maxPositions));
    const std::uint64_t perCache
        = 2ull * std::uint64_t(c.nLayers) * std::uint64_t(c.kvDim()) * sizeof(float) * std::uint64_t(capacity);
    for (int n : options.sizes) {
        if (n < 1)
            throw Error("batch throughput", "sizes", "a batch size must be >= 1, got " + std::to_string(n));
        if (perCache * std::uint64_t(n) > limits::kMaxKvCacheBytes)
            throw Error("batch throughput", "sizes",
                std::to_string(n) + " sequences of " + std::to_string(capacity) + " positions would need "
                    + std::to_string((perCache * std::uint64_t(n)) >> 20) + " MiB of KV cache (limit "
                    + std::to_string(limits::kMaxKvCacheBytes >> 20) + " MiB): use fewer sequences");
    }

    KvCache prefilled(c, capacity);
    {
        Executor exec(model, plan);
        exec.setAttentionPath(AttentionPath::Auto);
        exec.begin(prompt, prefilled, {});
        exec.run();
    }
    const std::int32_t first = prompt.back();
    const int total = int(options.sizes.size()) * options.repeats;
    int done = 0;
    std::vector<BatchThroughputPoint> points;
    BatchDecoder batch(model, plan);
    for (int n : options.sizes) {
        std::vector<KvCache> caches(std::size_t(n), KvCache(c, capacity));
        std::vector<KvCache*> pointers;
        for (auto& k : caches)
            pointers.push_back(&k);
        std::vector<std::int32_t> next;
        double best = 1e300;
        for (int r = 0; r < options.repeats; ++r) {
            if (cancel && cancel->load())
                return points;
            for (auto& k : caches)
                k.copyFrom(prefilled);
            next.assign(std::size_t(n), first);
            const auto t0 = std::chrono::steady_clock::now();
            for (int s = 0; s < options.steps; ++s) {
                batch.step(next, pointers);
                for (int i = 0; i < n; ++i) { // greedy: what a real decode does between steps
                    const TensorView l = batch.logits(i);
                    int top = 0;
                    for (int v = 1; v < l.cols; ++v)
                        if (l.at(0, v) > l.at(0, top))
                            top = v;
                    next[std::size_t(i)] = top;
                }
            }
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            if (progress)
                progress(++done, total);
        }
        BatchThroughputPoint p;
        p.sequences = n;
        p.msPerStep = 1e3 * best / options.steps;
        p.tokensPerS = double(n) * options.steps / best;
        p.bytesPerStep = batchStepBytes(model, n, double(prompt.size()) + options.steps / 2.0);
        p.limitTokensPerS = n * bandwidth / p.bytesPerStep;
        points.push_back(p);
    }
    return points;
}

} // namespace core

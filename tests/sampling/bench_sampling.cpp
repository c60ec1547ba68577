// How long does one re-run of the sampling pipeline take? The UI re-runs it on the same logits while a slider
// moves, so the target is < 1 ms at a 150k vocabulary (Qwen's 151936).
//
//   build/tests/sampling/bench_sampling [--benchmark_filter=...]
//
// Logits: N(0, 2.5^2) with a few strong tokens, roughly the shape of a real LM head's output.
#include "core/sampling/random_source.h"
#include "core/sampling/sampling_pipeline.h"

#include <benchmark/benchmark.h>
#include <cmath>
#include <random>
#include <vector>

namespace {

std::vector<float> modelLikeLogits(int vocab)
{
    std::mt19937_64 engine(7);
    std::vector<float> logits(static_cast<size_t>(vocab));
    for (float& l : logits) {
        // Box-Muller from two 53-bit uniforms.
        const double u1 = (double(engine() >> 11) + 0.5) * 0x1.0p-53;
        const double u2 = double(engine() >> 11) * 0x1.0p-53;
        l = float(2.5 * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    }
    for (int i = 0; i < 8; ++i)
        logits[size_t(i * 977 % vocab)] = 12.0f - float(i);
    return logits;
}

std::vector<int32_t> someHistory(int vocab)
{
    std::vector<int32_t> history;
    for (int i = 0; i < 200; ++i)
        history.push_back(int32_t((i * 7919) % vocab));
    history.push_back(0); // the current best token was just generated: the penalties hit it
    return history;
}

// "Full default chain": every stage switched on with common values.
core::SamplingParameters everyStageOn()
{
    core::SamplingParameters p;
    p.temperature = 0.8f;
    p.topK = 40;
    p.topP = 0.95f;
    p.minP = 0.05f;
    p.typicalP = 0.95f;
    p.repetitionPenalty = 1.1f;
    p.presencePenalty = 0.3f;
    p.frequencyPenalty = 0.2f;
    p.penaltyWindow = 64;
    p.logitBias = { { 5, 2.0f }, { 6, -INFINITY } };
    return p;
}

// No truncating top-k: top-p and typical-p must find their cut in the whole vocabulary.
core::SamplingParameters noTopK()
{
    core::SamplingParameters p = everyStageOn();
    p.topK = 0;
    return p;
}

void run(benchmark::State& state, const core::SamplingParameters& parameters, const core::StageOrder& order)
{
    const int vocab = int(state.range(0));
    const std::vector<float> logits = modelLikeLogits(vocab);
    const std::vector<int32_t> history = someHistory(vocab);
    core::SamplingPipeline pipeline(vocab, parameters, order);
    core::SamplingRecord record;
    core::RandomSource random(1);
    for (auto _ : state) {
        pipeline.run(logits, history, random.nextUniform(), record);
        benchmark::DoNotOptimize(record.chosenToken());
    }
}

void everyStageHf(benchmark::State& state) { run(state, everyStageOn(), core::StageOrder::huggingFace()); }
void everyStageLlama(benchmark::State& state) { run(state, everyStageOn(), core::StageOrder::llamaCpp()); }
void noTopKHf(benchmark::State& state) { run(state, noTopK(), core::StageOrder::huggingFace()); }
void noTopKLlama(benchmark::State& state) { run(state, noTopK(), core::StageOrder::llamaCpp()); }
void neutralHf(benchmark::State& state) { run(state, core::SamplingParameters {}, core::StageOrder::huggingFace()); }

void flatTopP(benchmark::State& state)
{
    // Worst case: all logits equal, top-p 0.95 has to find the cut among 95% of the vocabulary.
    const int vocab = int(state.range(0));
    const std::vector<float> logits(static_cast<size_t>(vocab), 1.0f);
    core::SamplingParameters p;
    p.topP = 0.95f;
    core::SamplingPipeline pipeline(vocab, p);
    core::SamplingRecord record;
    core::RandomSource random(1);
    for (auto _ : state) {
        pipeline.run(logits, {}, random.nextUniform(), record);
        benchmark::DoNotOptimize(record.chosenToken());
    }
}

void table20(benchmark::State& state)
{
    // What the UI does after a re-run: build the 20 rows of the probability table.
    const int vocab = int(state.range(0));
    core::SamplingPipeline pipeline(vocab, everyStageOn());
    const core::SamplingRecord record = pipeline.run(modelLikeLogits(vocab), someHistory(vocab), 0.5);
    for (auto _ : state)
        benchmark::DoNotOptimize(record.table(20).rows.size());
}

} // namespace

BENCHMARK(everyStageHf)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(everyStageLlama)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(noTopKHf)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(noTopKLlama)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(neutralHf)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(flatTopP)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);
BENCHMARK(table20)->Arg(32000)->Arg(151936)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();

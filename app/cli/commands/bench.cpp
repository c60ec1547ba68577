#include "commands.h"
#include "model_input.h"

#include "core/bench/bandwidth.h"
#include "core/bench/peak_memory.h"
#include "core/exec/executor.h"
#include "core/exec/stepper.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

namespace {
double seconds(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

namespace {
struct StepperFigures {
    double fastSeconds = 0; // the prefill as the fast path runs it (median of the repeats)
    double stepperSeconds = 0; // the same prefill run to its end in the stepper
    std::uint64_t fastPeak = 0; // peak resident bytes during each
    std::uint64_t stepperPeak = 0;
    std::uint64_t stepperHeld = 0; // checkpoints and attention thumbnails
    std::uint64_t workspace = 0; // activation buffers of the stepper's executor
};

// The stepper's run to the end of the prefill (every op inspectable afterwards: core::Stepper) beside the fast path's
// prefill of the same prompt, each timed (median of `repeats`) and with the process's peak memory of its own phase.
StepperFigures measureStepper(const ModelInput& in, std::span<const std::int32_t> prompt, int repeats)
{
    const auto& c = in.model->config();
    StepperFigures f;
    std::vector<double> fast, stepper; // seconds of each repeat; the median is reported
    core::KvCache cache(c, int(prompt.size()));
    {
        core::Executor exec(*in.model, in.loaded->plan);
        exec.setAttentionPath(core::AttentionPath::Auto);
        core::resetPeakResident();
        for (int r = 0; r < repeats; ++r) {
            cache.setLength(0);
            const auto t0 = std::chrono::steady_clock::now();
            exec.begin(prompt, cache, {});
            exec.run();
            fast.push_back(seconds(t0));
        }
        f.fastPeak = core::peakResidentBytes();
    }
    core::resetPeakResident();
    for (int r = 0; r < repeats; ++r) {
        cache.setLength(0);
        const auto t0 = std::chrono::steady_clock::now();
        core::Executor exec(*in.model, in.loaded->plan); // as the window does: a new pass, new buffers
        exec.begin(prompt, cache, {});
        core::Stepper pass(exec);
        while (!pass.finished())
            pass.advance();
        stepper.push_back(seconds(t0));
        f.stepperHeld = pass.bytesHeld();
        f.workspace = exec.workspaceBytes();
    }
    f.stepperPeak = core::peakResidentBytes();
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    f.fastSeconds = median(fast);
    f.stepperSeconds = median(stepper);
    return f;
}
} // namespace

// Prefill and decode speed on this machine, and decode as a fraction of the memory-bandwidth limit measured in
// the same run: a decode step has to read every weight once, so bandwidth / bytes-per-step is its ceiling.
// --trace adds the stepper: the prefill run to its end with every op inspectable, beside the fast path's.
int cmdBench(const Words& w)
{
    Args args(w, { "json", "trace" }, { "threads", "prompt-tokens", "gen-tokens", "repeats" });
    const ModelInput in = loadModelInput(args, false);
    const auto& c = in.model->config();
    const int promptTokens = int(args.integer("prompt-tokens", std::min(128, c.maxPositions / 2), 1, c.maxPositions));
    const int genTokens = int(args.integer(
        "gen-tokens", std::min(64, c.maxPositions - promptTokens), 1, std::max(1, c.maxPositions - promptTokens)));
    if (promptTokens + genTokens > c.maxPositions)
        throw UsageError("--prompt-tokens + --gen-tokens exceed the context length " + std::to_string(c.maxPositions));
    const int repeats = int(args.integer("repeats", 3, 1, 100));

    std::mt19937 rng(7);
    std::vector<std::int32_t> prompt(static_cast<std::size_t>(promptTokens));
    for (auto& t : prompt)
        t = std::int32_t(rng() % std::uint32_t(c.vocab));

    const core::ExecutionPlan& plan = in.loaded->plan; // compiled once, when the model was opened
    core::Executor exec(*in.model, plan);
    exec.setAttentionPath(core::AttentionPath::Auto); // the fast path: FlashAttention for long prompts
    core::KvCache cache(c, promptTokens + genTokens);

    // Warm-up pass: pages the weights in and sizes the buffers.
    exec.begin(std::span(prompt).first(std::min(promptTokens, 8)), cache, {});
    exec.run();

    double prefillBest = 1e300, decodeBest = 1e300;
    for (int r = 0; r < repeats; ++r) {
        cache.setLength(0);
        auto t0 = std::chrono::steady_clock::now();
        exec.begin(prompt, cache, {});
        exec.run();
        prefillBest = std::min(prefillBest, seconds(t0));

        std::int32_t next = prompt.back();
        t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < genTokens; ++i) {
            exec.begin(std::span(&next, 1), cache, { core::PhaseKind::Decode, i });
            exec.run();
            const auto l = exec.logits();
            int best = 0;
            for (int v = 1; v < c.vocab; ++v)
                if (l.at(0, v) > l.at(0, best))
                    best = v;
            next = best;
        }
        decodeBest = std::min(decodeBest, seconds(t0));
    }
    const double bandwidth = core::measureReadBandwidth();
    // Bytes a decode step reads: weights, plus on average half the final KV cache.
    const double kvBytes = double(cache.bytesPerToken()) * (promptTokens + genTokens / 2.0);
    const double bytesPerStep = double(in.model->decodeBytesPerToken()) + kvBytes;
    const double decodeTps = genTokens / decodeBest;
    const double limitTps = bandwidth / bytesPerStep;

    nlohmann::ordered_json j = {
        { "model", in.model->folder() },
        { "parameters", in.model->parameterCount() },
        { "threads", core::threadCount() },
        { "prompt_tokens", promptTokens },
        { "gen_tokens", genTokens },
        { "prefill_tokens_per_s", promptTokens / prefillBest },
        { "decode_tokens_per_s", decodeTps },
        { "bytes_per_decode_step", bytesPerStep },
        { "measured_bandwidth_gb_s", bandwidth / 1e9 },
        { "decode_limit_tokens_per_s", limitTps },
        { "fraction_of_bandwidth_limit", decodeTps / limitTps },
        { "weights_bytes", in.model->weightBytes() },
        { "kv_cache_bytes", cache.bytesUsed() },
    };
    StepperFigures st;
    if (args.flag("trace")) {
        st = measureStepper(in, prompt, repeats);
        j["stepper"] = { { "prompt_tokens", promptTokens }, { "fast_prefill_s", st.fastSeconds },
            { "stepper_run_to_end_s", st.stepperSeconds }, { "ratio", st.stepperSeconds / st.fastSeconds },
            { "fast_peak_resident_bytes", st.fastPeak }, { "stepper_peak_resident_bytes", st.stepperPeak },
            { "stepper_held_bytes", st.stepperHeld }, { "stepper_workspace_bytes", st.workspace } };
    }
    if (args.flag("json")) {
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("model            %s (%.1fM parameters, %d threads)\n", in.model->folder().c_str(),
        in.model->parameterCount() / 1e6, core::threadCount());
    std::printf("prefill          %d tokens: %.1f tokens/s\n", promptTokens, promptTokens / prefillBest);
    std::printf("decode           %d tokens: %.1f tokens/s (%.2f ms/token)\n", genTokens, decodeTps,
        1e3 * decodeBest / genTokens);
    std::printf(
        "bandwidth        %.1f GB/s measured; a decode step reads %.1f MB\n", bandwidth / 1e9, bytesPerStep / 1e6);
    std::printf("decode limit     %.1f tokens/s; reached %.0f%%\n", limitTps, 100.0 * decodeTps / limitTps);
    if (args.flag("trace")) {
        std::printf("stepper          %d-token prefill to its end, every op inspectable: %.3f s (fast path %.3f s, "
                    "%.2fx)\n",
            promptTokens, st.stepperSeconds, st.fastSeconds, st.stepperSeconds / st.fastSeconds);
        std::printf("stepper memory   peak resident %.0f MB (fast path %.0f MB); holds %.1f MB of checkpoints and "
                    "thumbnails, %.1f MB of buffers\n",
            st.stepperPeak / 1e6, st.fastPeak / 1e6, st.stepperHeld / 1e6, st.workspace / 1e6);
    }
    return 0;
}

#include "commands.h"
#include "model_input.h"

#include "core/bench/bandwidth.h"
#include "core/bench/batch_throughput.h"
#include "core/bench/fma_peak.h"
#include "core/bench/peak_memory.h"
#include "core/exec/executor.h"
#include "core/exec/stepper.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>

namespace {
double seconds(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Multiply-add FLOPs of a prefill of T tokens: every matrix once per token (the LM head for the last row only) and
// the causal attention products (q k^T and p v over the T (T + 1) / 2 visible pairs, per head).
double prefillFlops(const core::Model& m, int T)
{
    const auto& c = m.config();
    const auto& w = m.weights();
    double perToken = 0;
    for (const auto& L : w.layers)
        for (const core::LinearWeight* lw : { &L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down })
            if (lw->valid())
                perToken += 2.0 * lw->out * lw->in;
    const double attention = 2.0 * 2.0 * c.nLayers * double(c.qDim()) * T * (T + 1) / 2.0;
    return perToken * T + attention + 2.0 * double(c.vocab) * c.dim;
}

// llama.cpp on the same GGUF file, in this run: tools/llama_cpp/bench.mjs through node (node-llama-cpp's prebuilt
// llama.cpp). The CLI itself never needs node: without node or the script this says so and benches ours only.
std::optional<nlohmann::json> benchLlamaCpp(
    const std::string& model, int threads, int promptTokens, int genTokens, int repeats, int vocab)
{
    const char* env = std::getenv("IE_LLAMA_CPP_BENCH");
    const std::string script = env ? env : IE_SOURCE_DIR "/tools/llama_cpp/bench.mjs";
    if (!std::filesystem::exists(script)) {
        std::fprintf(stderr, "llama.cpp: %s not found (set IE_LLAMA_CPP_BENCH)\n", script.c_str());
        return std::nullopt;
    }
    const std::string command = "node '" + script + "' '" + model + "' --threads " + std::to_string(threads)
        + " --prompt-tokens " + std::to_string(promptTokens) + " --gen-tokens " + std::to_string(genTokens)
        + " --repeats " + std::to_string(repeats) + " --vocab " + std::to_string(vocab) + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return std::nullopt;
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    const int status = pclose(pipe);
    const auto j = nlohmann::json::parse(out, nullptr, false);
    if (status != 0 || j.is_discarded() || !j.contains("decode_tokens_per_s")) {
        std::fprintf(stderr, "llama.cpp: `%s` failed (exit %d): %s\n", command.c_str(), status, out.c_str());
        return std::nullopt;
    }
    return j;
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

// The middle value of the repeats' times: one slow round (another process waking) moves it less than a mean, and
// unlike the best it is what a user typically gets.
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

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
    Args args(w, { "json", "llama-cpp", "trace" }, { "threads", "prompt-tokens", "gen-tokens", "repeats", "batch" });
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

    std::vector<double> prefillTimes, decodeTimes; // seconds of each repeat; the median is reported
    for (int r = 0; r < repeats; ++r) {
        cache.setLength(0);
        auto t0 = std::chrono::steady_clock::now();
        exec.begin(prompt, cache, {});
        exec.run();
        prefillTimes.push_back(seconds(t0));

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
        decodeTimes.push_back(seconds(t0));
    }
    const double prefillSeconds = median(prefillTimes), decodeSeconds = median(decodeTimes);
    const double bandwidth = core::measureReadBandwidth();
    // Bytes a decode step reads: weights, plus on average half the final KV cache.
    const double kvBytes = double(cache.bytesPerToken()) * (promptTokens + genTokens / 2.0);
    const double bytesPerStep = double(in.model->decodeBytesPerToken()) + kvBytes;
    const double decodeTps = genTokens / decodeSeconds;
    const double limitTps = bandwidth / bytesPerStep;
    const core::FmaPeak peak = core::measureFmaPeak();
    const double prefillFlopsPerS = prefillFlops(*in.model, promptTokens) / prefillSeconds;
    std::vector<core::BatchThroughputPoint> batches;
    if (args.has("batch")) {
        const int maxBatch = int(args.integer("batch", 1, 1, 256));
        batches = core::measureBatchThroughput(
            *in.model, plan, prompt, { core::batchSizesUpTo(maxBatch), genTokens, repeats }, bandwidth);
    }
    std::optional<nlohmann::json> llama;
    if (args.flag("llama-cpp"))
        llama = benchLlamaCpp(in.model->folder(), core::threadCount(), promptTokens, genTokens, repeats, c.vocab);

    nlohmann::ordered_json j = {
        { "model", in.model->folder() },
        { "parameters", in.model->parameterCount() },
        { "threads", core::threadCount() },
        { "prompt_tokens", promptTokens },
        { "gen_tokens", genTokens },
        { "prefill_tokens_per_s", promptTokens / prefillSeconds },
        { "decode_tokens_per_s", decodeTps },
        { "bytes_per_decode_step", bytesPerStep },
        { "measured_bandwidth_gb_s", bandwidth / 1e9 },
        { "decode_limit_tokens_per_s", limitTps },
        { "fraction_of_bandwidth_limit", decodeTps / limitTps },
        { "weights_dtype", in.model->weightsDtype() },
        { "weights_bytes", in.model->weightBytes() },
        { "kv_cache_bytes", cache.bytesUsed() },
        { "prefill_gflop_s", prefillFlopsPerS / 1e9 },
        { "fma_peak_gflop_s", peak.measured / 1e9 },
        { "fraction_of_fma_peak", prefillFlopsPerS / peak.measured },
    };
    if (llama)
        j["llama_cpp"] = *llama;
    for (const core::BatchThroughputPoint& b : batches)
        j["batched_decode"].push_back({ { "sequences", b.sequences }, { "ms_per_step", b.msPerStep },
            { "tokens_per_s", b.tokensPerS }, { "bandwidth_limit_tokens_per_s", b.limitTokensPerS } });
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
    std::printf("model            %s (%.1fM parameters, %s, %.1f MB in memory, %d threads)\n",
        in.model->folder().c_str(), in.model->parameterCount() / 1e6, in.model->weightsDtype().c_str(),
        in.model->weightBytes() / 1e6, core::threadCount());
    std::printf("prefill          %d tokens: %.1f tokens/s\n", promptTokens, promptTokens / prefillSeconds);
    std::printf("FP32 FMA peak    %.1f GFLOP/s measured (%d threads, %.0f-float FMAs); prefill reached %.1f GFLOP/s "
                "= %.0f%%\n",
        peak.measured / 1e9, core::threadCount(), peak.vectorFloats, prefillFlopsPerS / 1e9,
        100.0 * prefillFlopsPerS / peak.measured);
    std::printf("decode           %d tokens: %.1f tokens/s (%.2f ms/token)\n", genTokens, decodeTps,
        1e3 * decodeSeconds / genTokens);
    std::printf(
        "bandwidth        %.1f GB/s measured; a decode step reads %.1f MB\n", bandwidth / 1e9, bytesPerStep / 1e6);
    std::printf("decode limit     %.1f tokens/s; reached %.0f%%\n", limitTps, 100.0 * decodeTps / limitTps);
    for (const core::BatchThroughputPoint& b : batches)
        std::printf("batch %3d        %.2f ms/step, %.1f tokens/s in all (bandwidth limit %.1f)\n", b.sequences,
            b.msPerStep, b.tokensPerS, b.limitTokensPerS);
    if (llama) {
        const double lp = (*llama)["prefill_tokens_per_s"], ld = (*llama)["decode_tokens_per_s"];
        std::printf("llama.cpp        prefill %.1f tokens/s, decode %.1f tokens/s (%s, same file, same run)\n", lp, ld,
            (*llama)["build"].get<std::string>().c_str());
        std::printf(
            "ours / llama.cpp prefill %.2fx, decode %.2fx\n", promptTokens / prefillSeconds / lp, decodeTps / ld);
    }
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

#pragma once
// Activation patching (causal tracing): run a clean prompt ("The capital of France is") and a corrupted one of the
// same length ("The capital of Italy is"); then re-run the corrupted prompt with one activation replaced by its
// value from the clean run, and measure how much of the clean answer comes back:
//   metric = logit(target) - logit(minus) at the last position (logit(target) alone without minus)
//   restored = (metric_patched - metric_corrupted) / (metric_clean - metric_corrupted)   (1 = fully restored)
// Sites: the residual stream entering each block at each position (layers x positions passes), and each head's
// output at every position at once (layers x heads passes).
#include "core/exec/intervention.h"
#include "core/plan/execution_plan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace core {

class Model;

struct PatchingOptions {
    std::int32_t target = -1; // required
    std::int32_t minus = -1; // optional
    bool residual = true; // the layers x positions grid
    bool heads = true; // the layers x heads grid
    std::function<void(int done, int total)> progress {}; // after each pass
    const std::atomic<bool>* cancel = nullptr; // checked before each pass
};

struct PatchingResult {
    int layers = 0;
    int positions = 0;
    int heads = 0;
    double cleanMetric = 0;
    double corruptedMetric = 0;
    std::vector<double> residual; // layers x positions, row-major: restored fraction (empty if not asked)
    std::vector<double> head; // layers x heads, row-major (empty if not asked)
    bool cancelled = false; // stopped early: the grids hold NaN where no pass ran

    double residualAt(int layer, int position) const { return residual[std::size_t(layer) * positions + position]; }
    double headAt(int layer, int h) const { return head[std::size_t(layer) * heads + h]; }
};

// Throws core::Error when the prompts differ in length, a token is out of range, or the clean and corrupted
// metrics are equal (nothing to restore).
PatchingResult runActivationPatching(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> clean,
    std::span<const std::int32_t> corrupted, const PatchingOptions& options);

// The values to patch: the residual stream entering block `layer` (all positions, (T, dim)) and every head's
// output ((nHeads, T, headDim) per layer) of one clean run. Exposed for tests and for the UI's single patches.
struct CleanActivations {
    int positions = 0;
    std::vector<std::vector<float>> residualPre; // [layer] -> T x dim
    std::vector<std::vector<float>> heads; // [layer] -> nHeads x T x headDim
    std::vector<float> logits; // last position
};
CleanActivations recordCleanActivations(
    const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens);

} // namespace core

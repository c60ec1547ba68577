#pragma once
// Greedy, beam search and seeded samples of the same prompt, side by side: the tokens each way picks, how likely
// the model found each token, and where the runs part ways. The comparison view and `inference-cli compare` show it.
//
//   ComparisonOptions o;                       // greedy, a 4-beam search, three samples (seeds 1, 2, 3)
//   o.generation.maxNewTokens = 16;
//   const Comparison c = compareDecodings(model, &tokenizer, prompt, o);
//   c.runs[0].tokens; c.runs[0].sumLogProb; c.firstDivergence;
#include "core/decoding/generation_session.h"
#include "core/decoding/stop_reason.h"
#include "core/exec/intervention.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_order.h"

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

namespace core {

class ExecutionPlan;
class Model;
class Tokenizer;

enum class ComparedKind { Greedy, Beam, Sample };

struct ComparisonOptions {
    GenerationOptions generation {}; // max new tokens, stop sequences, EOS: shared by every run
    SamplingParameters sampling {}; // greedy runs these with temperature 0; a sample with temperature 0 gets 1
    StageOrder order {};
    int beamWidth = 4; // 0: no beam run
    int samples = 3; // sample i (0-based) draws with seed sampling.seed + i + 1
    InterventionList interventions {}; // applied to every run (an ablated head changes greedy, beam and samples)
};

struct ComparedRun {
    ComparedKind kind = ComparedKind::Greedy;
    int beamWidth = 0; // a Beam run's B
    std::uint64_t seed = 0; // a Sample run's seed
    std::vector<std::int32_t> tokens; // the generated tokens
    // (tokens,) each token's probability under the model (softmax of the logits, before any sampling stage), so
    // every run is measured on the same scale.
    std::vector<double> probabilities;
    double sumLogProb = 0; // sum of log probabilities (a probability below 1e-300 counts as 1e-300)
    StopReason stopReason = StopReason::None;
    int divergesAt = -1; // first position where it differs from the first (greedy) run; -1: never
};

struct Comparison {
    std::vector<ComparedRun> runs; // greedy, then the beam (if any), then the samples
    int firstDivergence = -1; // first position where the runs do not all agree; -1: they all agree
};

// Runs the greedy decode, the beam search (best hypothesis; EOS ends it when generation.stopAtEos) and the seeded
// samples. The greedy run and the samples decode together as one batch (one pass over the weights per step for all
// of them, each with its own KV cache; up to 16 at once), the beam search batches its beams: the same tokens as
// running each alone. When *cancel becomes true the runs under way stop (Cancelled, keeping their tokens) and the
// ones not begun are left out. `plan`: the model's compiled plan (a LoadedModel's),
// used by reference; without one each run compiles its own. Throws core::Error for an empty prompt or parameters out
// of range.
Comparison compareDecodings(const Model& model, const Tokenizer* tokenizer, std::span<const std::int32_t> prompt,
    const ComparisonOptions& options, const std::atomic<bool>* cancel = nullptr, const ExecutionPlan* plan = nullptr);

// The first position where `run` and `reference` differ, the shorter length if one is a prefix of the other
// (and they differ in length), else -1.
int firstDifference(std::span<const std::int32_t> reference, std::span<const std::int32_t> run);

// Fills every run's divergesAt (against runs[0]) and the comparison's firstDivergence.
void markDivergences(Comparison& comparison);

} // namespace core

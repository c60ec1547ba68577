#pragma once
// One score per attention head for what it is known to do:
//   sink          mean attention of positions >= 1 to the first token
//   previous      mean attention of positions >= 1 to the token just before them
//   induction     on a random token sequence repeated twice (r r), the mean attention of each position in the
//                 second copy to the token after the previous occurrence of its own token (what to copy next);
//                 random weights give about 1 / position, a trained induction head close to 1
//   attention to  the last position's attention to a chosen position of the prompt (e.g. the country)
//   ablation      P(target) with the head zeroed minus P(target) in the normal run (negative: the head helps)
// sink, previous, attention-to and ablation are measured on the given prompt; induction on its own sequence.
#include "core/plan/execution_plan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace core {

class Model;

struct HeadScores {
    int layer = 0;
    int head = 0;
    double sink = 0;
    double previous = 0;
    double induction = 0;
    double attentionTo = 0; // NaN without a chosen position
    double ablationDelta = 0; // NaN without a target
};

struct HeadDetectorOptions {
    std::int32_t target = -1; // for the ablation column (-1: skipped)
    int attendPosition = -1; // for the attention-to column (-1: skipped)
    int inductionLength = 16; // tokens in each copy of the random sequence (>= 2)
    std::uint64_t seed = 1; // of the random sequence
    // Instead of random tokens, this unit repeated twice (e.g. the words of a pattern the model was trained on;
    // its tokens should be distinct, so that "the previous occurrence" is unambiguous).
    std::vector<std::int32_t> inductionUnit {};
    std::function<void(int done, int total)> progress {};
    const std::atomic<bool>* cancel = nullptr;
};

struct HeadDetectorResult {
    std::vector<HeadScores> heads; // layer-major: heads[layer * nHeads + head]
    std::vector<std::int32_t> inductionTokens; // the repeated sequence used
    double baselineTargetProb = 0; // P(target) in the normal run (0 without a target)
    bool cancelled = false;
};

// Throws core::Error for an empty prompt, a prompt too long, a position outside it, or a target outside the
// vocabulary.
HeadDetectorResult detectHeads(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> prompt,
    const HeadDetectorOptions& options);

// The induction sequence: `length` ids drawn from [0, vocab) (no repeats within a copy, when the vocabulary allows),
// then the same ids again; a deterministic function of the seed.
std::vector<std::int32_t> repeatedRandomTokens(int vocab, int length, std::uint64_t seed);

} // namespace core

#pragma once
// The sampling pipeline: logits (vocab,) -> the stages of the order, each recorded -> a seeded draw.
//
//   SamplingPipeline pipeline(vocab);
//   pipeline.setParameters(params);             // validated here, once (throws core::Error)
//   pipeline.setOrder(StageOrder::llamaCpp());
//   RandomSource random(params.seed);
//   SamplingRecord record;
//   pipeline.run(logits, history, random.nextUniform(), record);
//   record.chosenToken(); record.table(20); record.toJson();
//
// Re-running with the same logits, history and uniform number but other parameters needs no forward pass and takes
// well under a millisecond at a 150k vocabulary (tests/sampling/bench_sampling.cpp): the UI does it live.
// A pipeline reuses its scratch buffers across runs: use one per thread (one per generation session).
#include "core/sampling/candidate_list.h"
#include "core/sampling/rank_selector.h"
#include "core/sampling/sampler_stage.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/sampling_record.h"
#include "core/sampling/stage_order.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace core {

class SamplingPipeline {
public:
    // Throws core::Error when the parameters are out of range for this vocabulary.
    explicit SamplingPipeline(
        int vocabSize, const SamplingParameters& parameters = {}, StageOrder order = StageOrder::huggingFace());

    int vocabSize() const { return m_vocabSize; }

    // Validates (throws core::Error("sampling parameters", field, ...)) and keeps them.
    void setParameters(const SamplingParameters& parameters);
    const SamplingParameters& parameters() const { return m_parameters; }
    void setOrder(StageOrder order);
    const StageOrder& order() const { return m_order; }
    std::vector<std::string> stageNames() const { return m_order.stageNames(); }

    // One step: every stage of the order on `logits` (vocab,), then the draw with `uniform` in [0, 1): walking the
    // survivors best first, the chosen token is the first whose cumulative probability exceeds `uniform`.
    // `history` is the prompt and the generated tokens so far (the penalties count the last penaltyWindow of them).
    // Throws core::Error for a NaN or +inf logit (naming its position), a wrong logits size, a history token
    // outside the vocabulary, a uniform outside [0, 1), or when every logit is (or was made) -inf.
    void run(std::span<const float> logits, std::span<const int32_t> history, double uniform, SamplingRecord& record);
    SamplingRecord run(std::span<const float> logits, std::span<const int32_t> history, double uniform);

private:
    void countWindow(std::span<const int32_t> history);

    int m_vocabSize;
    SamplingParameters m_parameters;
    StageOrder m_order;

    // Scratch reused across runs (no allocation per run once warmed up).
    CandidateList m_candidates;
    RankSelector m_selector;
    std::vector<float> m_scratch;
    std::vector<int32_t> m_windowTokens;
    std::vector<TokenCount> m_window;
};

} // namespace core

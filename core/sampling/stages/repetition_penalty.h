#pragma once
// Repetition penalty, Hugging Face style (RepetitionPenaltyLogitsProcessor, also llama.cpp's penalty_repeat): for
// every token present in the penalty window, a positive logit is divided by the penalty and a negative one
// multiplied by it, so penalty > 1 always makes a seen token less likely. How often it was seen does not matter.
#include "core/sampling/sampler_stage.h"

namespace core {

class RepetitionPenaltyStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::RepetitionPenalty; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

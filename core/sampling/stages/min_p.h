#pragma once
// Min-p: drop every token whose probability is below min_p times the probability of the most likely token, so
// the cut follows the model's confidence. min_p = 0 is off.
#include "core/sampling/sampler_stage.h"

namespace core {

class MinPStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::MinP; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

#pragma once
// Temperature: logit / T. T < 1 sharpens the distribution, T > 1 flattens it, T = 1 leaves it as the model gave it.
// T = 0 is greedy decoding: only the argmax survives (ties go to the lowest token id).
#include "core/sampling/sampler_stage.h"

namespace core {

class TemperatureStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::Temperature; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

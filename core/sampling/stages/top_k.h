#pragma once
// Top-k: keep the k highest logits (exactly k: ties at the cut go to the lower token ids). k = 0 is off.
#include "core/sampling/sampler_stage.h"

namespace core {

class TopKStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::TopK; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

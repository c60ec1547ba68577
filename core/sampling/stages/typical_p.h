#pragma once
// Typical-p (locally typical sampling, Meister et al. 2022), with Hugging Face's TypicalLogitsWarper semantics:
// rank tokens by how close their surprise -log p is to the entropy H of the distribution, keep the smallest such
// prefix whose probability reaches the mass p, plus any token tied with the last one kept. p = 1 is off.
#include "core/sampling/sampler_stage.h"

namespace core {

class TypicalPStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::TypicalP; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

#pragma once
// Top-p (nucleus): keep the smallest best-first prefix of the distribution whose cumulative probability is >= p;
// at least one token always survives. p = 1 is off.
#include "core/sampling/sampler_stage.h"

namespace core {

class TopPStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::TopP; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

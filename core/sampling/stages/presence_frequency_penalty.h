#pragma once
// Presence and frequency penalties, OpenAI style: logit -= presence * (count > 0) + frequency * count, where count
// is how often the token occurs in the penalty window. Presence is a flat fee for having appeared at all;
// frequency grows with every repetition.
#include "core/sampling/sampler_stage.h"

namespace core {

class PresenceFrequencyPenaltyStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::PresenceFrequencyPenalty; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

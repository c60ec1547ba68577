#pragma once
// Logit bias: logit[token] += bias for each entry of parameters.logitBias (OpenAI's logit_bias, llama.cpp's
// --logit-bias). A bias of -inf bans the token: its probability becomes exactly 0.
#include "core/sampling/sampler_stage.h"

namespace core {

class LogitBiasStage final : public SamplerStage {
public:
    SamplerStageKind kind() const override { return SamplerStageKind::LogitBias; }
    std::string describe(const SamplingParameters& parameters) const override;
    void apply(CandidateList& candidates, StageContext& context) const override;
};

} // namespace core

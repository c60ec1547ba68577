#include "core/sampling/sampler_stage.h"

#include "core/sampling/stages/logit_bias.h"
#include "core/sampling/stages/min_p.h"
#include "core/sampling/stages/presence_frequency_penalty.h"
#include "core/sampling/stages/repetition_penalty.h"
#include "core/sampling/stages/temperature.h"
#include "core/sampling/stages/top_k.h"
#include "core/sampling/stages/top_p.h"
#include "core/sampling/stages/typical_p.h"

#include <cstdio>

namespace core {

const SamplerStage& samplerStage(SamplerStageKind kind)
{
    static const LogitBiasStage logitBias;
    static const RepetitionPenaltyStage repetitionPenalty;
    static const PresenceFrequencyPenaltyStage presenceFrequencyPenalty;
    static const TemperatureStage temperature;
    static const TopKStage topK;
    static const TopPStage topP;
    static const MinPStage minP;
    static const TypicalPStage typicalP;
    switch (kind) {
    case SamplerStageKind::LogitBias:
        return logitBias;
    case SamplerStageKind::RepetitionPenalty:
        return repetitionPenalty;
    case SamplerStageKind::PresenceFrequencyPenalty:
        return presenceFrequencyPenalty;
    case SamplerStageKind::Temperature:
        return temperature;
    case SamplerStageKind::TopK:
        return topK;
    case SamplerStageKind::TopP:
        return topP;
    case SamplerStageKind::MinP:
        return minP;
    case SamplerStageKind::TypicalP:
        return typicalP;
    }
    return temperature; // unreachable: every enumerator is handled above
}

std::string formatNumber(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

} // namespace core

#include "core/sampling/stage_kind.h"

#include <array>

namespace core {

namespace {
    constexpr std::array<std::string_view, samplerStageKindCount> kNames = {
        "logit_bias",
        "repetition_penalty",
        "presence_frequency_penalty",
        "temperature",
        "top_k",
        "top_p",
        "min_p",
        "typical_p",
    };
}

std::string_view stageKindName(SamplerStageKind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<SamplerStageKind> stageKindFromName(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name)
            return static_cast<SamplerStageKind>(i);
    }
    return std::nullopt;
}

bool stageChangesLogits(SamplerStageKind kind)
{
    return kind == SamplerStageKind::LogitBias || kind == SamplerStageKind::RepetitionPenalty
        || kind == SamplerStageKind::PresenceFrequencyPenalty;
}

} // namespace core

#include "core/sampling/stage_kind.h"

#include "core/sampling/stage_descriptor.h"

namespace core {

std::string_view stageKindName(SamplerStageKind kind) { return stageDescriptor(kind).name; }

std::optional<SamplerStageKind> stageKindFromName(std::string_view name)
{
    for (const StageDescriptor& d : stageDescriptors()) {
        if (d.name == name)
            return d.kind;
    }
    return std::nullopt;
}

bool stageChangesLogits(SamplerStageKind kind)
{
    return kind == SamplerStageKind::LogitBias || kind == SamplerStageKind::RepetitionPenalty
        || kind == SamplerStageKind::PresenceFrequencyPenalty;
}

} // namespace core

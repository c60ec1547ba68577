#include "core/sampling/stage_order.h"

#include "core/common/error.h"

namespace core {

using Kind = SamplerStageKind;

StageOrder::StageOrder()
    : StageOrder(huggingFace())
{
}

StageOrder::StageOrder(std::string name, std::vector<SamplerStageKind> stages)
    : m_name(std::move(name))
    , m_stages(std::move(stages))
{
}

StageOrder StageOrder::huggingFace()
{
    return StageOrder("hf",
        { Kind::LogitBias, Kind::RepetitionPenalty, Kind::PresenceFrequencyPenalty, Kind::Temperature, Kind::TopK,
            Kind::TopP, Kind::MinP, Kind::TypicalP });
}

StageOrder StageOrder::llamaCpp()
{
    return StageOrder("llama.cpp",
        { Kind::LogitBias, Kind::RepetitionPenalty, Kind::PresenceFrequencyPenalty, Kind::TopK, Kind::TypicalP,
            Kind::TopP, Kind::MinP, Kind::Temperature });
}

StageOrder StageOrder::fromName(std::string_view name)
{
    if (name == "hf")
        return huggingFace();
    if (name == "llama.cpp")
        return llamaCpp();
    throw Error(
        "sampling parameters", "order", "unknown stage order \"" + std::string(name) + "\" (expected hf or llama.cpp)");
}

StageOrder StageOrder::custom(std::vector<SamplerStageKind> stages)
{
    bool seen[samplerStageKindCount] = {};
    for (SamplerStageKind kind : stages) {
        bool& flag = seen[static_cast<size_t>(kind)];
        if (flag)
            throw Error("sampling parameters", "order", "stage " + std::string(stageKindName(kind)) + " appears twice");
        flag = true;
    }
    return StageOrder("custom", std::move(stages));
}

std::vector<std::string> StageOrder::presetNames() { return { "hf", "llama.cpp" }; }

std::vector<std::string> StageOrder::stageNames() const
{
    std::vector<std::string> names;
    names.reserve(m_stages.size());
    for (SamplerStageKind kind : m_stages)
        names.emplace_back(stageKindName(kind));
    return names;
}

} // namespace core

#pragma once
// The order of the sampler stages, as data. Two named presets reproduce the two ecosystems' defaults; the draw
// always comes after the last stage. A stage missing from the order is not applied.
//
//   hf         logit_bias, repetition_penalty, presence_frequency_penalty, temperature, top_k, top_p, min_p, typical_p
//   llama.cpp  logit_bias, repetition_penalty, presence_frequency_penalty, top_k, typical_p, top_p, min_p, temperature
//
// Sources: transformers GenerationMixin._get_logits_processor (sequence_bias, then repetition_penalty, ...; then
// the warpers temperature, top_k, top_p, min_p, typical_p; transformers has no presence/frequency penalty, we put
// it with the other penalties) and llama.cpp common/common.h common_params_sampling::samplers (penalties, dry,
// top_n_sigma, top_k, typical_p, top_p, min_p, xtc, temperature) with common_sampler_init adding logit_bias first
// and dist last; its "penalties" sampler applies the repetition penalty, then frequency and presence.
#include "core/sampling/stage_kind.h"

#include <string>
#include <string_view>
#include <vector>

namespace core {

class StageOrder {
public:
    StageOrder(); // the "hf" preset

    static StageOrder huggingFace();
    static StageOrder llamaCpp();
    // "hf" or "llama.cpp"; throws core::Error("sampling parameters", "order", ...) otherwise.
    static StageOrder fromName(std::string_view name);
    // Any subset of the stages, each at most once, named "custom"; throws core::Error on a duplicate.
    static StageOrder custom(std::vector<SamplerStageKind> stages);
    static std::vector<std::string> presetNames(); // { "hf", "llama.cpp" }

    const std::string& name() const { return m_name; }
    const std::vector<SamplerStageKind>& stages() const { return m_stages; }
    std::vector<std::string> stageNames() const;

    bool operator==(const StageOrder&) const = default;

private:
    StageOrder(std::string name, std::vector<SamplerStageKind> stages);

    std::string m_name;
    std::vector<SamplerStageKind> m_stages;
};

} // namespace core

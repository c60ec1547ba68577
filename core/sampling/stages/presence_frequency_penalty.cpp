#include "core/sampling/stages/presence_frequency_penalty.h"

#include "core/sampling/candidate_list.h"

namespace core {

std::string PresenceFrequencyPenaltyStage::describe(const SamplingParameters& parameters) const
{
    if (parameters.presencePenalty == 0.0f && parameters.frequencyPenalty == 0.0f)
        return "off";
    return "presence = " + formatNumber(parameters.presencePenalty)
        + ", frequency = " + formatNumber(parameters.frequencyPenalty);
}

void PresenceFrequencyPenaltyStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float presence = context.parameters.presencePenalty;
    const float frequency = context.parameters.frequencyPenalty;
    if (presence == 0.0f && frequency == 0.0f)
        return;
    for (const TokenCount& seen : context.window) {
        const long i = candidates.find(seen.token);
        if (i < 0)
            continue;
        // Same expression as llama.cpp's penalties sampler (count > 0 for every token of the window).
        const float logit = candidates.logit(size_t(i));
        candidates.setLogit(size_t(i), logit - (float(seen.count) * frequency + presence));
    }
}

} // namespace core

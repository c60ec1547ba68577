#include "core/sampling/stages/repetition_penalty.h"

#include "core/sampling/candidate_list.h"

namespace core {

std::string RepetitionPenaltyStage::describe(const SamplingParameters& parameters) const
{
    return parameters.repetitionPenalty == 1.0f ? "off" : "penalty = " + formatNumber(parameters.repetitionPenalty);
}

void RepetitionPenaltyStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float penalty = context.parameters.repetitionPenalty;
    if (penalty == 1.0f)
        return;
    for (const TokenCount& seen : context.window) {
        const long i = candidates.find(seen.token);
        if (i < 0)
            continue;
        const float logit = candidates.logit(size_t(i));
        candidates.setLogit(size_t(i), logit > 0.0f ? logit / penalty : logit * penalty);
    }
}

} // namespace core

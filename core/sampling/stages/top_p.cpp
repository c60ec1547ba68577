#include "core/sampling/stages/top_p.h"

#include "core/sampling/candidate_list.h"
#include "core/sampling/rank_selector.h"

namespace core {

std::string TopPStage::describe(const SamplingParameters& parameters) const
{
    return parameters.topP >= 1.0f ? "off" : "p = " + formatNumber(parameters.topP);
}

void TopPStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float p = context.parameters.topP;
    if (p >= 1.0f)
        return;
    candidates.updateWeights();
    const double before = candidates.total();
    const RankBoundary last = context.selector.byMass(
        candidates.logits(), candidates.weights(), candidates.tokens(), double(p) * before, MassRule::AtLeast);
    const float* logits = candidates.logits().data();
    const int32_t* tokens = candidates.tokens().data();
    candidates.keepIf([=](size_t i) { return rankedAtOrAbove(logits[i], tokens[i], last); });
    context.note = "kept mass " + formatNumber(candidates.total() / before);
}

} // namespace core

#include "core/sampling/stages/top_k.h"

#include "core/sampling/candidate_list.h"
#include "core/sampling/rank_selector.h"

namespace core {

std::string TopKStage::describe(const SamplingParameters& parameters) const
{
    return parameters.topK == 0 ? "off" : "k = " + std::to_string(parameters.topK);
}

void TopKStage::apply(CandidateList& candidates, StageContext& context) const
{
    const size_t k = size_t(context.parameters.topK);
    if (k == 0 || k >= candidates.size())
        return;
    const RankBoundary last = context.selector.byCount(candidates.logits(), candidates.tokens(), k);
    const float* logits = candidates.logits().data();
    const int32_t* tokens = candidates.tokens().data();
    candidates.keepIf([=](size_t i) { return rankedAtOrAbove(logits[i], tokens[i], last); });
}

} // namespace core

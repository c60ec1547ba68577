#include "core/sampling/stages/min_p.h"

#include "core/sampling/candidate_list.h"
#include "core/sampling/simd_loops.h"

namespace core {

std::string MinPStage::describe(const SamplingParameters& parameters) const
{
    return parameters.minP == 0.0f ? "off" : "min_p = " + formatNumber(parameters.minP);
}

void MinPStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float minP = context.parameters.minP;
    if (minP == 0.0f)
        return;
    candidates.updateWeights();
    // Compare weights (probability * total), so the total cancels: p < min_p * p_max <=> w < min_p * w_max.
    const std::span<const float> weights = candidates.weights();
    const float maxWeight = simd::maxOf(weights);
    const float threshold = minP * maxWeight;
    const float* w = weights.data();
    candidates.keepIf([=](size_t i) { return w[i] >= threshold; });
    context.note = "threshold p = " + formatNumber(minP * maxWeight / candidates.total());
}

} // namespace core

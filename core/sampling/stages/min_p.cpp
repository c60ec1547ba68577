#include "core/sampling/stages/min_p.h"

#include "core/sampling/candidate_list.h"

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
    float maxWeight = 0.0f;
    for (float w : weights)
        maxWeight = w > maxWeight ? w : maxWeight;
    const float threshold = minP * maxWeight;
    candidates.keepIf([&](size_t i) { return weights[i] >= threshold; });
    context.note = "threshold p = " + formatNumber(minP * maxWeight / candidates.total());
}

} // namespace core

#include "core/sampling/stages/temperature.h"

#include "core/sampling/candidate_list.h"

namespace core {

std::string TemperatureStage::describe(const SamplingParameters& parameters) const
{
    return parameters.temperature == 0.0f ? "T = 0 (greedy)" : "T = " + formatNumber(parameters.temperature);
}

void TemperatureStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float temperature = context.parameters.temperature;
    if (temperature == 1.0f)
        return;
    if (temperature > 0.0f) {
        candidates.divideLogits(temperature);
        return;
    }
    // Greedy. The list is in token id order (reset fills it so, removals keep the order), so the first maximum is
    // the lowest id among ties.
    size_t best = 0;
    for (size_t i = 1; i < candidates.size(); ++i) {
        if (candidates.logit(i) > candidates.logit(best))
            best = i;
    }
    candidates.keepIf([best](size_t i) { return i == best; });
}

} // namespace core

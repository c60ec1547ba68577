#include "core/sampling/stages/temperature.h"

#include "core/sampling/candidate_list.h"

#include <cmath>

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
    // Greedy picks the first maximum. The list is in token id order (reset fills it so, removals keep the order), so
    // that is the lowest id among ties.
    size_t best = 0;
    for (size_t i = 1; i < candidates.size(); ++i) {
        if (candidates.logit(i) > candidates.logit(best))
            best = i;
    }
    if (temperature > 0.0f) {
        // A temperature so small that the best logit / T leaves the float range (1e-45, 1e-38) would flatten every
        // large logit to the same clamped value and sample among them uniformly; the limit T -> 0 is greedy, so
        // keep only the best token, then divide as usual (the record replays the same clamped division).
        const float bestLogit = candidates.size() ? candidates.logit(best) : 0.0f;
        if (std::isfinite(bestLogit) && !std::isfinite(bestLogit / temperature))
            candidates.keepIf([best](size_t i) { return i == best; });
        candidates.divideLogits(temperature);
        return;
    }
    candidates.keepIf([best](size_t i) { return i == best; });
}

} // namespace core

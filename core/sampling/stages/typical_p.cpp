#include "core/sampling/stages/typical_p.h"

#include "core/sampling/candidate_list.h"
#include "core/sampling/rank_selector.h"
#include "core/sampling/simd_loops.h"

#include <cmath>
#include <vector>

namespace core {

std::string TypicalPStage::describe(const SamplingParameters& parameters) const
{
    return parameters.typicalP >= 1.0f ? "off" : "p = " + formatNumber(parameters.typicalP);
}

void TypicalPStage::apply(CandidateList& candidates, StageContext& context) const
{
    const float mass = context.parameters.typicalP;
    if (mass >= 1.0f)
        return;
    candidates.updateWeights();
    const size_t n = candidates.size();
    const std::span<const float> logits = candidates.logits();
    const std::span<const float> weights = candidates.weights();
    const double total = candidates.total();
    const double logTotal = std::log(total);
    const float reference = candidates.reference();

    // log p_i = (logit_i - reference) - log(total); entropy H = -sum p log p = log(total) - sum w (logit - ref) /
    // total. Zero weights (-inf logits) contribute nothing (HF uses nansum for the same reason).
    const float* w = weights.data();
    const float* l = logits.data();
    const double weighted
        = simd::laneSum(n, [=](size_t i) { return w[i] > 0.0f ? double(w[i]) * double(l[i] - reference) : 0.0; });
    const double entropy = logTotal - weighted / total;

    // key = -|surprise - H|: the most typical token has the highest key (rank order is "higher key first").
    std::vector<float>& keys = context.scratch; // (n,)
    keys.resize(n);
    float* key = keys.data();
#pragma omp simd
    for (size_t i = 0; i < n; ++i) {
        const double surprise = logTotal - double(l[i] - reference); // -log p_i; +inf for a -inf logit
        key[i] = -float(std::fabs(surprise - entropy));
    }
    const RankBoundary last
        = context.selector.byMass(keys, weights, candidates.tokens(), double(mass) * total, MassRule::AtLeast);
    // HF keeps every token whose score ties the last one kept, so the cut compares keys only.
    const float cut = last.key;
    candidates.keepIf([=](size_t i) { return key[i] >= cut; });
    context.note = "entropy " + formatNumber(entropy) + " nats";
}

} // namespace core

#include "core/sampling/stages/logit_bias.h"

#include "core/sampling/candidate_list.h"

namespace core {

std::string LogitBiasStage::describe(const SamplingParameters& parameters) const
{
    const size_t n = parameters.logitBias.size();
    return n == 0 ? "off" : std::to_string(n) + (n == 1 ? " token" : " tokens");
}

void LogitBiasStage::apply(CandidateList& candidates, StageContext& context) const
{
    for (const auto& [token, bias] : context.parameters.logitBias) {
        const long i = candidates.find(token);
        if (i >= 0)
            candidates.setLogit(size_t(i), candidates.logit(size_t(i)) + bias);
    }
}

} // namespace core

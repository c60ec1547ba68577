#include "core/sampling/sampling_parameters.h"

#include "core/common/error.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace core {

namespace {
    constexpr const char* kFile = "sampling parameters";

    [[noreturn]] void reject(const std::string& field, const std::string& rule, double got)
    {
        throw Error(kFile, field, rule + ", got " + errorNumber(got));
    }
}

void SamplingParameters::validate(int vocabSize) const
{
    // !(x >= 0) also rejects NaN.
    if (!(temperature >= 0.0f) || std::isinf(temperature))
        reject("temperature", "must be >= 0 (0 = greedy) and finite", temperature);
    if (topK < 0)
        reject("top_k", "must be >= 0 (0 = off)", topK);
    if (!(topP > 0.0f && topP <= 1.0f))
        reject("top_p", "must be in (0, 1] (1 = off)", topP);
    if (!(minP >= 0.0f && minP <= 1.0f))
        reject("min_p", "must be in [0, 1] (0 = off)", minP);
    if (!(typicalP > 0.0f && typicalP <= 1.0f))
        reject("typical_p", "must be in (0, 1] (1 = off)", typicalP);
    if (!(repetitionPenalty > 0.0f) || std::isinf(repetitionPenalty))
        reject("repetition_penalty", "must be > 0 and finite (1 = off)", repetitionPenalty);
    if (!std::isfinite(presencePenalty))
        reject("presence_penalty", "must be finite", presencePenalty);
    if (!std::isfinite(frequencyPenalty))
        reject("frequency_penalty", "must be finite", frequencyPenalty);
    if (penaltyWindow < 0)
        reject("penalty_window", "must be >= 0 (0 = the whole history)", penaltyWindow);
    for (const auto& [token, bias] : logitBias) {
        const std::string field = "logit_bias[" + std::to_string(token) + "]";
        if (token < 0 || token >= vocabSize)
            throw Error(kFile, field, "token id is outside the vocabulary (size " + std::to_string(vocabSize) + ")");
        // -inf is allowed (it bans the token); +inf would swamp the softmax, NaN is never meaningful.
        if (std::isnan(bias) || bias == INFINITY)
            reject(field, "must be a number or -inf", bias);
    }
}

nlohmann::json SamplingParameters::toJson() const
{
    nlohmann::json bias = nlohmann::json::object();
    for (const auto& [token, value] : logitBias)
        bias[std::to_string(token)] = std::isinf(value) ? nlohmann::json("-inf") : nlohmann::json(value);
    return {
        { "temperature", temperature },
        { "top_k", topK },
        { "top_p", topP },
        { "min_p", minP },
        { "typical_p", typicalP },
        { "repetition_penalty", repetitionPenalty },
        { "presence_penalty", presencePenalty },
        { "frequency_penalty", frequencyPenalty },
        { "penalty_window", penaltyWindow },
        { "logit_bias", bias },
        { "seed", seed },
    };
}

} // namespace core

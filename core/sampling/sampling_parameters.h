#pragma once
// Every knob of the sampling pipeline, as a plain struct with the "off" value as default. Validated once, when the
// pipeline receives it (SamplingPipeline::setParameters), never per token.
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>

namespace core {

struct SamplingParameters {
    float temperature = 1.0f; // logits / T; 0 = greedy (only the argmax survives); >= 0
    int topK = 0; // keep the k best; 0 = off; >= 0
    float topP = 1.0f; // nucleus mass in (0, 1]; 1 = off
    float minP = 0.0f; // drop p < minP * p_max; in [0, 1]; 0 = off
    float typicalP = 1.0f; // typical mass in (0, 1]; 1 = off
    float repetitionPenalty = 1.0f; // > 0; 1 = off; > 1 discourages repeats
    float presencePenalty = 0.0f; // subtracted once from every token seen in the window; 0 = off
    float frequencyPenalty = 0.0f; // subtracted once per occurrence in the window; 0 = off
    int penaltyWindow = 64; // the penalties look at the last N tokens of the history; 0 = the whole history
    std::map<int32_t, float> logitBias; // token -> added to its logit; -inf bans a token
    uint64_t seed = 0; // seeds the RandomSource of a generation (same seed, same tokens)

    // Throws core::Error("sampling parameters", "<field>", "...") naming the first value out of range, e.g.
    // "sampling parameters: temperature: must be >= 0, got -1".
    void validate(int vocabSize) const;

    nlohmann::json toJson() const;

    bool operator==(const SamplingParameters&) const = default;
};

} // namespace core

#pragma once
// The kinds of sampler stages. Their order in a pipeline is data (see StageOrder); their names, help and parameters
// are described once in stage_descriptor.h. The names are the strings the CLI (--order), the JSON export and the
// probability table's column headers use.
#include <optional>
#include <string_view>

namespace core {

enum class SamplerStageKind {
    LogitBias, // logit += bias[token]
    RepetitionPenalty, // HF style: positive logits / penalty, negative logits * penalty, for tokens in the window
    PresenceFrequencyPenalty, // OpenAI style: logit -= presence * (count > 0) + frequency * count
    Temperature, // logit / T; T = 0 keeps only the argmax (greedy)
    TopK, // keep the k best
    TopP, // keep the smallest best-first prefix whose probability reaches p
    MinP, // drop tokens with p < min_p * p_max
    TypicalP, // keep the tokens whose surprise is closest to the entropy, up to mass p (HF TypicalLogitsWarper)
};

inline constexpr int samplerStageKindCount = 8;

// "logit_bias", "repetition_penalty", "presence_frequency_penalty", "temperature", "top_k", "top_p", "min_p",
// "typical_p".
std::string_view stageKindName(SamplerStageKind kind);
std::optional<SamplerStageKind> stageKindFromName(std::string_view name);

// True for the stages that change logit values (and so can change the ranking); the others only remove candidates
// (temperature rescales, which keeps the ranking).
bool stageChangesLogits(SamplerStageKind kind);

} // namespace core

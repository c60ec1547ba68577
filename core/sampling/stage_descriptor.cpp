#include "core/sampling/stage_descriptor.h"

#include "core/common/error.h"

#include <array>
#include <cmath>
#include <limits>

namespace core {

namespace {
    using Kind = SamplerStageKind;
    using Type = ParameterType;
    constexpr double kInf = std::numeric_limits<double>::infinity();

    constexpr unsigned bit(Kind kind) { return 1u << static_cast<unsigned>(kind); }

    constexpr std::array<StageDescriptor, samplerStageKindCount> kStages = { {
        { Kind::LogitBias, "logit_bias", "adds a fixed amount to chosen tokens' logits; -inf bans a token" },
        { Kind::RepetitionPenalty, "repetition_penalty",
            "Hugging Face style: tokens in the penalty window get positive logits divided, negative ones multiplied" },
        { Kind::PresenceFrequencyPenalty, "presence_frequency_penalty",
            "OpenAI style: subtracts presence + frequency * count from tokens in the penalty window" },
        { Kind::Temperature, "temperature", "divides the logits by T: low T sharpens, high T flattens, 0 is greedy" },
        { Kind::TopK, "top_k", "keeps the k most likely tokens" },
        { Kind::TopP, "top_p", "keeps the smallest set of best tokens whose probabilities add up to p (nucleus)" },
        { Kind::MinP, "min_p", "drops tokens less likely than min_p times the best token's probability" },
        { Kind::TypicalP, "typical_p",
            "keeps the tokens whose surprise is closest to the entropy, up to probability mass p" },
    } };

    // The help texts are the lab's tooltips word for word: ui/widgets/sampling_lab.cpp lists them for lupdate so
    // the Turkish interface translates them.
    constexpr std::array<ParameterDescriptor, samplingParameterCount> kParameters = { {
        { .id = SamplingParameter::Temperature,
            .name = "temperature",
            .flag = "temperature",
            .metavar = "t",
            .label = "temperature",
            .type = Type::Real,
            .min = 0.0,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 1.0,
            .off = std::nullopt, // T = 1 is the model's own distribution, but the column still shows "T = 1"
            .special = 0.0,
            .specialText = "0 greedy",
            .rule = "must be >= 0 (0 = greedy) and finite",
            .help = "logits / T: low = sharper, high = flatter; 0 = greedy (only the best token)",
            .slider = { 0, 200, 0.01, 2 },
            .stages = bit(Kind::Temperature),
            .real = &SamplingParameters::temperature },
        { .id = SamplingParameter::TopK,
            .name = "top_k",
            .flag = "top-k",
            .metavar = "k",
            .label = "top-k",
            .type = Type::Integer,
            .min = 0.0,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 0.0,
            .off = 0.0,
            .rule = "must be >= 0 (0 = off)",
            .help = "keep the k most likely tokens (0 = off)",
            .slider = { 0, 50, 1.0, 0 },
            .stages = bit(Kind::TopK),
            .integer = &SamplingParameters::topK },
        { .id = SamplingParameter::TopP,
            .name = "top_p",
            .flag = "top-p",
            .metavar = "p",
            .label = "top-p",
            .type = Type::Real,
            .min = 0.0,
            .minOpen = true,
            .max = 1.0,
            .defaultValue = 1.0,
            .off = 1.0,
            .rule = "must be in (0, 1] (1 = off)",
            .help = "keep the smallest set of best tokens whose probabilities add up to p (1 = off)",
            .slider = { 1, 100, 0.01, 2 },
            .stages = bit(Kind::TopP),
            .real = &SamplingParameters::topP },
        { .id = SamplingParameter::MinP,
            .name = "min_p",
            .flag = "min-p",
            .metavar = "p",
            .label = "min-p",
            .type = Type::Real,
            .min = 0.0,
            .max = 1.0,
            .defaultValue = 0.0,
            .off = 0.0,
            .rule = "must be in [0, 1] (0 = off)",
            .help = "drop tokens less likely than min-p × the best token's probability (0 = off)",
            .slider = { 0, 100, 0.01, 2 },
            .stages = bit(Kind::MinP),
            .real = &SamplingParameters::minP },
        { .id = SamplingParameter::TypicalP,
            .name = "typical_p",
            .flag = "typical-p",
            .metavar = "p",
            .label = "typical-p",
            .type = Type::Real,
            .min = 0.0,
            .minOpen = true,
            .max = 1.0,
            .defaultValue = 1.0,
            .off = 1.0,
            .rule = "must be in (0, 1] (1 = off)",
            .help = "keep the tokens whose surprise is closest to the average surprise, up to mass p (1 = off)",
            .slider = { 1, 100, 0.01, 2 },
            .stages = bit(Kind::TypicalP),
            .real = &SamplingParameters::typicalP },
        { .id = SamplingParameter::RepetitionPenalty,
            .name = "repetition_penalty",
            .flag = "repetition-penalty",
            .metavar = "r",
            .label = "repetition",
            .type = Type::Real,
            .min = 0.0,
            .minOpen = true,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 1.0,
            .off = 1.0,
            .rule = "must be > 0 and finite (1 = off)",
            .help = "HF repetition penalty for tokens in the window: positive logits ÷ p, negative × p (1 = off)",
            .slider = { 50, 200, 0.01, 2 },
            .stages = bit(Kind::RepetitionPenalty),
            .real = &SamplingParameters::repetitionPenalty },
        { .id = SamplingParameter::PresencePenalty,
            .name = "presence_penalty",
            .flag = "presence-penalty",
            .metavar = "a",
            .label = "presence",
            .type = Type::Real,
            .min = -kInf,
            .minOpen = true,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 0.0,
            .off = 0.0,
            .rule = "must be finite",
            .help = "subtracted once from every token already in the window (0 = off)",
            .slider = { 0, 200, 0.01, 2 },
            .stages = bit(Kind::PresenceFrequencyPenalty),
            .real = &SamplingParameters::presencePenalty },
        { .id = SamplingParameter::FrequencyPenalty,
            .name = "frequency_penalty",
            .flag = "frequency-penalty",
            .metavar = "b",
            .label = "frequency",
            .type = Type::Real,
            .min = -kInf,
            .minOpen = true,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 0.0,
            .off = 0.0,
            .rule = "must be finite",
            .help = "subtracted once per occurrence in the window (0 = off)",
            .slider = { 0, 200, 0.01, 2 },
            .stages = bit(Kind::PresenceFrequencyPenalty),
            .real = &SamplingParameters::frequencyPenalty },
        { .id = SamplingParameter::PenaltyWindow,
            .name = "penalty_window",
            .flag = "penalty-window",
            .metavar = "n",
            .label = "window",
            .type = Type::Integer,
            .min = 0.0,
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 64.0,
            .off = std::nullopt, // 0 is not "off" but "the whole history"
            .special = 0.0,
            .specialText = "whole history",
            .rule = "must be >= 0 (0 = the whole history)",
            .help = "the penalties look at the last N tokens (0 = all)",
            .slider = { 0, 4096, 1.0, 0 },
            .stages = bit(Kind::RepetitionPenalty) | bit(Kind::PresenceFrequencyPenalty),
            .integer = &SamplingParameters::penaltyWindow },
        { .id = SamplingParameter::LogitBias,
            .name = "logit_bias",
            .flag = "logit-bias",
            .metavar = "ID=V",
            .label = "bias",
            .type = Type::TokenBias,
            .min = -kInf, // -inf bans the token; +inf would swamp the softmax
            .max = kInf,
            .maxOpen = true,
            .defaultValue = 0.0,
            .off = 0.0,
            .rule = "must be a number or -inf",
            .help = "added to the chosen token's logit",
            .slider = { -100, 100, 0.1, 1 },
            .stages = bit(Kind::LogitBias) },
        { .id = SamplingParameter::Seed,
            .name = "seed",
            .flag = "seed",
            .metavar = "s",
            .label = "seed",
            .type = Type::Seed,
            .min = 0.0,
            .max = 9223372036854775807.0, // what the CLI parses (a signed 64-bit number)
            .defaultValue = 0.0,
            .off = std::nullopt,
            .rule = "must be a whole number >= 0",
            .help = "the seed of the random numbers (a new seed restarts the run)",
            .slider = { 0, 1000000, 1.0, 0 },
            .stages = 0 },
    } };

    constexpr bool stagesInKindOrder()
    {
        for (std::size_t i = 0; i < kStages.size(); ++i)
            if (static_cast<std::size_t>(kStages[i].kind) != i)
                return false;
        return true;
    }
    static_assert(stagesInKindOrder(), "kStages must list the stages in SamplerStageKind order");

    constexpr bool parametersInIdOrder()
    {
        for (std::size_t i = 0; i < kParameters.size(); ++i)
            if (static_cast<std::size_t>(kParameters[i].id) != i)
                return false;
        return true;
    }
    static_assert(parametersInIdOrder(), "kParameters must list the parameters in SamplingParameter order");
}

bool ParameterDescriptor::accepts(double value) const
{
    if (std::isnan(value))
        return false;
    const bool aboveMin = minOpen ? value > min : value >= min;
    const bool belowMax = maxOpen ? value < max : value <= max;
    return aboveMin && belowMax;
}

void ParameterDescriptor::check(double value, const std::string& file, const std::string& field) const
{
    if (!accepts(value))
        throw Error(file, field, std::string(rule) + ", got " + errorNumber(value));
}

double ParameterDescriptor::get(const SamplingParameters& p) const
{
    if (real)
        return double(p.*real);
    if (integer)
        return double(p.*integer);
    return 0.0; // logit_bias and seed are not one number
}

void ParameterDescriptor::set(SamplingParameters& p, double value) const
{
    if (real)
        p.*real = float(value);
    else if (integer)
        p.*integer = int(value);
}

std::span<const StageDescriptor> stageDescriptors() { return kStages; }

const StageDescriptor& stageDescriptor(SamplerStageKind kind) { return kStages[static_cast<std::size_t>(kind)]; }

std::span<const ParameterDescriptor> parameterDescriptors() { return kParameters; }

const ParameterDescriptor& parameterDescriptor(SamplingParameter id)
{
    return kParameters[static_cast<std::size_t>(id)];
}

const ParameterDescriptor* parameterByName(std::string_view name)
{
    for (const ParameterDescriptor& d : kParameters)
        if (d.name == name)
            return &d;
    return nullptr;
}

const ParameterDescriptor* parameterByFlag(std::string_view flag)
{
    for (const ParameterDescriptor& d : kParameters)
        if (d.flag == flag)
            return &d;
    return nullptr;
}

} // namespace core

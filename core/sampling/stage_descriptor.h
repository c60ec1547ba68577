#pragma once
// Every sampler stage and every sampling parameter described once. The CLI's flags and their validation
// (app/cli/commands/sampling_args.cpp), the sampling lab's sliders (range, label, tooltip), the range checks of
// SamplingParameters::validate, its JSON keys and the stage names (stageKindName) are all read from these two tables.
//
//   stage               parameters (JSON key / CLI flag)           accepted      off   slider
//   logit_bias          logit_bias  --logit-bias ID=V              number, -inf  0     -10 .. 10 by 0.1
//   repetition_penalty  repetition_penalty  --repetition-penalty   (0, inf)      1     0.5 .. 2 by 0.01
//                       penalty_window  --penalty-window           [0, inf)      -     0 .. 4096 by 1
//   presence_frequency_penalty  presence_penalty, frequency_penalty  finite   0     0 .. 2 by 0.01
//   temperature         temperature  --temperature                 [0, inf)      -     0 .. 2 by 0.01
//   top_k               top_k  --top-k                             [0, inf)      0     0 .. 50 by 1
//   top_p / typical_p   top_p, typical_p                           (0, 1]        1     0.01 .. 1 by 0.01
//   min_p               min_p  --min-p                             [0, 1]        0     0 .. 1 by 0.01
//   (the draw)          seed  --seed                               [0, 2^63)     -     (a spin box)
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_kind.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace core {

// The fields of SamplingParameters, in declaration (and table) order.
enum class SamplingParameter {
    Temperature,
    TopK,
    TopP,
    MinP,
    TypicalP,
    RepetitionPenalty,
    PresencePenalty,
    FrequencyPenalty,
    PenaltyWindow,
    LogitBias,
    Seed,
};
inline constexpr int samplingParameterCount = 11;

enum class ParameterType {
    Real, // a float field of SamplingParameters
    Integer, // an int field
    TokenBias, // logit_bias: a map token -> value; the range applies to each value
    Seed, // the uint64 seed of the draw
};

// A slider for the parameter: integer positions min..max, value = position * scale, shown with `decimals` digits.
struct SliderHint {
    int min = 0;
    int max = 0;
    double scale = 1.0;
    int decimals = 0;
};

struct ParameterDescriptor {
    SamplingParameter id = SamplingParameter::Temperature;
    std::string_view name = {}; // JSON key, and the field a validation error names: "top_p"
    std::string_view flag = {}; // the CLI option without its dashes: "top-p"
    std::string_view metavar = {}; // what the CLI usage shows after the flag: "p"
    std::string_view label = {}; // the lab's label for it: "top-p"
    ParameterType type = ParameterType::Real;
    // Accepted values: between min and max, each end open or closed; an infinite end that is open refuses
    // infinity (so (-inf, inf) means "finite"). NaN is always refused.
    double min = 0.0;
    bool minOpen = false;
    double max = 0.0;
    bool maxOpen = false;
    double defaultValue = 0.0; // SamplingParameters' default
    std::optional<double> off
        = {}; // the value at which it changes nothing, shown as "off" (none: always shows a value)
    std::optional<double> special = {}; // a value with a meaning of its own, shown as specialText (T = 0 is greedy)
    std::string_view specialText = {};
    std::string_view rule = {}; // why a value is refused: "must be in (0, 1] (1 = off)"
    std::string_view help = {}; // one line of English for a tooltip or a usage text
    SliderHint slider = {};
    unsigned stages = 0; // bit (1 << kind) for each stage that reads it; 0 for the seed (read by the draw)
    float SamplingParameters::*real = nullptr; // the field of a Real parameter
    int SamplingParameters::*integer = nullptr; // the field of an Integer parameter

    bool accepts(double value) const;
    // Throws core::Error(file, field, "<rule>, got <value>"), e.g. "sampling parameters: top_p: must be in (0, 1]
    // (1 = off), got 1.5" or (the CLI) "--top-p: must be in (0, 1] (1 = off), got 1.5".
    void check(double value, const std::string& file, const std::string& field) const;
    bool readBy(SamplerStageKind kind) const { return (stages >> static_cast<unsigned>(kind)) & 1u; }
    bool isNumber() const { return type == ParameterType::Real || type == ParameterType::Integer; }
    // For Real and Integer parameters only: the field of `parameters` as a double, and setting it.
    double get(const SamplingParameters& parameters) const;
    void set(SamplingParameters& parameters, double value) const;
};

struct StageDescriptor {
    SamplerStageKind kind;
    std::string_view name; // "top_p": JSON, --order lists, the probability table's column kind
    std::string_view help; // one line of English
};

// In SamplerStageKind order: stageDescriptors()[size_t(kind)].kind == kind.
std::span<const StageDescriptor> stageDescriptors();
const StageDescriptor& stageDescriptor(SamplerStageKind kind);

// Every field of SamplingParameters, in its declaration (and JSON) order: parameterDescriptors()[size_t(id)].id == id.
std::span<const ParameterDescriptor> parameterDescriptors();
const ParameterDescriptor& parameterDescriptor(SamplingParameter id);
// nullptr when no parameter has that JSON name / CLI flag.
const ParameterDescriptor* parameterByName(std::string_view name);
const ParameterDescriptor* parameterByFlag(std::string_view flag);

} // namespace core

#include "core/sampling/sampling_parameters.h"

#include "core/common/error.h"
#include "core/sampling/stage_descriptor.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace core {

namespace {
    constexpr const char* kFile = "sampling parameters";
}

void SamplingParameters::validate(int vocabSize) const
{
    // Each number against its descriptor's range, in the table's order (the first one out of range is named).
    for (const ParameterDescriptor& d : parameterDescriptors())
        if (d.isNumber())
            d.check(d.get(*this), kFile, std::string(d.name));
    const ParameterDescriptor& biasRule = parameterDescriptor(SamplingParameter::LogitBias);
    for (const auto& [token, bias] : logitBias) {
        const std::string field = "logit_bias[" + std::to_string(token) + "]";
        if (token < 0 || token >= vocabSize)
            throw Error(kFile, field, "token id is outside the vocabulary (size " + std::to_string(vocabSize) + ")");
        biasRule.check(bias, kFile, field);
    }
}

nlohmann::json SamplingParameters::toJson() const
{
    // The keys are the descriptors' names, in the table's order.
    nlohmann::json json = nlohmann::json::object();
    for (const ParameterDescriptor& d : parameterDescriptors()) {
        const std::string key(d.name);
        switch (d.type) {
        case ParameterType::Real:
            json[key] = this->*d.real;
            break;
        case ParameterType::Integer:
            json[key] = this->*d.integer;
            break;
        case ParameterType::TokenBias: {
            nlohmann::json bias = nlohmann::json::object();
            for (const auto& [token, value] : logitBias)
                bias[std::to_string(token)] = std::isinf(value) ? nlohmann::json("-inf") : nlohmann::json(value);
            json[key] = bias;
            break;
        }
        case ParameterType::Seed:
            json[key] = seed;
            break;
        }
    }
    return json;
}

} // namespace core

#include "sampling_args.h"

#include "core/sampling/stage_descriptor.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

std::set<std::string> samplingOptionNames()
{
    std::set<std::string> names = { "max-new-tokens", "stop", "order", "top" };
    for (const core::ParameterDescriptor& d : core::parameterDescriptors())
        names.emplace(d.flag);
    return names;
}

std::string samplingUsage()
{
    std::string usage;
    for (const core::ParameterDescriptor& d : core::parameterDescriptors())
        usage
            += std::string(usage.empty() ? "" : " ") + "[--" + std::string(d.flag) + " " + std::string(d.metavar) + "]";
    return usage;
}

core::SamplingParameters samplingFromArgs(const Args& a, const core::SamplingParameters& defaults)
{
    core::SamplingParameters p = defaults;
    // Every number the descriptors name: parsed (a usage error if it is not a number), then checked against the
    // descriptor's range, e.g. "--top-p: must be in (0, 1] (1 = off), got 1.5" (bad input, like the pipeline's own
    // check).
    for (const core::ParameterDescriptor& d : core::parameterDescriptors()) {
        const std::string flag(d.flag);
        if (!d.isNumber() || !a.has(flag))
            continue;
        const double big = 1e9; // what can be parsed; the range is the descriptor's
        const double value = d.type == core::ParameterType::Integer
            ? double(a.integer(flag, 0, -1'000'000'000, 1'000'000'000))
            : a.number(flag, 0.0, -big, big);
        d.check(value, "--" + flag, {});
        d.set(p, value);
    }
    const std::string seedFlag(core::parameterDescriptor(core::SamplingParameter::Seed).flag);
    p.seed = std::uint64_t(a.integer(seedFlag, 0, 0, std::numeric_limits<long long>::max()));
    for (const auto& bias : a.all("logit-bias")) { // "ID=VALUE", VALUE may be -inf
        const auto eq = bias.find('=');
        if (eq == std::string::npos)
            throw UsageError("--logit-bias takes ID=VALUE, got \"" + bias + "\"");
        // Both halves are named strings: `end` points into them, so they must outlive the checks.
        const std::string idText = bias.substr(0, eq);
        char* end = nullptr;
        errno = 0;
        const long long id = std::strtoll(idText.c_str(), &end, 10);
        if (*end || idText.empty() || errno == ERANGE)
            throw UsageError("--logit-bias: \"" + idText + "\" is not a token id");
        // Range-checked before narrowing: 4294968307 must not become id 1011. The vocabulary check is core's.
        if (id < std::numeric_limits<std::int32_t>::min() || id > std::numeric_limits<std::int32_t>::max())
            throw UsageError("--logit-bias: token id " + idText + " is out of range");
        const std::string v = bias.substr(eq + 1);
        const float value = v == "-inf" ? -std::numeric_limits<float>::infinity() : std::strtof(v.c_str(), &end);
        if (v != "-inf" && (*end || v.empty()))
            throw UsageError("--logit-bias: \"" + v + "\" is not a number");
        p.logitBias[std::int32_t(id)] = value;
    }
    const core::ParameterDescriptor& biasRule = core::parameterDescriptor(core::SamplingParameter::LogitBias);
    for (const auto& [id, value] : p.logitBias) // "--logit-bias: 7: must be a number or -inf, got nan"
        biasRule.check(value, "--logit-bias", std::to_string(id));
    return p;
}

core::GenerationOptions generationFromArgs(const Args& a)
{
    core::GenerationOptions o;
    o.maxNewTokens = int(a.integer("max-new-tokens", 32, 0, 1'000'000));
    o.stopSequences = a.all("stop");
    o.stopAtEos = !a.flag("ignore-eos");
    return o;
}

core::StageOrder orderFromArgs(const Args& a) { return core::StageOrder::fromName(a.text("order", "hf")); }

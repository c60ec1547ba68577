#include "sampling_args.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

core::SamplingParameters samplingFromArgs(const Args& a)
{
    const double big = 1e9;
    core::SamplingParameters p;
    p.temperature = float(a.number("temperature", p.temperature, -big, big));
    p.topK = int(a.integer("top-k", p.topK, -1'000'000'000, 1'000'000'000));
    p.topP = float(a.number("top-p", p.topP, -big, big));
    p.minP = float(a.number("min-p", p.minP, -big, big));
    p.typicalP = float(a.number("typical-p", p.typicalP, -big, big));
    p.repetitionPenalty = float(a.number("repetition-penalty", p.repetitionPenalty, -big, big));
    p.presencePenalty = float(a.number("presence-penalty", p.presencePenalty, -big, big));
    p.frequencyPenalty = float(a.number("frequency-penalty", p.frequencyPenalty, -big, big));
    p.penaltyWindow = int(a.integer("penalty-window", p.penaltyWindow, -1'000'000'000, 1'000'000'000));
    p.seed = std::uint64_t(a.integer("seed", 0, 0, std::numeric_limits<long long>::max()));
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

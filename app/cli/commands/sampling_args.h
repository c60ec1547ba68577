#pragma once
// The sampling and stopping options shared by `generate` and `chat`.
#include "args.h"

#include "core/decoding/generation_session.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_order.h"

#include <set>
#include <string>

inline const std::set<std::string> kSamplingOptions
    = { "max-new-tokens", "temperature", "top-k", "top-p", "min-p", "typical-p", "repetition-penalty",
          "presence-penalty", "frequency-penalty", "penalty-window", "seed", "stop", "order", "logit-bias", "top" };
inline const std::set<std::string> kSamplingFlags = { "ignore-eos", "json" };

// Ranges here are only what can be parsed; the pipeline itself validates the values (with its own messages).
core::SamplingParameters samplingFromArgs(const Args& a);
core::GenerationOptions generationFromArgs(const Args& a);
core::StageOrder orderFromArgs(const Args& a);

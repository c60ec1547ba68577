#pragma once
// The sampling and stopping options shared by `generate` and `chat`.
#include "args.h"

#include "core/decoding/generation_session.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_order.h"

#include <set>
#include <string>

// The options of `generate` and `chat`: one per sampling parameter descriptor (core/sampling/stage_descriptor.h),
// plus max-new-tokens, stop, order and top.
std::set<std::string> samplingOptionNames();
inline const std::set<std::string> kSamplingOptions = samplingOptionNames();
inline const std::set<std::string> kSamplingFlags = { "ignore-eos", "json" };
// "[--temperature t] [--top-k k] ... [--seed s]" for the usage text, in the descriptors' order.
std::string samplingUsage();

// Each number is checked against its descriptor's range (core::Error naming the flag and the value: exit 1); a
// logit bias's token id against the vocabulary is the pipeline's check.
// The flags given change `defaults` (the model's generation_config.json, core::samplingDefaults); the rest stay.
core::SamplingParameters samplingFromArgs(const Args& a, const core::SamplingParameters& defaults = {});
core::GenerationOptions generationFromArgs(const Args& a);
core::StageOrder orderFromArgs(const Args& a);

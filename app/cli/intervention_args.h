#pragma once
// The interpretability options shared by logits, generate, beam, compare and lens: --ablate SPEC and --knockout SPEC
// (repeatable, core/exec/intervention.h syntax), and --target / --minus TEXT naming one token.
#include "model_input.h"

#include "core/exec/intervention.h"

#include <set>
#include <string>

inline const std::set<std::string> kInterventionOptions = { "ablate", "knockout" };

// Every --ablate and --knockout, parsed against the model (core::Error naming the bad spec). --ablate takes head,
// attention and MLP specs; --knockout only QUERY->KEY edges.
core::InterventionList interventionsFromArgs(const Args& args, const core::ModelConfig& config);

// The one token `--option TEXT` names: its text must encode to exactly one token (" Paris"), or "#id" gives the id.
// Returns -1 when the option is absent; core::Error naming the option otherwise.
std::int32_t tokenFromArgs(const Args& args, const std::string& option, const ModelInput& in);

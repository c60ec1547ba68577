#pragma once
// What most commands start from: a model opened by core::openModel (any format), its tokenizer, and the input ids
// from --prompt (text) or --tokens (ids).
#include "args.h"

#include "core/loader/loaded_model.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer.h"

#include <memory>
#include <optional>
#include <vector>

struct ModelInput {
    std::shared_ptr<const core::LoadedModel> loaded;
    const core::Model* model = nullptr; // loaded's
    const core::Tokenizer* tokenizer = nullptr; // loaded's, or null when the model has none
    std::vector<std::int32_t> tokens;
};

// The options every model command accepts.
inline const std::set<std::string> kInputOptions = { "prompt", "tokens", "threads" };

// Loads the model named by the first positional argument and its tokenizer (if the folder has one).
ModelInput loadModelInput(const Args& args, bool needTokens = true);
// "1,2,3" -> ids (usage error on anything else).
std::vector<std::int32_t> parseIdList(const std::string& text, const char* option);
// Token text for people: the tokenizer's display piece, else "#id".
std::string pieceOf(const ModelInput& in, std::int32_t id);

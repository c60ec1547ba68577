#include "model_input.h"

#include "core/common/error.h"
#include "core/exec/executor.h"

#include <cstdlib>

std::vector<std::int32_t> parseIdList(const std::string& text, const char* option)
{
    std::vector<std::int32_t> ids;
    std::size_t i = 0;
    while (i <= text.size()) {
        const std::size_t comma = std::min(text.find(',', i), text.size());
        const std::string part = text.substr(i, comma - i);
        char* end = nullptr;
        const long long v = std::strtoll(part.c_str(), &end, 10);
        if (part.empty() || *end != '\0' || v < 0 || v > INT32_MAX)
            throw UsageError(std::string("--") + option + ": \"" + part + "\" is not a token id");
        ids.push_back(std::int32_t(v));
        i = comma + 1;
    }
    return ids;
}

ModelInput loadModelInput(const Args& args, bool needTokens)
{
    ModelInput in;
    core::setThreadCount(int(args.integer("threads", 0, 0, 256)));
    in.loaded = core::openModel(args.positionalAt(0, "MODEL folder"));
    in.model = in.loaded->model.get();
    in.tokenizer = in.loaded->tokenizer ? &*in.loaded->tokenizer : nullptr;
    if (args.has("tokens") && args.has("prompt"))
        throw UsageError("give either --prompt or --tokens, not both");
    if (args.has("tokens")) {
        in.tokens = parseIdList(args.text("tokens"), "tokens");
    } else if (args.has("prompt")) {
        if (!in.tokenizer)
            throw core::Error(in.model->folder(), "tokenizer",
                "missing (no tokenizer.json, tokenizer.bin or tokenizer.ggml.*): --prompt needs one (or use --tokens)");
        in.tokens = in.tokenizer->encodeIds(args.text("prompt"));
    } else if (needTokens) {
        throw UsageError("give --prompt TEXT or --tokens 1,2,3");
    }
    if (needTokens && in.tokens.empty())
        throw core::Error("input", "prompt", "the prompt is empty: it encodes to no tokens");
    return in;
}

std::string pieceOf(const ModelInput& in, std::int32_t id)
{
    if (in.tokenizer && in.tokenizer->isValidId(id))
        return in.tokenizer->displayPiece(id);
    return "#" + std::to_string(id);
}

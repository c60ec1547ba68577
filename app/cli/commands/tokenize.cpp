#include "commands.h"
#include "model_input.h"

#include "core/loader/loaded_model.h"
#include "core/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace {

// A model folder, tokenizer.json, GGUF file (vocab-only is enough) or llama2.c model.bin.
core::Tokenizer openTokenizer(const std::string& path) { return core::openTokenizer(path); }

} // namespace

int cmdTokenize(const Words& w)
{
    Args args(w, { "json", "no-special" }, { "text" });
    const auto tok = openTokenizer(args.positionalAt(0, "MODEL (folder, GGUF, model.bin) or tokenizer.json"));
    if (!args.has("text"))
        throw UsageError("--text is required");
    const std::string text = args.text("text");
    const auto enc = tok.encode(text, !args.flag("no-special"));
    if (args.flag("json")) {
        nlohmann::ordered_json tokens = nlohmann::json::array();
        for (std::size_t i = 0; i < enc.ids.size(); ++i)
            tokens.push_back({ { "id", enc.ids[i] }, { "token", tok.tokenString(enc.ids[i]) },
                { "piece", tok.displayPiece(enc.ids[i]) }, { "begin", enc.spans[i].begin }, { "end", enc.spans[i].end },
                { "special", tok.isSpecial(enc.ids[i]) } });
        std::cout << nlohmann::ordered_json { { "ids", enc.ids }, { "tokens", tokens } }.dump(2) << "\n";
        return 0;
    }
    for (std::size_t i = 0; i < enc.ids.size(); ++i)
        std::cout << enc.ids[i] << "\t" << nlohmann::json(tok.displayPiece(enc.ids[i])).dump() << "\t["
                  << enc.spans[i].begin << ", " << enc.spans[i].end << ")\n";
    return 0;
}

int cmdDetokenize(const Words& w)
{
    Args args(w, { "json", "skip-special" }, { "ids" });
    const auto tok = openTokenizer(args.positionalAt(0, "MODEL (folder, GGUF, model.bin) or tokenizer.json"));
    if (!args.has("ids"))
        throw UsageError("--ids is required");
    const auto ids = parseIdList(args.text("ids"), "ids");
    const std::string text = tok.decode(ids, args.flag("skip-special"));
    if (args.flag("json"))
        std::cout << nlohmann::json { { "text", text } }.dump(2) << "\n";
    else
        std::cout << text << "\n";
    return 0;
}

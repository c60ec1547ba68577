#include "core/analysis/target_token.h"

#include "core/common/error.h"
#include "core/tokenizer/tokenizer.h"

#include <charconv>

namespace core {

std::int32_t targetToken(const Tokenizer* tokenizer, int vocab, std::string_view text, const std::string& field)
{
    const std::string quoted = "\"" + std::string(text) + "\"";
    if (text.size() > 1 && text[0] == '#') {
        std::int64_t id = -1;
        const auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), id);
        if (ec != std::errc() || end != text.data() + text.size() || id < 0 || id >= vocab)
            throw Error(field, quoted, "expected one token id below " + std::to_string(vocab));
        return std::int32_t(id);
    }
    if (!tokenizer)
        throw Error(field, quoted, "the model has no tokenizer: give the token as #id");
    const auto ids = tokenizer->encodeIds(text, false);
    if (ids.size() != 1) {
        std::string pieces;
        for (auto id : ids)
            pieces += (pieces.empty() ? "\"" : " \"") + tokenizer->displayPiece(id) + "\"";
        throw Error(field, quoted,
            "is " + std::to_string(ids.size()) + " tokens (" + pieces
                + "); the analyses read one token's logit: give a single-token text or #id");
    }
    return ids[0];
}

} // namespace core

#include "core/tokenizer/prompt_tail.h"

namespace core {

std::optional<std::string> promptTail(const Tokenizer& tokenizer, std::string_view text, int maxTokens)
{
    if (maxTokens <= 0)
        return std::nullopt;
    const Encoding whole = tokenizer.encode(text);
    if (whole.ids.size() <= std::size_t(maxTokens))
        return std::string(text);
    // Start where the last maxTokens ids begin and move right one token at a time: re-tokenizing a cut text gives
    // about as many tokens as were kept, rarely a few more (a boundary merge, specials added), so few tries are needed.
    const std::size_t n = whole.ids.size();
    for (std::size_t i = n - std::size_t(maxTokens); i < n; ++i) {
        const std::size_t begin = whole.spans[i].begin;
        if (begin == 0 || begin >= text.size() || whole.spans[i].end <= begin) // a special token, or no text of its own
            continue;
        if ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) // inside a character (a byte-level piece)
            continue;
        const std::string_view tail = text.substr(begin);
        if (tokenizer.encode(tail).ids.size() <= std::size_t(maxTokens))
            return std::string(tail);
    }
    return std::nullopt;
}

} // namespace core

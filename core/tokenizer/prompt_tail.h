#pragma once
// The end of a prompt that fits a context: a prompt longer than the model reads can still be explored by keeping its
// last tokens. Cutting the token list alone would leave a text that tokenizes differently (a word cut in half, the
// beginning-of-sequence token added again), so the cut is made in the text, at a token boundary, and checked by
// tokenizing the result.
#include "core/tokenizer/tokenizer.h"

#include <optional>
#include <string>
#include <string_view>

namespace core {

// The longest suffix of `text` that starts at one of its token boundaries and encodes (with the tokenizer's
// special tokens) to at most `maxTokens` ids; nullopt if not even the last token fits.
std::optional<std::string> promptTail(const Tokenizer& tokenizer, std::string_view text, int maxTokens);

} // namespace core

#pragma once
// The one token an analysis reads a logit of (the lens target, an attribution's " Paris" and " Berlin", a head's
// ablation target), from what a user typed: "#123" for an id, or a text that the tokenizer encodes as exactly one
// token (" Paris"). The CLI's --target / --minus and the window's target fields both go through here.
#include <cstdint>
#include <string>
#include <string_view>

namespace core {

class Tokenizer;

// Throws core::Error naming `field` and the text: an id outside [0, vocab), no tokenizer for a text, or a text of
// zero or several tokens (the pieces listed).
std::int32_t targetToken(const Tokenizer* tokenizer, int vocab, std::string_view text, const std::string& field);

} // namespace core

#pragma once
// Text on its way through normalizers and pre-tokenizers, with, for every byte, the range of input bytes it
// came from. That is what gives each final token its byte span in the user's input even after NFC, "▁"
// replacement or the byte-level mapping changed the bytes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct ByteSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0; // exclusive; begin == end for text the tokenizer inserted (a prepended "▁")
};

struct NormalizedText {
    std::string text;
    std::vector<ByteSpan> align; // align.size() == text.size()

    static NormalizedText fromInput(std::string_view input, std::uint32_t offset);
    NormalizedText slice(std::size_t begin, std::size_t end) const;
    // Inserts s before the text; its bytes get an empty span at the start of the first byte's span.
    void prepend(std::string_view s);
    // Input span covered by bytes [begin, end) of text.
    ByteSpan spanOf(std::size_t begin, std::size_t end) const;
    bool empty() const { return text.empty(); }
};

} // namespace core

#pragma once
// UTF-8 helpers: strict decoding (the tokenizer only accepts valid UTF-8), encoding, and the lossy conversion
// Rust's String::from_utf8_lossy does (one U+FFFD per maximal ill-formed subpart), which HF decoders use.
#include <cstddef>
#include <string>
#include <string_view>

namespace core::utf8 {

// Length of the valid UTF-8 sequence starting at s[pos], or 0 if it is not valid (bad lead byte, bad
// continuation, overlong form, surrogate, beyond U+10FFFF, truncated).
std::size_t validLength(std::string_view s, std::size_t pos);

// Decodes the valid sequence at s[pos] (call validLength first, or use on known-valid text) and advances pos.
char32_t decode(std::string_view s, std::size_t& pos);

// Byte offset of the first invalid sequence, or std::string_view::npos if s is valid UTF-8.
std::size_t firstInvalid(std::string_view s);

void append(std::string& out, char32_t cp);
std::string encode(char32_t cp);

// Bytes of s with each maximal ill-formed subpart replaced by U+FFFD (like Rust's from_utf8_lossy).
std::string lossy(std::string_view s);

// Length in bytes of a sequence given its lead byte (1 for continuation/invalid bytes).
inline std::size_t sequenceLength(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
}

} // namespace core::utf8

#pragma once
// GPT-2's byte <-> unicode table: every byte is shown as a printable character so byte-level BPE can work on
// text ("Ġ" is the space byte 0x20, "Ċ" is 0x0A). Printable Latin-1 bytes map to themselves, the other 68
// bytes to U+0100 and up, in byte order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core::byte_level {

// UTF-8 of the character byte b is written as.
const std::string& charsOf(std::uint8_t b);

// The byte a character stands for, or -1 if the character is not in the table.
int byteOf(char32_t cp);

// Bytes of a byte-level token ("Ġthe" -> " the"), or nullopt if some character is not in the table
// (added tokens such as "<|im_end|>" are plain text and are passed through by callers).
std::optional<std::string> decode(std::string_view token);

} // namespace core::byte_level

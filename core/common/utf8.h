#pragma once
#include <cstddef>
#include <string_view>

namespace core {

// Offset of the first byte that is not part of valid UTF-8 (overlongs, surrogates and > U+10FFFF are invalid),
// or npos if the whole string is valid.
std::size_t firstInvalidUtf8(std::string_view s);

} // namespace core

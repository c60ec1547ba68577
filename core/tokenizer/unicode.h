#pragma once
// Character classes and NFC over the generated tables in unicode_tables.cpp.
#include <string>
#include <string_view>
#include <vector>

namespace core::unicode {

bool isLetter(char32_t cp); // \p{L}
bool isNumber(char32_t cp); // \p{N}
bool isWhitespace(char32_t cp); // \s (also Rust's char::is_whitespace for these purposes)
int combiningClass(char32_t cp);

// True if NFC never joins cp with what comes before it, so text can be normalized in pieces cut before cp.
bool isNfcBoundary(char32_t cp);

// Canonical composition (NFC) of a run of code points, in place.
void nfc(std::vector<char32_t>& cps);

} // namespace core::unicode

#pragma once
// Unicode data the tokenizer needs, generated from the machine's Unicode database by
// tools/tokenizer_fixtures/make_unicode_tables.py (never typed by hand). All arrays are sorted by code point.
#include <cstddef>
#include <cstdint>

namespace core::unicode_data {

struct CodepointRange {
    char32_t first;
    char32_t last; // inclusive
};
struct CombiningClassRange {
    char32_t first;
    char32_t last; // inclusive
    std::uint8_t ccc;
};
// One level of a canonical decomposition: cp -> first (+ second, 0 if none). Hangul syllables are not listed.
struct Decomposition {
    char32_t cp;
    char32_t first;
    char32_t second;
};
// first + second -> composite, for primary composites only (composition exclusions left out).
struct Composition {
    char32_t first;
    char32_t second;
    char32_t composite;
};

extern const char* const unicodeVersion;
extern const CodepointRange letterRanges[]; // \p{L}
extern const std::size_t letterRangesSize;
extern const CodepointRange numberRanges[]; // \p{N}
extern const std::size_t numberRangesSize;
extern const CodepointRange whitespaceRanges[]; // \s (Oniguruma: U+0009-000D, U+0085, Zs, Zl, Zp)
extern const std::size_t whitespaceRangesSize;
extern const CombiningClassRange combiningClassRanges[];
extern const std::size_t combiningClassRangesSize;
extern const Decomposition decompositions[];
extern const std::size_t decompositionsSize;
extern const Composition compositions[];
extern const std::size_t compositionsSize;

} // namespace core::unicode_data

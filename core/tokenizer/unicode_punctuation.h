#pragma once
// \p{P}: Unicode punctuation (general categories Pc, Pd, Ps, Pe, Pi, Pf, Po), from a generated table.
namespace core::unicode {
bool isPunctuation(char32_t cp);
} // namespace core::unicode

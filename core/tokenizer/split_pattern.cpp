#include "core/tokenizer/split_pattern.h"

#include "core/common/utf8.h"
#include "core/tokenizer/unicode.h"
#include "core/tokenizer/unicode_punctuation.h"

#include <cstdint>

namespace core {

namespace {

    const char* const gpt2Regex = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
    const char* const llama3Regex
        = R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
    const char* const qwen2Regex
        = R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

    // llama.cpp's deepseek-coder steps (llama-vocab.cpp), written as it writes them.
    const char* const newlineRegex = "[\r\n]";
    const char* const spaceLettersRegex = R"(\s?\p{L}+)";
    const char* const spacePunctuationRegex = R"(\s?\p{P}+)";
    const char* const cjkHangulRegex = "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+"; // UTF-8: [一-龥ࠀ-一가-퟿]+
    const char* const digitRegex = R"(\p{N})";

    // Per code point: its class bits and where it starts in the text.
    enum : std::uint8_t { Letter = 1, Number = 2, Space = 4, Newline = 8 };

    struct Chars {
        std::vector<char32_t> cp;
        std::vector<std::uint8_t> cls;
        std::vector<std::uint32_t> offset; // offset.size() == cp.size() + 1

        explicit Chars(std::string_view text)
        {
            cp.reserve(text.size());
            cls.reserve(text.size());
            offset.reserve(text.size() + 1);
            std::size_t pos = 0;
            while (pos < text.size()) {
                offset.push_back(static_cast<std::uint32_t>(pos));
                const char32_t c = utf8::decode(text, pos);
                cp.push_back(c);
                std::uint8_t k = 0;
                if (unicode::isLetter(c))
                    k |= Letter;
                else if (unicode::isNumber(c))
                    k |= Number;
                else if (unicode::isWhitespace(c))
                    k |= Space;
                if (c == '\r' || c == '\n')
                    k |= Newline;
                cls.push_back(k);
            }
            offset.push_back(static_cast<std::uint32_t>(text.size()));
        }
        std::size_t size() const { return cp.size(); }
        bool is(std::size_t i, std::uint8_t k) const { return i < cp.size() && (cls[i] & k); }
        // [^\s\p{L}\p{N}]
        bool isOther(std::size_t i) const { return i < cp.size() && cls[i] == 0; }
    };

    // Case folding as far as the contraction letters need it: ASCII, plus U+017F LATIN SMALL LETTER LONG S,
    // which Unicode folds to "s" (the reference splits "'ſun" as "'ſ" + "un").
    char32_t lower(char32_t c)
    {
        if (c == 0x17F)
            return 's';
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    // 's|'t|'re|'ve|'m|'ll|'d at i; returns the length in code points or 0.
    std::size_t contraction(const Chars& c, std::size_t i, bool ignoreCase)
    {
        if (c.cp[i] != '\'' || i + 1 >= c.size())
            return 0;
        auto at = [&](std::size_t k) -> char32_t {
            if (k >= c.size())
                return 0;
            return ignoreCase ? lower(c.cp[k]) : c.cp[k];
        };
        const char32_t a = at(i + 1);
        if (a == 's' || a == 't' || a == 'm' || a == 'd')
            return 2;
        const char32_t b = at(i + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
            return 3;
        return 0;
    }

    std::size_t runOf(const Chars& c, std::size_t i, std::uint8_t k)
    {
        while (c.is(i, k))
            ++i;
        return i;
    }

    std::size_t runOfOther(const Chars& c, std::size_t i)
    {
        while (c.isOther(i))
            ++i;
        return i;
    }

    // \s+(?!\S) then \s+ at a whitespace char i: the greedy run backs off one char so the last space can join
    // the next word, unless the run ends the text; a single space before a non-space falls to \s+.
    std::size_t whitespaceEnd(const Chars& c, std::size_t i)
    {
        const std::size_t j = runOf(c, i, Space);
        if (j == c.size() || j - i == 1)
            return j;
        return j - 1;
    }

    std::size_t matchGpt2(const Chars& c, std::size_t i)
    {
        if (std::size_t n = contraction(c, i, false))
            return i + n;
        const std::size_t k = c.cp[i] == ' ' ? i + 1 : i; // " ?" then a class run
        if (c.is(k, Letter))
            return runOf(c, k, Letter);
        if (c.is(k, Number))
            return runOf(c, k, Number);
        if (c.isOther(k))
            return runOfOther(c, k);
        return whitespaceEnd(c, i); // c.cp[i] is whitespace here
    }

    std::size_t matchLlama3(const Chars& c, std::size_t i, std::size_t maxDigits)
    {
        if (std::size_t n = contraction(c, i, true))
            return i + n;
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (!c.is(i, Letter | Number | Newline) && c.is(i + 1, Letter))
            return runOf(c, i + 1, Letter);
        if (c.is(i, Letter))
            return runOf(c, i, Letter);
        // \p{N}{1,3} or \p{N}
        if (c.is(i, Number)) {
            std::size_t j = i;
            while (j - i < maxDigits && c.is(j, Number))
                ++j;
            return j;
        }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        const std::size_t k = c.cp[i] == ' ' ? i + 1 : i;
        if (c.isOther(k))
            return runOf(c, runOfOther(c, k), Newline);
        // \s*[\r\n]+: the greedy \s* backs off to the last newline of the whitespace run.
        const std::size_t j = runOf(c, i, Space);
        for (std::size_t m = j; m > i; --m)
            if (c.is(m - 1, Newline))
                return m;
        return whitespaceEnd(c, i);
    }

} // namespace

std::optional<SplitPattern::Kind> SplitPattern::recognise(std::string_view regex)
{
    if (regex == gpt2Regex)
        return Kind::Gpt2;
    if (regex == llama3Regex)
        return Kind::Llama3;
    if (regex == qwen2Regex)
        return Kind::Qwen2;
    for (Kind k : { Kind::Newline, Kind::SpaceLetters, Kind::SpacePunctuation, Kind::CjkHangul, Kind::Digit })
        if (regex == regexOf(k))
            return k;
    return std::nullopt;
}

std::string SplitPattern::regexOf(Kind kind)
{
    switch (kind) {
    case Kind::Gpt2:
        return gpt2Regex;
    case Kind::Llama3:
        return llama3Regex;
    case Kind::Qwen2:
        return qwen2Regex;
    case Kind::Newline:
        return newlineRegex;
    case Kind::SpaceLetters:
        return spaceLettersRegex;
    case Kind::SpacePunctuation:
        return spacePunctuationRegex;
    case Kind::CjkHangul:
        return cjkHangulRegex;
    case Kind::Digit:
        return digitRegex;
    }
    return {};
}

namespace {
    bool isCjkHangul(char32_t c)
    {
        return (c >= 0x4E00 && c <= 0x9FA5) || (c >= 0x0800 && c <= 0x4E00) || (c >= 0xAC00 && c <= 0xD7FF);
    }

    // The deepseek-coder steps: leftmost matches only, the text between them left as it is.
    void findPartialMatches(
        SplitPattern::Kind kind, const Chars& c, std::vector<std::pair<std::size_t, std::size_t>>& out)
    {
        using K = SplitPattern::Kind;
        auto runWhile = [&](std::size_t i, auto pred) {
            while (i < c.size() && pred(c.cp[i]))
                ++i;
            return i;
        };
        auto letter = [](char32_t ch) { return unicode::isLetter(ch); };
        auto punct = [](char32_t ch) { return unicode::isPunctuation(ch); };
        std::size_t i = 0;
        while (i < c.size()) {
            std::size_t j = i; // end of a match at i, or i for none
            switch (kind) {
            case K::Newline:
                j = c.cp[i] == '\r' || c.cp[i] == '\n' ? i + 1 : i;
                break;
            case K::SpaceLetters:
            case K::SpacePunctuation: {
                // \s?X+: the optional space is taken only when an X follows it
                const bool wantLetter = kind == K::SpaceLetters;
                auto is
                    = [&](std::size_t k) { return k < c.size() && (wantLetter ? letter(c.cp[k]) : punct(c.cp[k])); };
                const std::size_t k = c.is(i, Space) && is(i + 1) ? i + 1 : i;
                if (is(k))
                    j = wantLetter ? runWhile(k, letter) : runWhile(k, punct);
                break;
            }
            case K::CjkHangul:
                j = runWhile(i, isCjkHangul);
                break;
            case K::Digit:
                j = c.is(i, Number) ? i + 1 : i;
                break;
            default:
                break;
            }
            if (j > i) {
                out.emplace_back(c.offset[i], c.offset[j]);
                i = j;
            } else {
                ++i;
            }
        }
    }
} // namespace

std::vector<std::pair<std::size_t, std::size_t>> SplitPattern::findMatches(Kind kind, std::string_view text)
{
    const Chars c(text);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (kind != Kind::Gpt2 && kind != Kind::Llama3 && kind != Kind::Qwen2) {
        findPartialMatches(kind, c, out);
        return out;
    }
    std::size_t i = 0;
    while (i < c.size()) {
        std::size_t j = 0;
        switch (kind) {
        case Kind::Gpt2:
            j = matchGpt2(c, i);
            break;
        case Kind::Llama3:
            j = matchLlama3(c, i, 3);
            break;
        case Kind::Qwen2:
            j = matchLlama3(c, i, 1);
            break;
        default:
            break;
        }
        if (j <= i) // cannot happen for these patterns (every char matches some alternative); stay safe
            j = i + 1;
        out.emplace_back(c.offset[i], c.offset[j]);
        i = j;
    }
    return out;
}

} // namespace core

#pragma once
// The pre-tokenizer regexes of GPT-2, Llama 3 and Qwen2/Qwen3, matched by hand (no standard-library regex: it recurses
// per character and overflows the stack on long inputs). Each pattern is a list of alternatives tried in
// order at each position, exactly as the Oniguruma engine behind Hugging Face tokenizers does; the
// comments in split_pattern.cpp spell out how each alternative's backtracking resolves.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

class SplitPattern {
public:
    enum class Kind {
        Gpt2, // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
        Llama3, // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
                // ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
        Qwen2, // the same with \p{N} (one digit at a time)
        // The steps of llama.cpp's "deepseek-coder" pre-tokenizer (GGUF tokenizer.ggml.pre), applied one after the
        // other, each splitting the pieces of the one before. These match only parts of the text; the rest stays.
        Newline, // [\r\n]
        SpaceLetters, // \s?\p{L}+
        SpacePunctuation, // \s?\p{P}+
        CjkHangul, // [一-龥ࠀ-一가-퟿]+ (U+4E00-9FA5, U+0800-4E00, U+AC00-D7FF)
        Digit, // \p{N}
    };

    // The pattern for a Split pre-tokenizer's "Regex" string, or nullopt if it is not one we know.
    static std::optional<Kind> recognise(std::string_view regex);
    static std::string regexOf(Kind kind);

    // Matches of the pattern in valid UTF-8 text, as byte ranges [begin, end), left to right. For Gpt2, Llama3 and
    // Qwen2 every byte of text is covered by exactly one match; the deepseek-coder steps leave gaps.
    static std::vector<std::pair<std::size_t, std::size_t>> findMatches(Kind kind, std::string_view text);
};

} // namespace core

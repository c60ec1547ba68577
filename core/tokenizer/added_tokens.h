#pragma once
// tokenizer.json "added_tokens": tokens matched verbatim in the text before any normalizer or pre-tokenizer
// sees it (special ones such as "<|im_end|>" and plain added words), with lstrip / rstrip / single_word /
// normalized as Hugging Face defines them.
#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/json_at.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace core {

struct AddedToken {
    std::int32_t id = 0;
    std::string content;
    bool special = false;
    bool lstrip = false; // also swallows the whitespace before the match
    bool rstrip = false; // also swallows the whitespace after the match
    bool singleWord = false; // only matches when not inside a word
    bool normalized = false; // matched on the normalized text instead of the raw input
};

class AddedTokens {
public:
    // A run of text: an added token (id >= 0) or plain text to normalize and pre-tokenize (id == -1).
    struct Segment {
        std::size_t begin;
        std::size_t end;
        std::int32_t id;
    };

    // Ids are assigned as the reference does when it loads a file: a token already in the model's vocab gets
    // that id; any other gets the next id after the vocab and the added tokens before it. For a consistent
    // file that is the "id" written there; where the file disagrees, the reference (and so the model's
    // training) used the assigned id.
    static AddedTokens fromJson(const JsonAt& list, const BpeModel& model);

    // Cuts text at the added tokens of one set (normalized or not), leftmost-longest like the reference's
    // Aho-Corasick matcher. Special tokens are skipped unless allowSpecial.
    void split(std::string_view text, bool normalizedSet, bool allowSpecial, std::vector<Segment>& out) const;

    const std::vector<AddedToken>& tokens() const { return m_tokens; }
    const AddedToken* byId(std::int32_t id) const;
    const AddedToken* byContent(std::string_view content) const;
    bool empty() const { return m_tokens.empty(); }

private:
    std::vector<AddedToken> m_tokens;
    std::unordered_map<std::int32_t, std::size_t> m_byId;
    std::unordered_map<std::string, std::size_t> m_byContent;
    // Per set (0: raw, 1: normalized) and first byte: indexes into m_tokens, longest first.
    std::array<std::array<std::vector<std::size_t>, 256>, 2> m_byFirstByte;
};

} // namespace core

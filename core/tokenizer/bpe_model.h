#pragma once
// tokenizer.json "model" of type "BPE": vocab, merges (both "a b" and ["a", "b"] forms), unk_token,
// byte_fallback ("<0xE2>" tokens for characters not in the vocab), fuse_unk, ignore_merges,
// continuing_subword_prefix and end_of_word_suffix. Encoding a piece is the classic rank-ordered pair merge:
// a min-heap of candidate merges keyed by (rank, position), lazily invalidated, so a piece of n characters
// costs O(n log n), never the O(n^2) of rescanning all pairs after each merge.
#include "core/tokenizer/json_at.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace core {

class BpeModel {
public:
    // One output token of a piece: its id and the bytes [begin, end) of the piece it covers.
    struct Piece {
        std::int32_t id;
        std::uint32_t begin;
        std::uint32_t end;
    };

    static BpeModel fromJson(const JsonAt& model);

    // Appends the tokens of one pre-tokenized piece (valid UTF-8) to out.
    void encode(std::string_view piece, std::vector<Piece>& out) const;

    std::optional<std::int32_t> tokenToId(std::string_view token) const;
    // The vocab string of id, or nullptr if the vocab has no such id.
    const std::string* idToToken(std::int32_t id) const;
    std::int32_t idLimit() const { return static_cast<std::int32_t>(m_idToToken.size()); } // max id + 1
    std::size_t vocabCount() const { return m_vocabCount; }
    bool byteFallback() const { return m_byteFallback; }
    std::optional<std::int32_t> unkId() const { return m_unkId; }
    std::size_t mergeCount() const { return m_merges.size(); }

private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    struct Merge {
        std::int32_t rank;
        std::int32_t newId;
    };
    static std::uint64_t pairKey(std::int32_t a, std::int32_t b)
    {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
    }

    std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> m_vocab;
    std::vector<std::string> m_idToToken; // "" where no token has that id
    std::vector<bool> m_hasId;
    std::size_t m_vocabCount = 0;
    std::unordered_map<std::uint64_t, Merge> m_merges;
    std::optional<std::int32_t> m_unkId;
    bool m_fuseUnk = false;
    bool m_byteFallback = false;
    bool m_ignoreMerges = false;
    std::string m_prefix; // continuing_subword_prefix
    std::string m_suffix; // end_of_word_suffix
    std::int32_t m_byteIds[256] {}; // ids of "<0x00>".."<0xFF>", -1 where missing
};

} // namespace core

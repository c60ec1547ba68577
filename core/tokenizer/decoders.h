#pragma once
// tokenizer.json "decoder": ByteLevel, ByteFallback, Metaspace, Fuse, Strip, Replace, Sequence. Like Hugging
// Face's decode_chain, each step maps a list of token strings to a new list; the final list is joined.
#include "core/tokenizer/json_at.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace core {

class Decoder {
public:
    enum class Kind { ByteLevel, ByteFallback, Metaspace, Fuse, Strip, Replace, Sequence };

    // json may be null (no decoder): then fromJson returns nullptr.
    static std::unique_ptr<Decoder> fromJson(const JsonAt& json);

    void decodeChain(std::vector<std::string>& tokens) const;
    Kind kind() const { return m_kind; }
    // Worst-case factor by which this step grows a text (Replace: ceil(content / pattern); Sequence: the product).
    std::uint64_t growth() const { return m_growth; }
    bool contains(Kind kind) const;
    // Replace steps and the Metaspace replacement, applied to one token string (for display).
    void replaceMarkers(std::string& token) const;

private:
    Kind m_kind = Kind::Fuse;
    std::string m_pattern; // Replace: what to find; Metaspace: the replacement character
    std::string m_content; // Replace: what to put instead; Strip: the character to strip
    int m_start = 0; // Strip
    int m_stop = 0; // Strip
    bool m_prependFirst = true; // Metaspace: drop the replacement in the first token
    std::uint64_t m_growth = 1; // bounded by limits::kMaxTextGrowth at load
    std::vector<std::unique_ptr<Decoder>> m_children;
};

} // namespace core

#pragma once
// tokenizer.json "pre_tokenizer": ByteLevel, Split (GPT-2 / Llama 3 / Qwen2 regexes or a literal string),
// Metaspace, Digits, Sequence. A pre-tokenizer cuts text into pieces ("words") that BPE encodes one by one,
// and may rewrite them (ByteLevel maps bytes to printable characters, Metaspace turns " " into "▁").
#include "core/tokenizer/json_at.h"
#include "core/tokenizer/normalized_text.h"
#include "core/tokenizer/split_pattern.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace core {

class PreTokenizer {
public:
    enum class Kind { ByteLevel, Split, Metaspace, Digits, Sequence };
    // How a Split keeps the matches (Hugging Face's SplitDelimiterBehavior).
    enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };
    enum class PrependScheme { Always, First, Never };

    // json may be null (no pre-tokenizer): then fromJson returns nullptr.
    static std::unique_ptr<PreTokenizer> fromJson(const JsonAt& json);

    using Sink = std::function<void(NormalizedText&)>;
    // Pre-tokenizes one text and hands each resulting piece to sink, in order. Pieces flow through the
    // steps of a Sequence one at a time (depth first), so a 1 MB input never holds a million pieces at once.
    void run(NormalizedText& text, const Sink& sink) const;
    Kind kind() const { return m_kind; }
    // True if this is or contains a ByteLevel step (then tokens are byte-level strings).
    bool usesByteLevel() const;

private:
    void runChain(std::size_t step, NormalizedText& piece, const Sink& sink) const;

    Kind m_kind = Kind::ByteLevel;
    bool m_addPrefixSpace = false; // ByteLevel
    bool m_useRegex = true; // ByteLevel
    std::optional<SplitPattern::Kind> m_pattern; // Split with a known regex
    std::string m_literal; // Split with a {"String": ...} pattern; Metaspace replacement
    Behavior m_behavior = Behavior::Isolated;
    bool m_invert = false;
    PrependScheme m_prepend = PrependScheme::Always; // Metaspace
    bool m_split = true; // Metaspace
    bool m_individualDigits = false; // Digits
    std::vector<std::unique_ptr<PreTokenizer>> m_children;
};

} // namespace core

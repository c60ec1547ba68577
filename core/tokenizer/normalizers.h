#pragma once
// tokenizer.json "normalizer": NFC, Prepend, Replace (string pattern), Strip, Sequence. Each step rewrites a
// NormalizedText in place and keeps its byte alignment to the input.
#include "core/tokenizer/json_at.h"
#include "core/tokenizer/normalized_text.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace core {

class Normalizer {
public:
    enum class Kind { Nfc, Prepend, Replace, Strip, Sequence };

    // json may be null (no normalizer): then fromJson returns nullptr.
    static std::unique_ptr<Normalizer> fromJson(const JsonAt& json);

    void apply(NormalizedText& t) const;
    Kind kind() const { return m_kind; }
    // Worst-case factor by which this step grows a text (Replace: ceil(content / pattern); Sequence: the product).
    std::uint64_t growth() const { return m_growth; }

private:
    static void nfc(NormalizedText& t);
    void replace(NormalizedText& t) const;

    Kind m_kind = Kind::Nfc;
    std::string m_pattern; // Replace: what to find; Prepend: what to put in front
    std::string m_content; // Replace: what to put instead
    bool m_stripLeft = false;
    bool m_stripRight = false;
    std::uint64_t m_growth = 1; // bounded by limits::kMaxTextGrowth at load
    std::vector<std::unique_ptr<Normalizer>> m_children; // Sequence
};

} // namespace core

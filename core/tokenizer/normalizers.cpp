#include "core/tokenizer/normalizers.h"

#include "core/common/limits.h"
#include "core/common/utf8.h"
#include "core/tokenizer/unicode.h"

#include <algorithm>

namespace core {

std::unique_ptr<Normalizer> Normalizer::fromJson(const JsonAt& json)
{
    if (json.isNull())
        return nullptr;
    json.object();
    auto n = std::make_unique<Normalizer>();
    const std::string type = json.at("type").str();
    if (type == "NFC") {
        n->m_kind = Kind::Nfc;
    } else if (type == "Prepend") {
        n->m_kind = Kind::Prepend;
        n->m_pattern = json.at("prepend").str();
    } else if (type == "Replace") {
        n->m_kind = Kind::Replace;
        const JsonAt pattern = json.at("pattern").object();
        if (!pattern.has("String"))
            pattern.fail("only {\"String\": ...} patterns are supported in a Replace normalizer");
        n->m_pattern = pattern.at("String").str();
        if (n->m_pattern.empty())
            pattern.at("String").fail("empty pattern");
        n->m_content = json.at("content").str();
        n->m_growth = std::max<std::uint64_t>(1, (n->m_content.size() + n->m_pattern.size() - 1) / n->m_pattern.size());
    } else if (type == "Strip") {
        n->m_kind = Kind::Strip;
        n->m_stripLeft = json.boolean("strip_left", false);
        n->m_stripRight = json.boolean("strip_right", false);
    } else if (type == "Sequence") {
        n->m_kind = Kind::Sequence;
        const JsonAt list = json.at("normalizers").array();
        for (std::size_t i = 0; i < list.size(); ++i)
            if (auto child = fromJson(list.at(i))) {
                // Saturating product: any factor above the limit already fails below.
                n->m_growth = std::min<std::uint64_t>(n->m_growth * child->growth(), limits::kMaxTextGrowth + 1);
                n->m_children.push_back(std::move(child));
            }
    } else {
        json.at("type").fail(
            "unsupported normalizer type \"" + type + "\" (supported: NFC, Prepend, Replace, Strip, Sequence)");
    }
    if (n->m_growth > limits::kMaxTextGrowth)
        json.fail("its Replace steps could grow a text more than " + std::to_string(limits::kMaxTextGrowth)
            + " times (the limit)");
    return n;
}

void Normalizer::apply(NormalizedText& t) const
{
    switch (m_kind) {
    case Kind::Nfc:
        nfc(t);
        break;
    case Kind::Prepend:
        t.prepend(m_pattern); // HF prepends only to non-empty text, as NormalizedText::prepend does
        break;
    case Kind::Replace:
        replace(t);
        break;
    case Kind::Strip: {
        std::size_t b = 0, e = t.text.size();
        if (m_stripLeft) {
            while (b < e) {
                std::size_t p = b;
                if (!unicode::isWhitespace(utf8::decode(t.text, p)))
                    break;
                b = p;
            }
        }
        if (m_stripRight) {
            while (e > b) {
                std::size_t start = e - 1;
                while (start > b && (static_cast<unsigned char>(t.text[start]) & 0xC0) == 0x80)
                    --start;
                std::size_t p = start;
                if (!unicode::isWhitespace(utf8::decode(t.text, p)))
                    break;
                e = start;
            }
        }
        t = t.slice(b, e);
        break;
    }
    case Kind::Sequence:
        for (const auto& child : m_children)
            child->apply(t);
        break;
    }
}

void Normalizer::nfc(NormalizedText& t)
{
    // NFC only ever joins a character with the marks after it, so the text is cut before every character
    // that nothing can join with, and each chunk is normalized on its own. A chunk that changes maps all
    // its output bytes to the span of the whole input chunk.
    const std::string& s = t.text;
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii)
        return;
    NormalizedText out;
    out.text.reserve(s.size());
    out.align.reserve(s.size());
    std::vector<char32_t> cps;
    std::string encoded;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t chunkBegin = pos;
        cps.clear();
        cps.push_back(utf8::decode(s, pos));
        while (pos < s.size()) {
            std::size_t next = pos;
            const char32_t cp = utf8::decode(s, next);
            if (unicode::isNfcBoundary(cp))
                break;
            cps.push_back(cp);
            pos = next;
        }
        const std::size_t chunkEnd = pos;
        if (cps.size() == 1 && cps[0] < 0x300) {
            out.text.append(s, chunkBegin, chunkEnd - chunkBegin);
            out.align.insert(out.align.end(), t.align.begin() + static_cast<std::ptrdiff_t>(chunkBegin),
                t.align.begin() + static_cast<std::ptrdiff_t>(chunkEnd));
            continue;
        }
        unicode::nfc(cps);
        encoded.clear();
        for (char32_t cp : cps)
            utf8::append(encoded, cp);
        if (encoded.compare(0, std::string::npos, s, chunkBegin, chunkEnd - chunkBegin) == 0) {
            out.text += encoded;
            out.align.insert(out.align.end(), t.align.begin() + static_cast<std::ptrdiff_t>(chunkBegin),
                t.align.begin() + static_cast<std::ptrdiff_t>(chunkEnd));
        } else {
            const ByteSpan span = t.spanOf(chunkBegin, chunkEnd);
            out.text += encoded;
            out.align.insert(out.align.end(), encoded.size(), span);
        }
    }
    t = std::move(out);
}

void Normalizer::replace(NormalizedText& t) const
{
    if (t.text.find(m_pattern) == std::string::npos)
        return;
    NormalizedText out;
    out.text.reserve(t.text.size());
    out.align.reserve(t.text.size());
    std::size_t pos = 0;
    while (pos < t.text.size()) {
        const std::size_t hit = t.text.find(m_pattern, pos);
        const std::size_t keepEnd = hit == std::string::npos ? t.text.size() : hit;
        out.text.append(t.text, pos, keepEnd - pos);
        out.align.insert(out.align.end(), t.align.begin() + static_cast<std::ptrdiff_t>(pos),
            t.align.begin() + static_cast<std::ptrdiff_t>(keepEnd));
        if (hit == std::string::npos)
            break;
        const ByteSpan span = t.spanOf(hit, hit + m_pattern.size());
        out.text += m_content;
        out.align.insert(out.align.end(), m_content.size(), span);
        pos = hit + m_pattern.size();
    }
    t = std::move(out);
}

} // namespace core

#include "core/tokenizer/pre_tokenizers.h"

#include "core/common/utf8.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/unicode.h"

namespace core {

namespace {

    using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

    PreTokenizer::Behavior behaviorFromJson(const JsonAt& json)
    {
        const std::string s = json.str();
        if (s == "Removed")
            return PreTokenizer::Behavior::Removed;
        if (s == "Isolated")
            return PreTokenizer::Behavior::Isolated;
        if (s == "MergedWithPrevious")
            return PreTokenizer::Behavior::MergedWithPrevious;
        if (s == "MergedWithNext")
            return PreTokenizer::Behavior::MergedWithNext;
        if (s == "Contiguous")
            return PreTokenizer::Behavior::Contiguous;
        json.fail("unknown split behavior \"" + s + "\"");
    }

    // Hugging Face's NormalizedString::split: the matches and the gaps between them, each flagged, then
    // combined according to the behavior; empty pieces are dropped.
    void splitByMatches(const NormalizedText& piece, const Ranges& matches, PreTokenizer::Behavior behavior,
        bool invert, const PreTokenizer::Sink& sink)
    {
        using B = PreTokenizer::Behavior;
        struct Part {
            std::size_t begin, end;
            bool match;
        };
        std::vector<Part> parts;
        parts.reserve(matches.size() * 2 + 1);
        std::size_t last = 0;
        for (const auto& [b, e] : matches) {
            if (b > last)
                parts.push_back({ last, b, invert });
            parts.push_back({ b, e, !invert });
            last = e;
        }
        if (last < piece.text.size())
            parts.push_back({ last, piece.text.size(), invert });

        std::vector<Part> merged;
        merged.reserve(parts.size());
        switch (behavior) {
        case B::Isolated:
            merged = parts;
            break;
        case B::Removed:
            for (const Part& p : parts)
                if (!p.match)
                    merged.push_back(p);
            break;
        case B::MergedWithPrevious: {
            bool previousMatch = false;
            for (const Part& p : parts) {
                if (p.match && !previousMatch && !merged.empty())
                    merged.back().end = p.end;
                else
                    merged.push_back(p);
                previousMatch = p.match;
            }
            break;
        }
        case B::MergedWithNext: {
            bool previousMatch = false;
            for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
                if (it->match && !previousMatch && !merged.empty())
                    merged.back().begin = it->begin;
                else
                    merged.push_back(*it);
                previousMatch = it->match;
            }
            std::reverse(merged.begin(), merged.end());
            break;
        }
        case B::Contiguous: {
            bool previousMatch = false;
            for (const Part& p : parts) {
                if (p.match == previousMatch && !merged.empty())
                    merged.back().end = p.end;
                else
                    merged.push_back(p);
                previousMatch = p.match;
            }
            break;
        }
        }
        for (const Part& p : merged) {
            if (p.end > p.begin) {
                NormalizedText part = piece.slice(p.begin, p.end);
                sink(part);
            }
        }
    }

    // Each code point for which pred holds is one match.
    template <typename Pred> Ranges charMatches(const std::string& text, Pred pred)
    {
        Ranges r;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t begin = pos;
            if (pred(utf8::decode(text, pos)))
                r.emplace_back(begin, pos);
        }
        return r;
    }

    Ranges literalMatches(const std::string& text, const std::string& literal)
    {
        Ranges r;
        std::size_t pos = 0;
        while ((pos = text.find(literal, pos)) != std::string::npos) {
            r.emplace_back(pos, pos + literal.size());
            pos += literal.size();
        }
        return r;
    }

    void replaceSpaces(NormalizedText& t, const std::string& replacement)
    {
        if (t.text.find(' ') == std::string::npos)
            return;
        NormalizedText out;
        out.text.reserve(t.text.size() + 8);
        out.align.reserve(t.text.size() + 8);
        for (std::size_t i = 0; i < t.text.size(); ++i) {
            if (t.text[i] == ' ') {
                out.text += replacement;
                out.align.insert(out.align.end(), replacement.size(), t.align[i]);
            } else {
                out.text += t.text[i];
                out.align.push_back(t.align[i]);
            }
        }
        t = std::move(out);
    }

    void mapBytes(NormalizedText& t)
    {
        NormalizedText out;
        out.text.reserve(t.text.size() * 2);
        out.align.reserve(t.text.size() * 2);
        for (std::size_t i = 0; i < t.text.size(); ++i) {
            const std::string& c = byte_level::charsOf(static_cast<std::uint8_t>(t.text[i]));
            out.text += c;
            out.align.insert(out.align.end(), c.size(), t.align[i]);
        }
        t = std::move(out);
    }

} // namespace

std::unique_ptr<PreTokenizer> PreTokenizer::fromJson(const JsonAt& json)
{
    if (json.isNull())
        return nullptr;
    json.object();
    auto p = std::make_unique<PreTokenizer>();
    const std::string type = json.at("type").str();
    if (type == "ByteLevel") {
        p->m_kind = Kind::ByteLevel;
        p->m_addPrefixSpace = json.boolean("add_prefix_space", true);
        p->m_useRegex = json.boolean("use_regex", true);
    } else if (type == "Split") {
        p->m_kind = Kind::Split;
        const JsonAt pattern = json.at("pattern").object();
        if (pattern.has("Regex")) {
            const std::string regex = pattern.at("Regex").str();
            p->m_pattern = SplitPattern::recognise(regex);
            if (!p->m_pattern)
                pattern.at("Regex").fail("unsupported Split regex \"" + regex
                    + "\": only the GPT-2, Llama 3 and Qwen2 pre-tokenizer patterns are implemented");
        } else if (pattern.has("String")) {
            p->m_literal = pattern.at("String").str();
            if (p->m_literal.empty())
                pattern.at("String").fail("empty pattern");
        } else {
            pattern.fail("expected {\"Regex\": ...} or {\"String\": ...}");
        }
        p->m_behavior = behaviorFromJson(json.at("behavior"));
        p->m_invert = json.boolean("invert", false);
    } else if (type == "Metaspace") {
        p->m_kind = Kind::Metaspace;
        p->m_literal = json.str("replacement", "\xE2\x96\x81");
        if (p->m_literal.empty() || utf8::firstInvalid(p->m_literal) != std::string::npos
            || utf8::validLength(p->m_literal, 0) != p->m_literal.size())
            json.at("replacement").fail("must be exactly one character");
        if (json.has("prepend_scheme")) {
            const std::string scheme = json.at("prepend_scheme").str();
            if (scheme == "always")
                p->m_prepend = PrependScheme::Always;
            else if (scheme == "first")
                p->m_prepend = PrependScheme::First;
            else if (scheme == "never")
                p->m_prepend = PrependScheme::Never;
            else
                json.at("prepend_scheme").fail("unknown prepend scheme \"" + scheme + "\"");
        } else {
            p->m_prepend = json.boolean("add_prefix_space", true) ? PrependScheme::Always : PrependScheme::Never;
        }
        p->m_split = json.boolean("split", true);
    } else if (type == "Digits") {
        p->m_kind = Kind::Digits;
        p->m_individualDigits = json.boolean("individual_digits", false);
    } else if (type == "Sequence") {
        p->m_kind = Kind::Sequence;
        const JsonAt list = json.at("pretokenizers").array();
        for (std::size_t i = 0; i < list.size(); ++i)
            if (auto child = fromJson(list.at(i)))
                p->m_children.push_back(std::move(child));
    } else {
        json.at("type").fail("unsupported pre-tokenizer type \"" + type
            + "\" (supported: ByteLevel, Split, Metaspace, Digits, Sequence)");
    }
    return p;
}

bool PreTokenizer::usesByteLevel() const
{
    if (m_kind == Kind::ByteLevel)
        return true;
    for (const auto& c : m_children)
        if (c->usesByteLevel())
            return true;
    return false;
}

void PreTokenizer::run(NormalizedText& text, const Sink& sink) const
{
    if (m_kind == Kind::Sequence) {
        runChain(0, text, sink);
        return;
    }
    NormalizedText& piece = text;
    switch (m_kind) {
    case Kind::ByteLevel: {
        if (m_addPrefixSpace && !piece.text.empty() && piece.text[0] != ' ')
            piece.prepend(" ");
        auto mapped = [&sink](NormalizedText& p) {
            mapBytes(p);
            sink(p);
        };
        if (m_useRegex)
            splitByMatches(piece, SplitPattern::findMatches(SplitPattern::Kind::Gpt2, piece.text), Behavior::Isolated,
                false, mapped);
        else if (!piece.empty())
            mapped(piece);
        break;
    }
    case Kind::Split:
        splitByMatches(piece,
            m_pattern ? SplitPattern::findMatches(*m_pattern, piece.text) : literalMatches(piece.text, m_literal),
            m_behavior, m_invert, sink);
        break;
    case Kind::Metaspace: {
        replaceSpaces(piece, m_literal);
        const bool startsWithReplacement = piece.text.compare(0, m_literal.size(), m_literal) == 0;
        if (!startsWithReplacement && !piece.empty()
            && (m_prepend == PrependScheme::Always
                || (m_prepend == PrependScheme::First && piece.align.front().begin == 0)))
            piece.prepend(m_literal);
        if (m_split)
            splitByMatches(piece, literalMatches(piece.text, m_literal), Behavior::MergedWithNext, false, sink);
        else if (!piece.empty())
            sink(piece);
        break;
    }
    case Kind::Digits:
        splitByMatches(piece, charMatches(piece.text, unicode::isNumber),
            m_individualDigits ? Behavior::Isolated : Behavior::Contiguous, false, sink);
        break;
    case Kind::Sequence:
        break; // handled above
    }
}

void PreTokenizer::runChain(std::size_t step, NormalizedText& piece, const Sink& sink) const
{
    if (step == m_children.size()) {
        if (!piece.empty())
            sink(piece);
        return;
    }
    m_children[step]->run(piece, [&](NormalizedText& p) { runChain(step + 1, p, sink); });
}

} // namespace core

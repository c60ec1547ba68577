#include "core/tokenizer/decoders.h"

#include "core/common/limits.h"
#include "core/common/utf8.h"
#include "core/tokenizer/byte_level.h"

#include <algorithm>

namespace core {

namespace {

    void replaceAll(std::string& s, const std::string& from, const std::string& to)
    {
        if (from.empty())
            return;
        // One pass into a new string: replacing in place would move the tail once per hit (quadratic).
        std::size_t pos = 0, hit = s.find(from);
        if (hit == std::string::npos)
            return;
        std::string out;
        for (; hit != std::string::npos; hit = s.find(from, pos)) {
            out.append(s, pos, hit - pos);
            out += to;
            pos = hit + from.size();
        }
        out.append(s, pos, std::string::npos);
        s = std::move(out);
    }

    int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    }

    // "<0xE2>" -> 0xE2, or -1 (the reference parses the two digits as hex, either case).
    int byteToken(const std::string& t)
    {
        if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>')
            return -1;
        const int hi = hexValue(t[3]), lo = hexValue(t[4]);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    std::string oneChar(const JsonAt& json)
    {
        std::string s = json.str();
        if (s.empty() || utf8::validLength(s, 0) != s.size())
            json.fail("must be exactly one character");
        return s;
    }

} // namespace

std::unique_ptr<Decoder> Decoder::fromJson(const JsonAt& json)
{
    if (json.isNull())
        return nullptr;
    json.object();
    auto d = std::make_unique<Decoder>();
    const std::string type = json.at("type").str();
    if (type == "ByteLevel") {
        d->m_kind = Kind::ByteLevel;
    } else if (type == "ByteFallback") {
        d->m_kind = Kind::ByteFallback;
    } else if (type == "Fuse") {
        d->m_kind = Kind::Fuse;
    } else if (type == "Metaspace") {
        d->m_kind = Kind::Metaspace;
        d->m_pattern = json.has("replacement") ? oneChar(json.at("replacement")) : std::string("\xE2\x96\x81");
        if (json.has("prepend_scheme"))
            d->m_prependFirst = json.at("prepend_scheme").str() != "never";
        else
            d->m_prependFirst = json.boolean("add_prefix_space", true);
    } else if (type == "Strip") {
        d->m_kind = Kind::Strip;
        d->m_content = oneChar(json.at("content"));
        const std::int64_t start = json.at("start").integer(), stop = json.at("stop").integer();
        if (start < 0 || start > 1000000)
            json.at("start").fail("out of range");
        if (stop < 0 || stop > 1000000)
            json.at("stop").fail("out of range");
        d->m_start = static_cast<int>(start);
        d->m_stop = static_cast<int>(stop);
    } else if (type == "Replace") {
        d->m_kind = Kind::Replace;
        const JsonAt pattern = json.at("pattern").object();
        if (!pattern.has("String"))
            pattern.fail("only {\"String\": ...} patterns are supported in a Replace decoder");
        d->m_pattern = pattern.at("String").str();
        if (d->m_pattern.empty())
            pattern.at("String").fail("empty pattern");
        d->m_content = json.at("content").str();
        d->m_growth = std::max<std::uint64_t>(1, (d->m_content.size() + d->m_pattern.size() - 1) / d->m_pattern.size());
    } else if (type == "Sequence") {
        d->m_kind = Kind::Sequence;
        const JsonAt list = json.at("decoders").array();
        for (std::size_t i = 0; i < list.size(); ++i)
            if (auto child = fromJson(list.at(i))) {
                // Saturating product: any factor above the limit already fails below.
                d->m_growth = std::min<std::uint64_t>(d->m_growth * child->growth(), limits::kMaxTextGrowth + 1);
                d->m_children.push_back(std::move(child));
            }
    } else {
        json.at("type").fail("unsupported decoder type \"" + type
            + "\" (supported: ByteLevel, ByteFallback, Metaspace, Fuse, Strip, Replace, Sequence)");
    }
    if (d->m_growth > limits::kMaxTextGrowth)
        json.fail("its Replace steps could grow a text more than " + std::to_string(limits::kMaxTextGrowth)
            + " times (the limit)");
    return d;
}

bool Decoder::contains(Kind kind) const
{
    if (m_kind == kind)
        return true;
    for (const auto& c : m_children)
        if (c->contains(kind))
            return true;
    return false;
}

void Decoder::replaceMarkers(std::string& token) const
{
    if (m_kind == Kind::Replace)
        replaceAll(token, m_pattern, m_content);
    else if (m_kind == Kind::Metaspace)
        replaceAll(token, m_pattern, " ");
    for (const auto& c : m_children)
        c->replaceMarkers(token);
}

void Decoder::decodeChain(std::vector<std::string>& tokens) const
{
    switch (m_kind) {
    case Kind::ByteLevel: {
        // All tokens become one string: byte-level characters back to bytes (a token with a character
        // outside the table, such as an added token, is taken as it is), then lossy UTF-8.
        std::string bytes;
        for (const std::string& t : tokens) {
            if (auto b = byte_level::decode(t))
                bytes += *b;
            else
                bytes += t;
        }
        tokens.assign(1, utf8::lossy(bytes));
        break;
    }
    case Kind::ByteFallback: {
        std::vector<std::string> out;
        out.reserve(tokens.size());
        std::string pending;
        auto flush = [&] {
            if (pending.empty())
                return;
            if (utf8::firstInvalid(pending) == std::string::npos)
                out.push_back(pending);
            else
                for (std::size_t i = 0; i < pending.size(); ++i)
                    out.emplace_back("\xEF\xBF\xBD"); // one U+FFFD per byte, as the reference does
            pending.clear();
        };
        for (std::string& t : tokens) {
            const int b = byteToken(t);
            if (b >= 0) {
                pending += static_cast<char>(b);
                continue;
            }
            flush();
            out.push_back(std::move(t));
        }
        flush();
        tokens = std::move(out);
        break;
    }
    case Kind::Fuse: {
        std::string all;
        for (const std::string& t : tokens)
            all += t;
        tokens.assign(1, std::move(all));
        break;
    }
    case Kind::Metaspace:
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string out;
            const std::string& t = tokens[i];
            std::size_t pos = 0;
            while (pos < t.size()) {
                if (t.compare(pos, m_pattern.size(), m_pattern) == 0) {
                    // The reference drops every replacement character of the first token (not only a
                    // leading one) when a prefix was added.
                    if (!(i == 0 && m_prependFirst))
                        out += ' ';
                    pos += m_pattern.size();
                } else {
                    out += t[pos++];
                }
            }
            tokens[i] = std::move(out);
        }
        break;
    case Kind::Strip:
        for (std::string& t : tokens) {
            std::size_t b = 0, e = t.size();
            for (int k = 0; k < m_start && t.compare(b, m_content.size(), m_content) == 0 && b < e; ++k)
                b += m_content.size();
            for (int k = 0; k < m_stop && e >= b + m_content.size()
                 && t.compare(e - m_content.size(), m_content.size(), m_content) == 0;
                 ++k)
                e -= m_content.size();
            t = t.substr(b, e - b);
        }
        break;
    case Kind::Replace:
        for (std::string& t : tokens)
            replaceAll(t, m_pattern, m_content);
        break;
    case Kind::Sequence:
        for (const auto& c : m_children)
            c->decodeChain(tokens);
        break;
    }
}

} // namespace core

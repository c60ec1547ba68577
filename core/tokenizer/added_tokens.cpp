#include "core/tokenizer/added_tokens.h"

#include "core/common/utf8.h"
#include "core/tokenizer/unicode.h"

#include <algorithm>

namespace core {

namespace {

    char32_t charBefore(std::string_view s, std::size_t pos)
    {
        std::size_t start = pos - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        return utf8::decode(s, start);
    }

    bool isWordChar(char32_t c) { return unicode::isLetter(c) || unicode::isNumber(c) || c == '_'; }

} // namespace

AddedTokens AddedTokens::fromJson(const JsonAt& list, const BpeModel& model)
{
    AddedTokens a;
    if (list.isNull())
        return a;
    list.array();
    if (list.size() > (1u << 24))
        list.fail("too many added tokens");
    a.m_tokens.reserve(list.size());
    std::unordered_map<std::int32_t, std::size_t> fileIds;
    const auto vocabCount = static_cast<std::int32_t>(model.vocabCount());
    std::int32_t maxId = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonAt t = list.at(i).object();
        AddedToken tok;
        const std::int64_t id = t.at("id").integer();
        if (id < 0 || id >= (1 << 24))
            t.at("id").fail("id " + std::to_string(id) + " is out of range");
        tok.id = static_cast<std::int32_t>(id);
        tok.content = t.at("content").str();
        if (tok.content.empty())
            t.at("content").fail("empty token");
        tok.special = t.boolean("special", false);
        tok.lstrip = t.boolean("lstrip", false);
        tok.rstrip = t.boolean("rstrip", false);
        tok.singleWord = t.boolean("single_word", false);
        tok.normalized = t.boolean("normalized", !tok.special);
        if (auto it = fileIds.find(tok.id); it != fileIds.end())
            t.at("id").fail(
                "duplicate id " + std::to_string(tok.id) + " (also \"" + a.m_tokens[it->second].content + "\")");
        fileIds.emplace(tok.id, a.m_tokens.size());
        if (a.byContent(tok.content))
            t.at("content").fail("\"" + tok.content + "\" is listed twice");
        if (auto inVocab = model.tokenToId(tok.content))
            tok.id = *inVocab;
        else
            tok.id = maxId < 0 ? vocabCount : (maxId >= vocabCount || vocabCount == 0 ? maxId + 1 : vocabCount);
        maxId = std::max(maxId, tok.id);
        a.m_byId[tok.id] = a.m_tokens.size();
        a.m_byContent[tok.content] = a.m_tokens.size();
        a.m_tokens.push_back(std::move(tok));
    }
    for (std::size_t i = 0; i < a.m_tokens.size(); ++i) {
        const AddedToken& t = a.m_tokens[i];
        a.m_byFirstByte[t.normalized ? 1 : 0][static_cast<unsigned char>(t.content[0])].push_back(i);
    }
    for (auto& set : a.m_byFirstByte)
        for (auto& bucket : set)
            std::stable_sort(bucket.begin(), bucket.end(), [&](std::size_t x, std::size_t y) {
                return a.m_tokens[x].content.size() > a.m_tokens[y].content.size();
            });
    return a;
}

const AddedToken* AddedTokens::byId(std::int32_t id) const
{
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_tokens[it->second];
}

const AddedToken* AddedTokens::byContent(std::string_view content) const
{
    auto it = m_byContent.find(std::string(content));
    return it == m_byContent.end() ? nullptr : &m_tokens[it->second];
}

void AddedTokens::split(std::string_view text, bool normalizedSet, bool allowSpecial, std::vector<Segment>& out) const
{
    const auto& buckets = m_byFirstByte[normalizedSet ? 1 : 0];
    std::size_t segmentStart = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto& bucket = buckets[static_cast<unsigned char>(text[pos])];
        const AddedToken* hit = nullptr;
        for (std::size_t k : bucket) {
            const std::string& c = m_tokens[k].content;
            if (text.compare(pos, c.size(), c) == 0) {
                hit = &m_tokens[k];
                break;
            }
        }
        if (!hit) {
            ++pos;
            continue;
        }
        std::size_t start = pos;
        std::size_t stop = pos + hit->content.size();
        pos = stop; // matches never overlap, even the ones dropped below (as with the reference)
        if (hit->special && !allowSpecial)
            continue;
        if (hit->singleWord) {
            const bool wordBefore = start > 0 && isWordChar(charBefore(text, start));
            std::size_t p = stop;
            const bool wordAfter = stop < text.size() && isWordChar(utf8::decode(text, p));
            if (wordBefore || wordAfter)
                continue;
        }
        if (hit->lstrip) {
            while (start > segmentStart && unicode::isWhitespace(charBefore(text, start))) {
                std::size_t s = start - 1;
                while (s > 0 && (static_cast<unsigned char>(text[s]) & 0xC0) == 0x80)
                    --s;
                start = s;
            }
        }
        if (hit->rstrip) {
            while (stop < text.size()) {
                std::size_t p = stop;
                if (!unicode::isWhitespace(utf8::decode(text, p)))
                    break;
                stop = p;
            }
            pos = stop;
        }
        if (segmentStart < start)
            out.push_back({ segmentStart, start, -1 });
        out.push_back({ start, stop, hit->id });
        segmentStart = stop;
    }
    if (segmentStart < text.size())
        out.push_back({ segmentStart, text.size(), -1 });
}

} // namespace core

#include "core/tokenizer/bpe_model.h"

#include "core/common/utf8.h"

#include <queue>

namespace core {

namespace {

    // Limits checked before allocating anything sized by the file.
    constexpr std::int64_t maxTokenId = 1 << 24;

    bool isUpperHex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

    std::string byteTokenName(unsigned b)
    {
        static const char* hex = "0123456789ABCDEF";
        return std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
    }

} // namespace

BpeModel BpeModel::fromJson(const JsonAt& model)
{
    model.object();
    BpeModel m;
    const JsonAt vocab = model.at("vocab");
    if (!vocab.value().is_object())
        vocab.fail(std::string("expected an object of token -> id, found ") + vocab.value().type_name());
    if (static_cast<std::int64_t>(vocab.size()) > maxTokenId)
        vocab.fail("too many tokens (" + std::to_string(vocab.size()) + ")");

    // Pass 1: ids and their range, so the id table is allocated once and only if it is sane.
    std::int64_t maxId = -1;
    for (auto it = vocab.value().begin(); it != vocab.value().end(); ++it) {
        const JsonAt idAt(it.value(), vocab.path() + "[\"" + it.key() + "\"]", vocab.file());
        const std::int64_t id = idAt.integer();
        if (id < 0 || id >= maxTokenId)
            idAt.fail("id " + std::to_string(id) + " is out of range [0, " + std::to_string(maxTokenId) + ")");
        maxId = std::max(maxId, id);
    }
    m.m_idToToken.resize(static_cast<std::size_t>(maxId + 1));
    m.m_hasId.assign(static_cast<std::size_t>(maxId + 1), false);
    m.m_vocab.reserve(vocab.size());
    for (auto it = vocab.value().begin(); it != vocab.value().end(); ++it) {
        const auto id = static_cast<std::int32_t>(it.value().get<std::int64_t>());
        if (m.m_hasId[id])
            throw Error(vocab.file(), vocab.path() + "[\"" + it.key() + "\"]",
                "duplicate id " + std::to_string(id) + " (also used by \"" + m.m_idToToken[id] + "\")");
        m.m_hasId[id] = true;
        m.m_idToToken[id] = it.key();
        m.m_vocab.emplace(it.key(), id);
    }
    m.m_vocabCount = m.m_vocab.size();

    m.m_byteFallback = model.boolean("byte_fallback", false);
    m.m_fuseUnk = model.boolean("fuse_unk", false);
    m.m_ignoreMerges = model.boolean("ignore_merges", false);
    m.m_prefix = model.str("continuing_subword_prefix", "");
    m.m_suffix = model.str("end_of_word_suffix", "");
    if (model.has("unk_token")) {
        const std::string unk = model.at("unk_token").str();
        auto it = m.m_vocab.find(unk);
        if (it == m.m_vocab.end())
            model.at("unk_token").fail("\"" + unk + "\" is not in model.vocab");
        m.m_unkId = it->second;
    }
    for (unsigned b = 0; b < 256; ++b) {
        auto it = m.m_vocab.find(byteTokenName(b));
        m.m_byteIds[b] = it == m.m_vocab.end() ? -1 : it->second;
    }
    if (m.m_byteFallback) {
        // A token shaped like a byte token but not exactly "<0xHH>" would silently never be used.
        for (const auto& [token, id] : m.m_vocab) {
            if (token.size() >= 4 && token.size() <= 8 && token.compare(0, 3, "<0x") == 0 && token.back() == '>') {
                const bool ok = token.size() == 6 && isUpperHex(token[3]) && isUpperHex(token[4]);
                if (!ok)
                    throw Error(vocab.file(), vocab.path() + "[\"" + token + "\"]",
                        "malformed byte token: byte_fallback expects exactly \"<0xHH>\" with two upper-case hex "
                        "digits");
            }
        }
    }

    const JsonAt merges = model.at("merges").array();
    if (static_cast<std::int64_t>(merges.size()) > maxTokenId)
        merges.fail("too many merges (" + std::to_string(merges.size()) + ")");
    m.m_merges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const JsonAt entry = merges.at(rank);
        std::string a, b;
        if (entry.value().is_string()) {
            const std::string s = entry.str();
            const std::size_t space = s.find(' ');
            if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
                entry.fail("\"" + s + "\" does not split into two tokens");
            a = s.substr(0, space);
            b = s.substr(space + 1);
        } else if (entry.value().is_array()) {
            if (entry.size() != 2)
                entry.fail("expected a pair of tokens, found " + std::to_string(entry.size()) + " elements");
            a = entry.at(std::size_t { 0 }).str();
            b = entry.at(std::size_t { 1 }).str();
        } else {
            entry.fail(std::string("expected \"a b\" or [\"a\", \"b\"], found ") + entry.value().type_name());
        }
        auto ia = m.m_vocab.find(a);
        if (ia == m.m_vocab.end())
            entry.fail("\"" + a + "\" is not in model.vocab");
        auto ib = m.m_vocab.find(b);
        if (ib == m.m_vocab.end())
            entry.fail("\"" + b + "\" is not in model.vocab");
        // The merged token drops b's continuing-subword prefix ("hug" + "##s" -> "hugs").
        const std::string merged = a
            + (!m.m_prefix.empty() && b.compare(0, m.m_prefix.size(), m.m_prefix) == 0 ? b.substr(m.m_prefix.size())
                                                                                       : b);
        auto im = m.m_vocab.find(merged);
        if (im == m.m_vocab.end())
            entry.fail("the merged token \"" + merged + "\" is not in model.vocab");
        // First occurrence wins, as in Hugging Face tokenizers.
        m.m_merges.emplace(pairKey(ia->second, ib->second), Merge { static_cast<std::int32_t>(rank), im->second });
    }
    return m;
}

std::optional<std::int32_t> BpeModel::tokenToId(std::string_view token) const
{
    auto it = m_vocab.find(token);
    if (it == m_vocab.end())
        return std::nullopt;
    return it->second;
}

const std::string* BpeModel::idToToken(std::int32_t id) const
{
    if (id < 0 || static_cast<std::size_t>(id) >= m_idToToken.size() || !m_hasId[id])
        return nullptr;
    return &m_idToToken[id];
}

void BpeModel::encode(std::string_view piece, std::vector<Piece>& out) const
{
    if (piece.empty())
        return;
    if (m_ignoreMerges) {
        if (auto it = m_vocab.find(piece); it != m_vocab.end()) {
            out.push_back({ it->second, 0, static_cast<std::uint32_t>(piece.size()) });
            return;
        }
    }

    // Symbols form a doubly linked list over the piece; a merged-away symbol gets len 0.
    struct Symbol {
        std::int32_t id;
        std::int32_t prev;
        std::int32_t next;
        std::uint32_t begin;
        std::uint32_t len;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(piece.size());
    std::string key;
    bool lastWasUnk = false;
    auto add = [&](std::int32_t id, std::uint32_t begin, std::uint32_t len) {
        const auto n = static_cast<std::int32_t>(symbols.size());
        symbols.push_back({ id, n - 1, -1, begin, len });
    };
    std::size_t pos = 0;
    while (pos < piece.size()) {
        const std::size_t begin = pos;
        pos += std::max<std::size_t>(1, utf8::validLength(piece, pos));
        const std::string_view ch = piece.substr(begin, pos - begin);
        key.clear();
        if (begin > 0)
            key += m_prefix;
        key += ch;
        if (pos == piece.size())
            key += m_suffix;
        if (auto it = m_vocab.find(key); it != m_vocab.end()) {
            add(it->second, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(ch.size()));
            lastWasUnk = false;
            continue;
        }
        if (m_byteFallback) {
            bool all = true;
            for (char c : ch)
                all = all && m_byteIds[static_cast<unsigned char>(c)] >= 0;
            if (all) {
                for (std::size_t i = 0; i < ch.size(); ++i)
                    add(m_byteIds[static_cast<unsigned char>(ch[i])], static_cast<std::uint32_t>(begin + i), 1);
                lastWasUnk = false;
                continue;
            }
        }
        if (m_unkId) {
            if (m_fuseUnk && lastWasUnk)
                symbols.back().len += static_cast<std::uint32_t>(ch.size());
            else
                add(*m_unkId, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(ch.size()));
            lastWasUnk = true;
        }
        // No unk token: the character is dropped, as the reference does.
    }
    if (!symbols.empty())
        symbols.back().next = -1;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i)
        symbols[i].next = static_cast<std::int32_t>(i + 1);

    struct Candidate {
        std::int32_t rank;
        std::int32_t pos;
        std::int32_t newId;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
    auto push = [&](std::int32_t left) {
        const std::int32_t right = symbols[left].next;
        if (right < 0)
            return;
        auto it = m_merges.find(pairKey(symbols[left].id, symbols[right].id));
        if (it != m_merges.end())
            heap.push({ it->second.rank, left, it->second.newId });
    };
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i)
        push(static_cast<std::int32_t>(i));

    while (!heap.empty()) {
        const Candidate top = heap.top();
        heap.pop();
        Symbol& left = symbols[top.pos];
        if (left.len == 0 || left.next < 0)
            continue;
        Symbol& right = symbols[left.next];
        // Stale entry: one side was merged since it was pushed.
        auto it = m_merges.find(pairKey(left.id, right.id));
        if (it == m_merges.end() || it->second.newId != top.newId || it->second.rank != top.rank)
            continue;
        left.id = top.newId;
        left.len += right.len;
        left.next = right.next;
        right.len = 0;
        if (left.next >= 0)
            symbols[left.next].prev = top.pos;
        if (left.prev >= 0)
            push(left.prev);
        push(top.pos);
    }
    for (const Symbol& s : symbols)
        if (s.len > 0)
            out.push_back({ s.id, s.begin, s.begin + s.len });
}

} // namespace core

#include "core/tokenizer/tokenizer.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"
#include "core/common/utf8.h"
#include "core/tokenizer/added_tokens.h"
#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/decoders.h"
#include "core/tokenizer/json_at.h"
#include "core/tokenizer/normalizers.h"
#include "core/tokenizer/post_processor.h"
#include "core/tokenizer/pre_tokenizers.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>

namespace core {

namespace {

    constexpr std::size_t maxInputBytes = std::size_t(1) << 31; // spans are 32-bit
    constexpr std::size_t maxCachedPiece = 64; // longer pieces are rare and not worth remembering

    std::string baseName(const std::string& path)
    {
        const std::size_t slash = path.find_last_of("/\\");
        return slash == std::string::npos ? path : path.substr(slash + 1);
    }

} // namespace

struct Tokenizer::Impl {
    std::string file;
    BpeModel model;
    AddedTokens added;
    std::unique_ptr<Normalizer> normalizer;
    std::unique_ptr<PreTokenizer> preTokenizer;
    std::unique_ptr<Decoder> decoder;
    PostProcessor post;
    bool byteLevel = false;
    std::int32_t idLimit = 0;

    void encodeText(NormalizedText& text, std::vector<std::int32_t>& ids, std::vector<ByteSpan>& spans,
        std::unordered_map<std::string, std::vector<BpeModel::Piece>>& cache) const;
    const AddedToken* special(std::int32_t id) const
    {
        const AddedToken* t = added.byId(id);
        return t && t->special ? t : nullptr;
    }
};

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl)
    : m_impl(std::move(impl))
{
}

Tokenizer Tokenizer::fromFile(const std::string& path)
{
    return fromJson(readRegularFile(path, limits::kMaxTokenizerJsonBytes), baseName(path));
}

Tokenizer Tokenizer::fromJson(std::string_view jsonText, const std::string& fileName)
{
    checkJsonDepth(jsonText, fileName, "", limits::kMaxJsonDepth); // the loaders below recurse per level
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(jsonText.begin(), jsonText.end());
    } catch (const nlohmann::json::exception& e) {
        // nlohmann also rejects invalid UTF-8 inside strings here.
        throw Error(fileName, "", std::string("not valid JSON: ") + e.what());
    }
    auto impl = std::make_shared<Impl>();
    impl->file = fileName;
    const JsonAt root(doc, "", impl->file);
    if (!doc.is_object())
        root.fail(std::string("expected a JSON object at the top level, found ") + doc.type_name());
    if (root.has("version")) {
        const std::string version = root.at("version").str();
        if (version != "1.0")
            root.at("version").fail("unsupported version \"" + version + "\" (expected \"1.0\")");
    }
    const JsonAt model = root.at("model").object();
    const std::string type = model.has("type") ? model.at("type").str() : (model.has("merges") ? "BPE" : "");
    if (type != "BPE")
        model.at("type").fail("unsupported model type \"" + type + "\" (only BPE is implemented)");
    impl->model = BpeModel::fromJson(model);

    auto field = [&](const char* key) {
        static const nlohmann::json null;
        return root.has(key) ? root.at(key) : JsonAt(null, key, impl->file);
    };
    impl->added = AddedTokens::fromJson(field("added_tokens"), impl->model);
    impl->normalizer = Normalizer::fromJson(field("normalizer"));
    impl->preTokenizer = PreTokenizer::fromJson(field("pre_tokenizer"));
    impl->decoder = Decoder::fromJson(field("decoder"));
    impl->post = PostProcessor::fromJson(field("post_processor"));
    impl->byteLevel = (impl->preTokenizer && impl->preTokenizer->usesByteLevel())
        || (impl->decoder && impl->decoder->contains(Decoder::Kind::ByteLevel));

    impl->idLimit = impl->model.idLimit();
    for (const AddedToken& t : impl->added.tokens())
        impl->idLimit = std::max(impl->idLimit, t.id + 1);
    auto checkIds = [&](const std::vector<std::int32_t>& ids) {
        for (std::int32_t id : ids)
            if (!impl->added.byId(id) && !impl->model.idToToken(id))
                field("post_processor").fail("adds id " + std::to_string(id) + ", which is no token");
    };
    checkIds(impl->post.prefix());
    checkIds(impl->post.suffix());
    return Tokenizer(std::move(impl));
}

void Tokenizer::Impl::encodeText(NormalizedText& text, std::vector<std::int32_t>& ids, std::vector<ByteSpan>& spans,
    std::unordered_map<std::string, std::vector<BpeModel::Piece>>& cache) const
{
    std::vector<BpeModel::Piece> out;
    auto encodePiece = [&](NormalizedText& piece) {
        const std::vector<BpeModel::Piece>* tokens = nullptr;
        if (piece.text.size() <= maxCachedPiece) {
            auto it = cache.find(piece.text);
            if (it == cache.end()) {
                out.clear();
                model.encode(piece.text, out);
                it = cache.emplace(piece.text, out).first;
            }
            tokens = &it->second;
        } else {
            out.clear();
            model.encode(piece.text, out);
            tokens = &out;
        }
        for (const BpeModel::Piece& p : *tokens) {
            ids.push_back(p.id);
            spans.push_back(piece.spanOf(p.begin, p.end));
        }
    };
    if (preTokenizer)
        preTokenizer->run(text, encodePiece);
    else if (!text.empty())
        encodePiece(text);
}

Encoding Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const
{
    if (text.size() >= maxInputBytes)
        throw Error("input", "", "text of " + std::to_string(text.size()) + " bytes is too long (limit 2 GiB)");
    if (const std::size_t bad = utf8::firstInvalid(text); bad != std::string_view::npos)
        throw Error("input", "", "invalid UTF-8 at byte " + std::to_string(bad));
    const Impl& d = *m_impl;
    Encoding enc;
    enc.ids.reserve(text.size() / 3 + 4);
    enc.spans.reserve(text.size() / 3 + 4);
    if (addSpecial)
        for (std::int32_t id : d.post.prefix()) {
            enc.ids.push_back(id);
            enc.spans.push_back({ 0, 0 });
        }

    std::unordered_map<std::string, std::vector<BpeModel::Piece>> cache;
    std::vector<AddedTokens::Segment> segments, inner;
    d.added.split(text, false, parseSpecial, segments);
    for (const AddedTokens::Segment& seg : segments) {
        if (seg.id >= 0) {
            enc.ids.push_back(seg.id);
            enc.spans.push_back({ static_cast<std::uint32_t>(seg.begin), static_cast<std::uint32_t>(seg.end) });
            continue;
        }
        NormalizedText normalized = NormalizedText::fromInput(
            text.substr(seg.begin, seg.end - seg.begin), static_cast<std::uint32_t>(seg.begin));
        if (d.normalizer)
            d.normalizer->apply(normalized);
        inner.clear();
        d.added.split(normalized.text, true, parseSpecial, inner);
        for (const AddedTokens::Segment& s : inner) {
            if (s.id >= 0) {
                enc.ids.push_back(s.id);
                enc.spans.push_back(normalized.spanOf(s.begin, s.end));
            } else if (s.begin == 0 && s.end == normalized.text.size()) {
                d.encodeText(normalized, enc.ids, enc.spans, cache);
            } else {
                NormalizedText part = normalized.slice(s.begin, s.end);
                d.encodeText(part, enc.ids, enc.spans, cache);
            }
        }
    }

    if (addSpecial) {
        const auto end = static_cast<std::uint32_t>(text.size());
        for (std::int32_t id : d.post.suffix()) {
            enc.ids.push_back(id);
            enc.spans.push_back({ end, end });
        }
    }
    return enc;
}

std::vector<std::int32_t> Tokenizer::encodeIds(std::string_view text, bool addSpecial, bool parseSpecial) const
{
    return encode(text, addSpecial, parseSpecial).ids;
}

std::string Tokenizer::decode(std::span<const std::int32_t> ids, bool skipSpecial) const
{
    const Impl& d = *m_impl;
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (std::int32_t id : ids) {
        if (const AddedToken* t = d.added.byId(id)) {
            if (!(skipSpecial && t->special))
                tokens.push_back(t->content);
        } else if (const std::string* s = d.model.idToToken(id)) {
            tokens.push_back(*s);
        }
    }
    if (!d.decoder) {
        std::string out;
        for (std::size_t i = 0; i < tokens.size(); ++i)
            out += (i ? " " : "") + tokens[i];
        return out;
    }
    d.decoder->decodeChain(tokens);
    std::string out;
    for (const std::string& t : tokens)
        out += t;
    return out;
}

std::string Tokenizer::tokenString(std::int32_t id) const
{
    if (const AddedToken* t = m_impl->added.byId(id))
        return t->content;
    if (const std::string* s = m_impl->model.idToToken(id))
        return *s;
    return {};
}

std::string Tokenizer::pieceBytes(std::int32_t id) const
{
    const Impl& d = *m_impl;
    if (const AddedToken* t = d.added.byId(id))
        return t->content;
    const std::string* s = d.model.idToToken(id);
    if (!s)
        return {};
    if (d.byteLevel) {
        if (auto bytes = byte_level::decode(*s))
            return *bytes;
        return *s;
    }
    const bool fallback = d.model.byteFallback() || (d.decoder && d.decoder->contains(Decoder::Kind::ByteFallback));
    if (fallback && s->size() == 6 && s->compare(0, 3, "<0x") == 0 && (*s)[5] == '>') {
        auto hex = [](char c) {
            return c >= '0' && c <= '9' ? c - '0'
                : c >= 'A' && c <= 'F'  ? c - 'A' + 10
                : c >= 'a' && c <= 'f'  ? c - 'a' + 10
                                        : -1;
        };
        const int hi = hex((*s)[3]), lo = hex((*s)[4]);
        if (hi >= 0 && lo >= 0)
            return std::string(1, static_cast<char>(hi * 16 + lo));
    }
    std::string text = *s;
    if (d.decoder)
        d.decoder->replaceMarkers(text);
    return text;
}

std::string Tokenizer::displayPiece(std::int32_t id) const
{
    const std::string bytes = pieceBytes(id);
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::size_t len = utf8::validLength(bytes, pos);
        if (len > 0) {
            out.append(bytes, pos, len);
            pos += len;
        } else {
            const auto b = static_cast<unsigned char>(bytes[pos++]);
            out += "<0x";
            out += hex[b >> 4];
            out += hex[b & 15];
            out += '>';
        }
    }
    return out;
}

std::optional<std::int32_t> Tokenizer::tokenId(std::string_view token) const
{
    if (const AddedToken* t = m_impl->added.byContent(token))
        return t->id;
    return m_impl->model.tokenToId(token);
}

bool Tokenizer::isValidId(std::int32_t id) const { return m_impl->added.byId(id) || m_impl->model.idToToken(id); }

bool Tokenizer::isSpecial(std::int32_t id) const { return m_impl->special(id) != nullptr; }

std::vector<std::int32_t> Tokenizer::specialIds() const
{
    std::vector<std::int32_t> ids;
    for (const AddedToken& t : m_impl->added.tokens())
        if (t.special)
            ids.push_back(t.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::int32_t Tokenizer::vocabSize() const { return m_impl->idLimit; }

const std::vector<std::int32_t>& Tokenizer::addedPrefix() const { return m_impl->post.prefix(); }

const std::vector<std::int32_t>& Tokenizer::addedSuffix() const { return m_impl->post.suffix(); }

std::optional<std::int32_t> Tokenizer::bosId() const
{
    if (!addedPrefix().empty())
        return addedPrefix().front();
    for (const char* name : { "<s>", "<|begin_of_text|>", "<bos>" })
        if (const AddedToken* t = m_impl->added.byContent(name); t && t->special)
            return t->id;
    return std::nullopt;
}

std::optional<std::int32_t> Tokenizer::eosId() const
{
    if (!addedSuffix().empty())
        return addedSuffix().back();
    for (const char* name : { "</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>" })
        if (const AddedToken* t = m_impl->added.byContent(name); t && t->special)
            return t->id;
    return std::nullopt;
}

void Tokenizer::validateAgainstVocab(std::int64_t embeddingRows) const
{
    const Impl& d = *m_impl;
    auto fail = [&](const std::string& field, std::int32_t id, const std::string& token) {
        throw Error(d.file, field,
            "token \"" + token + "\" has id " + std::to_string(id) + ", beyond the model's "
                + std::to_string(embeddingRows) + " embedding rows (ids must be < " + std::to_string(embeddingRows)
                + ")");
    };
    const auto& tokens = d.added.tokens();
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].id >= embeddingRows)
            fail("added_tokens[" + std::to_string(i) + "].id", tokens[i].id, tokens[i].content);
    for (std::int32_t id = d.model.idLimit() - 1; id >= 0 && id >= embeddingRows; --id)
        if (const std::string* s = d.model.idToToken(id))
            fail("model.vocab[\"" + *s + "\"]", id, *s);
}

const std::string& Tokenizer::fileName() const { return m_impl->file; }

} // namespace core

#include "core/tokenizer/gguf_vocab.h"

#include "core/common/error.h"
#include "core/common/utf8.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/tokenizer/split_pattern.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace core {

namespace {
    using nlohmann::json;
    const char* const kSpace = "\xE2\x96\x81"; // "▁"
    constexpr std::size_t kMaxMergedTokenBytes = 256;

    std::optional<std::int32_t> tokenId(const GgufFile& f, const GgufVocab& v, const std::string& key)
    {
        const auto id = f.optUInt(key);
        if (!id)
            return std::nullopt;
        if (*id >= v.tokens.size())
            throw Error(f.path(), "metadata." + key,
                "token id " + std::to_string(*id) + " is out of range (" + std::to_string(v.tokens.size())
                    + " tokens)");
        return std::int32_t(*id);
    }

    json addedToken(const GgufVocab& v, std::int32_t id)
    {
        const int type = v.typeOf(id);
        const bool special = type != GgufVocab::UserDefined;
        return json { { "id", id }, { "content", v.tokens[std::size_t(id)] }, { "single_word", false },
            { "lstrip", false }, { "rstrip", false }, { "normalized", false }, { "special", special } };
    }

    json templateProcessing(const GgufVocab& v)
    {
        json single = json::array();
        json specials = json::object();
        auto add = [&](std::optional<std::int32_t> id, const char* what) {
            if (!id)
                throw Error(v.file, std::string("metadata.tokenizer.ggml.") + what + "_token_id",
                    std::string("missing, but tokenizer.ggml.add_") + what + "_token is true");
            const std::string& name = v.tokens[std::size_t(*id)];
            single.push_back({ { "SpecialToken", { { "id", name }, { "type_id", 0 } } } });
            specials[name] = { { "id", name }, { "ids", { *id } }, { "tokens", { name } } };
        };
        if (v.addBos)
            add(v.bos, "bos");
        single.push_back({ { "Sequence", { { "id", "A" }, { "type_id", 0 } } } });
        if (v.addEos)
            add(v.eos, "eos");
        return { { "type", "TemplateProcessing" }, { "single", single }, { "special_tokens", specials } };
    }

    // SentencePiece: merges a + b -> t for every token t and every split of t into two tokens, ranked by t's score
    // (highest first), then t's id, then the ids of a and b (transformers' SentencePieceExtractor).
    json spmMerges(const GgufVocab& v)
    {
        std::unordered_map<std::string_view, std::int32_t> ids;
        ids.reserve(v.tokens.size());
        for (std::size_t i = 0; i < v.tokens.size(); ++i)
            ids.emplace(v.tokens[i], std::int32_t(i)); // the first of duplicate strings, as the merge lookups see
        struct Merge {
            float score;
            std::int32_t merged, left, right;
            std::size_t split;
        };
        std::vector<Merge> merges;
        for (std::size_t t = 0; t < v.tokens.size(); ++t) {
            const std::string& s = v.tokens[t];
            // Splitting a token costs its length squared: tokens longer than any real SentencePiece piece (<= 64
            // bytes in Llama / Gemma vocabularies) get no merges, so a hostile file cannot make this quadratic.
            if (v.typeOf(std::int32_t(t)) == GgufVocab::Byte || s.size() > kMaxMergedTokenBytes)
                continue;
            for (std::size_t k = 1; k < s.size(); ++k) {
                if ((static_cast<unsigned char>(s[k]) & 0xC0) == 0x80)
                    continue; // inside a UTF-8 character
                auto l = ids.find(std::string_view(s).substr(0, k));
                auto r = ids.find(std::string_view(s).substr(k));
                if (l != ids.end() && r != ids.end())
                    merges.push_back(
                        { v.scores.empty() ? 0.0f : v.scores[t], std::int32_t(t), l->second, r->second, k });
            }
        }
        std::stable_sort(merges.begin(), merges.end(), [](const Merge& a, const Merge& b) {
            if (a.score != b.score)
                return a.score > b.score;
            if (a.merged != b.merged)
                return a.merged < b.merged;
            if (a.left != b.left)
                return a.left < b.left;
            return a.right < b.right;
        });
        json out = json::array();
        for (const Merge& m : merges) {
            const std::string& s = v.tokens[std::size_t(m.merged)];
            out.push_back(json::array({ s.substr(0, m.split), s.substr(m.split) }));
        }
        return out;
    }

    json byteLevelPre(bool useRegex)
    {
        return { { "type", "ByteLevel" }, { "add_prefix_space", false }, { "trim_offsets", true },
            { "use_regex", useRegex } };
    }
    json splitPre(SplitPattern::Kind kind)
    {
        return { { "type", "Split" }, { "pattern", { { "Regex", SplitPattern::regexOf(kind) } } },
            { "behavior", "Isolated" }, { "invert", false } };
    }
} // namespace

GgufVocab readGgufVocab(const GgufFile& f)
{
    GgufVocab v;
    v.file = f.path();
    v.model = f.getString("tokenizer.ggml.model");
    if (v.model != "llama" && v.model != "gpt2")
        throw Error(f.path(), "metadata.tokenizer.ggml.model",
            "tokenizer model \"" + v.model + "\" is not supported (supported: llama, gpt2)");
    v.pre = f.optString("tokenizer.ggml.pre").value_or("");
    v.tokens = f.getStringArray("tokenizer.ggml.tokens");
    if (v.tokens.empty())
        throw Error(f.path(), "metadata.tokenizer.ggml.tokens", "no tokens");
    if (v.tokens.size() >= (1u << 24))
        throw Error(
            f.path(), "metadata.tokenizer.ggml.tokens", "too many tokens (" + std::to_string(v.tokens.size()) + ")");
    for (std::size_t i = 0; i < v.tokens.size(); ++i) {
        const std::string field = "metadata.tokenizer.ggml.tokens[" + std::to_string(i) + "]";
        if (v.tokens[i].empty())
            throw Error(f.path(), field, "empty token");
        if (const std::size_t bad = utf8::firstInvalid(v.tokens[i]); bad != std::string::npos)
            throw Error(f.path(), field, "not valid UTF-8 at byte " + std::to_string(bad));
    }
    if (f.has("tokenizer.ggml.scores")) {
        v.scores = f.getFloatArray("tokenizer.ggml.scores");
        if (v.scores.size() != v.tokens.size())
            throw Error(f.path(), "metadata.tokenizer.ggml.scores",
                std::to_string(v.scores.size()) + " scores for " + std::to_string(v.tokens.size()) + " tokens");
    }
    if (f.has("tokenizer.ggml.token_type")) {
        const auto types = f.getIntArray("tokenizer.ggml.token_type");
        if (types.size() != v.tokens.size())
            throw Error(f.path(), "metadata.tokenizer.ggml.token_type",
                std::to_string(types.size()) + " token types for " + std::to_string(v.tokens.size()) + " tokens");
        v.types.reserve(types.size());
        for (std::size_t i = 0; i < types.size(); ++i) {
            if (types[i] < 0 || types[i] > 6)
                throw Error(f.path(), "metadata.tokenizer.ggml.token_type[" + std::to_string(i) + "]",
                    "unknown token type " + std::to_string(types[i]));
            v.types.push_back(std::int32_t(types[i]));
        }
    }
    if (f.has("tokenizer.ggml.merges"))
        v.merges = f.getStringArray("tokenizer.ggml.merges");
    if (!v.merges.empty()) {
        std::unordered_map<std::string_view, std::int32_t> known;
        known.reserve(v.tokens.size());
        for (std::size_t i = 0; i < v.tokens.size(); ++i)
            known.emplace(v.tokens[i], std::int32_t(i));
        for (std::size_t i = 0; i < v.merges.size(); ++i) {
            const std::string& m = v.merges[i];
            const std::size_t space = m.find(' ');
            const std::string field = "metadata.tokenizer.ggml.merges[" + std::to_string(i) + "]";
            if (space == std::string::npos || m.find(' ', space + 1) != std::string::npos)
                throw Error(f.path(), field, "\"" + m + "\" does not split into two tokens");
            const std::string_view a = std::string_view(m).substr(0, space), b = std::string_view(m).substr(space + 1);
            if (!known.count(a) || !known.count(b) || !known.count(std::string(a) + std::string(b)))
                throw Error(f.path(), field, "\"" + m + "\" names a token that is not in tokenizer.ggml.tokens");
        }
    }
    // llama.cpp requires the key, not entries: a byte-level vocabulary of the 256 bytes alone has no merges.
    if (v.model == "gpt2" && !f.has("tokenizer.ggml.merges"))
        throw Error(f.path(), "metadata.tokenizer.ggml.merges", "a gpt2 (byte-level BPE) tokenizer needs merges");
    v.bos = tokenId(f, v, "tokenizer.ggml.bos_token_id");
    v.eos = tokenId(f, v, "tokenizer.ggml.eos_token_id");
    v.eot = tokenId(f, v, "tokenizer.ggml.eot_token_id");
    v.unk = tokenId(f, v, "tokenizer.ggml.unknown_token_id");
    v.pad = tokenId(f, v, "tokenizer.ggml.padding_token_id");
    v.sep = tokenId(f, v, "tokenizer.ggml.seperator_token_id");
    // llama.cpp's defaults: SentencePiece adds BOS, byte-level BPE does not.
    v.addBos = f.optBool("tokenizer.ggml.add_bos_token").value_or(v.model == "llama");
    v.addEos = f.optBool("tokenizer.ggml.add_eos_token").value_or(false);
    v.addSpacePrefix = f.optBool("tokenizer.ggml.add_space_prefix").value_or(v.model == "llama");
    v.chatTemplate = f.optString("tokenizer.chat_template");
    return v;
}

std::string ggufTokenizerJson(const GgufVocab& v)
{
    json doc;
    doc["version"] = "1.0";
    json vocab = json::object();
    for (std::size_t i = 0; i < v.tokens.size(); ++i)
        if (!vocab.contains(v.tokens[i]))
            vocab[v.tokens[i]] = i; // duplicate strings: the first id, as the encoder can only produce one
    json added = json::array();
    for (std::size_t i = 0; i < v.tokens.size(); ++i) {
        const int type = v.typeOf(std::int32_t(i));
        if (type == GgufVocab::Unknown || type == GgufVocab::Control || type == GgufVocab::UserDefined)
            added.push_back(addedToken(v, std::int32_t(i)));
    }
    doc["added_tokens"] = added;
    doc["post_processor"] = templateProcessing(v);

    json model = { { "type", "BPE" }, { "dropout", nullptr }, { "vocab", vocab } };
    if (v.model == "llama") {
        model["byte_fallback"] = true;
        model["fuse_unk"] = true;
        if (v.unk)
            model["unk_token"] = v.tokens[std::size_t(*v.unk)];
        model["merges"] = spmMerges(v);
        json normalizers = json::array();
        if (v.addSpacePrefix)
            normalizers.push_back({ { "type", "Prepend" }, { "prepend", kSpace } });
        normalizers.push_back({ { "type", "Replace" }, { "pattern", { { "String", " " } } }, { "content", kSpace } });
        doc["normalizer"] = { { "type", "Sequence" }, { "normalizers", normalizers } };
        doc["pre_tokenizer"] = nullptr;
        json decoders
            = json::array({ { { "type", "Replace" }, { "pattern", { { "String", kSpace } } }, { "content", " " } },
                { { "type", "ByteFallback" } }, { { "type", "Fuse" } } });
        if (v.addSpacePrefix)
            decoders.push_back({ { "type", "Strip" }, { "content", " " }, { "start", 1 }, { "stop", 0 } });
        doc["decoder"] = { { "type", "Sequence" }, { "decoders", decoders } };
    } else {
        json merges = json::array();
        for (const auto& m : v.merges)
            merges.push_back(m);
        model["merges"] = merges;
        model["byte_fallback"] = false;
        doc["normalizer"] = nullptr;
        const std::string& pre = v.pre;
        if (pre.empty() || pre == "default" || pre == "gpt-2" || pre == "gpt2") {
            doc["pre_tokenizer"] = byteLevelPre(true);
        } else if (pre == "llama-bpe" || pre == "llama3" || pre == "llama-v3") {
            model["ignore_merges"] = true;
            doc["pre_tokenizer"] = { { "type", "Sequence" },
                { "pretokenizers", { splitPre(SplitPattern::Kind::Llama3), byteLevelPre(false) } } };
        } else if (pre == "qwen2") {
            doc["pre_tokenizer"] = { { "type", "Sequence" },
                { "pretokenizers", { splitPre(SplitPattern::Kind::Qwen2), byteLevelPre(false) } } };
        } else if (pre == "deepseek-coder") {
            // llama.cpp's steps, each splitting the pieces of the one before, then the byte-level mapping
            json steps = json::array();
            for (auto kind : { SplitPattern::Kind::Newline, SplitPattern::Kind::SpaceLetters,
                     SplitPattern::Kind::SpacePunctuation, SplitPattern::Kind::CjkHangul, SplitPattern::Kind::Digit })
                steps.push_back(splitPre(kind));
            steps.push_back(byteLevelPre(false));
            doc["pre_tokenizer"] = { { "type", "Sequence" }, { "pretokenizers", steps } };
        } else {
            throw Error(v.file, "metadata.tokenizer.ggml.pre",
                "pre-tokenizer \"" + pre
                    + "\" is not supported (supported: default, gpt-2, llama-bpe, qwen2, deepseek-coder)");
        }
        doc["decoder"] = { { "type", "ByteLevel" }, { "add_prefix_space", false }, { "trim_offsets", true },
            { "use_regex", true } };
    }
    doc["model"] = model;
    try {
        return doc.dump();
    } catch (const nlohmann::json::exception& e) { // invalid UTF-8 in a string readGgufVocab did not see
        throw Error(v.file, "tokenizer", std::string("cannot be represented: ") + e.what());
    }
}

Tokenizer tokenizerFromGguf(const GgufFile& file)
{
    return Tokenizer::fromJson(ggufTokenizerJson(readGgufVocab(file)), file.path());
}

Tokenizer tokenizerFromGguf(const std::string& path) { return tokenizerFromGguf(GgufFile(path)); }

} // namespace core

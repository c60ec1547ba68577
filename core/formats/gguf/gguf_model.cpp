#include "core/formats/gguf/gguf_model.h"

#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace core {

namespace {
    constexpr std::uint64_t kMaxLayers = 4096;
    constexpr std::uint64_t kMaxSize = 1u << 24;

    int sizeKey(const GgufFile& f, const std::string& key, std::uint64_t limit, bool required, int fallback = 0)
    {
        if (!f.has(key)) {
            if (required)
                throw Error(f.path(), "metadata." + key, "missing");
            return fallback;
        }
        const std::uint64_t v = f.getUInt(key);
        if (v == 0)
            throw Error(f.path(), "metadata." + key, "must be at least 1, got 0");
        if (v > limit)
            throw Error(
                f.path(), "metadata." + key, std::to_string(v) + " is absurd (at most " + std::to_string(limit) + ")");
        return int(v);
    }

    void movePairs(
        const std::uint8_t* in, std::uint8_t* out, std::int64_t rows, std::size_t rowBytes, int nHeads, bool toHf)
    {
        assert(nHeads > 0 && rows % nHeads == 0 && (rows / nHeads) % 2 == 0);
        const std::int64_t headDim = rows / nHeads, half = headDim / 2;
        for (std::int64_t h = 0; h < nHeads; ++h)
            for (std::int64_t s = 0; s < 2; ++s)
                for (std::int64_t i = 0; i < half; ++i) {
                    const std::int64_t hf = h * headDim + s * half + i;
                    const std::int64_t gguf = h * headDim + 2 * i + s;
                    const std::int64_t from = toHf ? gguf : hf, to = toHf ? hf : gguf;
                    std::memcpy(out + to * rowBytes, in + from * rowBytes, rowBytes);
                }
    }
} // namespace

GgufHyperParams readGgufHyperParams(const GgufFile& f)
{
    GgufHyperParams p;
    p.architecture = f.getString("general.architecture");
    if (p.architecture.empty())
        throw Error(f.path(), "metadata.general.architecture", "empty");
    p.name = f.optString("general.name").value_or("");
    const std::string a = p.architecture + ".";
    p.dim = sizeKey(f, a + "embedding_length", kMaxSize, true);
    p.nLayers = sizeKey(f, a + "block_count", kMaxLayers, true);
    p.hidden = sizeKey(f, a + "feed_forward_length", kMaxSize, true);
    p.nHeads = sizeKey(f, a + "attention.head_count", kMaxSize, true);
    p.nKvHeads = sizeKey(f, a + "attention.head_count_kv", kMaxSize, false, p.nHeads);
    p.maxPositions = sizeKey(f, a + "context_length", std::uint64_t(1) << 31, true);
    if (p.nKvHeads > p.nHeads || p.nHeads % p.nKvHeads != 0)
        throw Error(f.path(), "metadata." + a + "attention.head_count_kv",
            std::to_string(p.nKvHeads) + " does not divide head_count " + std::to_string(p.nHeads));
    if (!f.has(a + "attention.key_length") && p.dim % p.nHeads != 0)
        throw Error(f.path(), "metadata." + a + "attention.head_count",
            "embedding_length " + std::to_string(p.dim) + " is not a multiple of head_count "
                + std::to_string(p.nHeads));
    p.headDim = sizeKey(f, a + "attention.key_length", kMaxSize, false, p.dim / p.nHeads);
    p.ropeDim = sizeKey(f, a + "rope.dimension_count", std::uint64_t(p.headDim), false, p.headDim);
    p.ropeTheta = f.optFloat(a + "rope.freq_base").value_or(10000.0);
    if (!(p.ropeTheta > 0))
        throw Error(f.path(), "metadata." + a + "rope.freq_base", "must be positive");
    if (f.has(a + "attention.layer_norm_rms_epsilon")) {
        p.normEps = f.getFloat(a + "attention.layer_norm_rms_epsilon");
        p.rmsNorm = true;
    } else if (f.has(a + "attention.layer_norm_epsilon")) {
        p.normEps = f.getFloat(a + "attention.layer_norm_epsilon");
        p.rmsNorm = false;
    }
    if (!(p.normEps > 0) || p.normEps > 1)
        throw Error(f.path(), "metadata." + a + "attention.layer_norm_epsilon", "must be in (0, 1]");

    // Vocabulary: the declared size, else the tokenizer's, else the embedding's rows.
    std::uint64_t tokens = 0;
    if (const GgufValue* t = f.find("tokenizer.ggml.tokens"))
        tokens = t->count;
    if (f.has(a + "vocab_size"))
        p.vocab = sizeKey(f, a + "vocab_size", kMaxSize, true);
    else if (tokens)
        p.vocab = int(std::min<std::uint64_t>(tokens, kMaxSize));
    else if (const GgufTensorInfo* e = f.findTensor("token_embd.weight"))
        p.vocab = int(std::min<std::int64_t>(e->shape.front(), kMaxSize));
    const std::uint64_t idLimit = tokens ? tokens : std::uint64_t(p.vocab);
    auto id = [&](const char* key) {
        const auto v = f.optUInt(key);
        if (v && *v >= idLimit)
            throw Error(f.path(), std::string("metadata.") + key,
                "token id " + std::to_string(*v) + " is out of range (" + std::to_string(idLimit) + " tokens)");
        return v ? int(*v) : -1;
    };
    p.bosId = id("tokenizer.ggml.bos_token_id");
    if (int eos = id("tokenizer.ggml.eos_token_id"); eos >= 0)
        p.eosIds.push_back(eos);
    if (int eot = id("tokenizer.ggml.eot_token_id");
        eot >= 0 && std::find(p.eosIds.begin(), p.eosIds.end(), eot) == p.eosIds.end())
        p.eosIds.push_back(eot);

    p.tiedEmbeddings = !f.findTensor("output.weight") && f.findTensor("token_embd.weight");
    p.qkvBias = f.findTensor("blk.0.attn_q.bias") != nullptr;
    return p;
}

void unpermuteRopeRows(
    std::span<const float> weights, std::span<float> out, std::int64_t rows, std::int64_t cols, int nHeads)
{
    assert(weights.size() == std::size_t(rows * cols) && out.size() == weights.size());
    movePairs(reinterpret_cast<const std::uint8_t*>(weights.data()), reinterpret_cast<std::uint8_t*>(out.data()), rows,
        std::size_t(cols) * sizeof(float), nHeads, true);
}

void permuteRopeRows(
    std::span<const float> weights, std::span<float> out, std::int64_t rows, std::int64_t cols, int nHeads)
{
    assert(weights.size() == std::size_t(rows * cols) && out.size() == weights.size());
    movePairs(reinterpret_cast<const std::uint8_t*>(weights.data()), reinterpret_cast<std::uint8_t*>(out.data()), rows,
        std::size_t(cols) * sizeof(float), nHeads, false);
}

void unpermuteRopeRowBytes(
    const std::uint8_t* weights, std::uint8_t* out, std::int64_t rows, std::size_t rowBytes, int nHeads)
{
    movePairs(weights, out, rows, rowBytes, nHeads, true);
}

std::vector<float> unpermuteRopeRows(std::span<const float> weights, std::int64_t rows, std::int64_t cols, int nHeads)
{
    std::vector<float> out(weights.size());
    unpermuteRopeRows(weights, out, rows, cols, nHeads);
    return out;
}

} // namespace core

#include "core/formats/llama2c/llama2c_file.h"

#include "core/common/error.h"

#include <cstring>

namespace core {

namespace {
    std::int32_t readInt(const std::uint8_t* p)
    {
        std::int32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
} // namespace

Llama2cSource::Llama2cSource(const std::string& path)
    : m_file(path)
{
    const std::string& file = m_file.path();
    if (m_file.size() < 28)
        throw Error(
            file, "header", "file of " + std::to_string(m_file.size()) + " bytes is shorter than the 28-byte header");
    if (std::memcmp(m_file.data(), "ak42", 4) == 0 || readInt(m_file.data()) == 0x616b3432)
        throw Error(
            file, "header", "a llama2.c version 1/2 export (magic \"ak42\"); only the legacy version 0 is read");
    const char* names[7] = { "dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len" };
    std::int32_t h[7];
    for (int i = 0; i < 7; ++i) {
        h[i] = readInt(m_file.data() + 4 * i);
        const bool ok = i == 5 ? (h[i] != 0 && h[i] != INT32_MIN) : h[i] > 0;
        if (!ok)
            throw Error(file, std::string("header.") + names[i],
                std::to_string(h[i]) + (i == 5 ? " (must not be 0)" : " (must be positive)"));
    }
    Llama2cConfig& c = m_config;
    c.dim = h[0];
    c.hiddenDim = h[1];
    c.nLayers = h[2];
    c.nHeads = h[3];
    c.nKvHeads = h[4];
    c.sharedClassifier = h[5] > 0;
    c.vocabSize = h[5] > 0 ? h[5] : -h[5];
    c.seqLen = h[6];
    if (c.dim % c.nHeads != 0)
        throw Error(file, "header.n_heads",
            "dim " + std::to_string(c.dim) + " is not a multiple of n_heads " + std::to_string(c.nHeads));
    if (c.nKvHeads > c.nHeads || c.nHeads % c.nKvHeads != 0)
        throw Error(file, "header.n_kv_heads",
            "n_heads " + std::to_string(c.nHeads) + " is not a multiple of n_kv_heads " + std::to_string(c.nKvHeads));

    // All sizes first (overflow-checked), in run.c's order; then the file must hold them all.
    const std::int64_t dim = c.dim, hidden = c.hiddenDim, layers = c.nLayers, vocab = c.vocabSize;
    const std::int64_t kvDim = c.kvDim(), headDim = c.headDim();
    struct Array {
        const char* field; // run.c's name
        const char* name; // ours (per layer: blk.N.<name>)
        std::vector<std::int64_t> shape; // one tensor (per layer for per-layer arrays)
        bool perLayer;
        std::uint64_t bytes = 0; // the whole array
    };
    std::vector<Array> arrays {
        { "token_embedding_table", "token_embd.weight", { vocab, dim }, false },
        { "rms_att_weight", "attn_norm.weight", { dim }, true },
        { "wq", "attn_q.weight", { dim, dim }, true },
        { "wk", "attn_k.weight", { kvDim, dim }, true },
        { "wv", "attn_v.weight", { kvDim, dim }, true },
        { "wo", "attn_output.weight", { dim, dim }, true },
        { "rms_ffn_weight", "ffn_norm.weight", { dim }, true },
        { "w1", "ffn_gate.weight", { hidden, dim }, true },
        { "w2", "ffn_down.weight", { dim, hidden }, true },
        { "w3", "ffn_up.weight", { hidden, dim }, true },
        { "rms_final_weight", "output_norm.weight", { dim }, false },
        { "freq_cis_real", nullptr, { c.seqLen, headDim / 2 }, false },
        { "freq_cis_imag", nullptr, { c.seqLen, headDim / 2 }, false },
    };
    if (!c.sharedClassifier)
        arrays.push_back({ "wcls", "output.weight", { vocab, dim }, false });
    constexpr std::uint64_t kMaxBytes = std::uint64_t(1) << 48; // 256 TiB: anything larger is a corrupt header
    for (Array& a : arrays) {
        std::uint64_t n = a.perLayer ? std::uint64_t(layers) : 1;
        bool overflow = false;
        for (auto d : a.shape)
            overflow = overflow || __builtin_mul_overflow(n, std::uint64_t(d), &n);
        overflow = overflow || __builtin_mul_overflow(n, std::uint64_t(4), &a.bytes) || a.bytes > kMaxBytes;
        if (overflow)
            throw Error(file, std::string("weights.") + a.field, "the size given by the header overflows");
    }

    const std::uint64_t fileSize = m_file.size();
    std::uint64_t offset = 28;
    for (const Array& a : arrays) {
        if (a.bytes > fileSize - offset)
            throw Error(file, std::string("weights.") + a.field,
                "needs " + std::to_string(a.bytes) + " bytes at offset " + std::to_string(offset) + " but the file has "
                    + std::to_string(fileSize) + " (truncated?)");
        const std::uint8_t* p = m_file.data() + offset;
        offset += a.bytes;
        if (!a.name)
            continue; // RoPE tables run.c does not use
        const std::int64_t count = a.perLayer ? layers : 1;
        for (std::int64_t l = 0; l < count; ++l) {
            SourceTensor t;
            t.name = a.perLayer ? "blk." + std::to_string(l) + "." + a.name : a.name;
            t.dtype = DType::F32;
            t.shape = a.shape;
            t.bytes = a.bytes / std::uint64_t(count);
            t.data = p + std::uint64_t(l) * t.bytes;
            t.file = file;
            add(std::move(t));
        }
    }
}

Llama2cVocab readLlama2cVocab(const std::string& path, std::int32_t vocabSize)
{
    MappedFile f(path);
    if (vocabSize <= 0)
        throw Error(path, "vocab_size", std::to_string(vocabSize) + " (must be positive)");
    const std::uint64_t size = f.size();
    std::uint64_t pos = 0;
    auto need = [&](std::uint64_t n, const std::string& field) {
        if (n > size - pos)
            throw Error(path, field,
                "needs " + std::to_string(n) + " bytes at offset " + std::to_string(pos) + " but the file has "
                    + std::to_string(size) + " (truncated?)");
    };
    Llama2cVocab v;
    need(4, "max_token_length");
    v.maxTokenLength = readInt(f.data());
    pos = 4;
    if (v.maxTokenLength <= 0)
        throw Error(path, "max_token_length", std::to_string(v.maxTokenLength) + " (must be positive)");
    // Each token takes at least 8 bytes: bound the count before reserving.
    if (std::uint64_t(vocabSize) > (size - pos) / 8)
        throw Error(path, "tokens",
            std::to_string(vocabSize) + " tokens (the model's vocab_size) cannot fit in " + std::to_string(size)
                + " bytes");
    v.pieces.reserve(std::size_t(vocabSize));
    v.scores.reserve(std::size_t(vocabSize));
    for (std::int32_t i = 0; i < vocabSize; ++i) {
        const std::string field = "tokens[" + std::to_string(i) + "]";
        need(8, field + ".score");
        float score;
        std::memcpy(&score, f.data() + pos, 4);
        const std::int32_t len = readInt(f.data() + pos + 4);
        pos += 8;
        if (len < 0)
            throw Error(path, field + ".length", std::to_string(len) + " (negative)");
        if (len > v.maxTokenLength)
            throw Error(path, field + ".length",
                std::to_string(len) + " is longer than max_token_length " + std::to_string(v.maxTokenLength));
        if (std::uint64_t(len) > size - pos)
            throw Error(path, field + ".length",
                std::to_string(len) + " bytes run past the end of the file (" + std::to_string(size - pos) + " left)");
        v.pieces.emplace_back(reinterpret_cast<const char*>(f.data() + pos), std::size_t(len));
        v.scores.push_back(score);
        pos += std::uint64_t(len);
    }
    return v;
}

} // namespace core

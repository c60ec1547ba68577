#include "core/model/weight_binder.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace core {

namespace {

    std::string shapeString(const std::vector<std::int64_t>& shape)
    {
        TensorInfo t;
        t.shape = shape;
        return t.shapeString();
    }

    // Shard names come from a file we don't trust: keep them inside the model folder.
    void checkShardName(const std::string& shard, const std::string& indexFile, const std::string& tensor)
    {
        const fs::path p(shard);
        bool bad = shard.empty() || p.is_absolute() || shard.find('\\') != std::string::npos;
        for (const auto& part : p)
            if (part == "..")
                bad = true;
        if (bad)
            throw Error(indexFile, "weight_map." + tensor,
                "shard path \"" + shard + "\" must be a plain file name inside the model folder");
    }

} // namespace

WeightBinder::WeightBinder(Model& model)
    : m_model(model)
{
}

void WeightBinder::openFolder(const std::string& folder)
{
    const fs::path dir(folder);
    const fs::path single = dir / "model.safetensors";
    const fs::path index = dir / "model.safetensors.index.json";
    if (fs::exists(single)) {
        m_model.m_files.emplace_back(single.string());
    } else if (fs::exists(index)) {
        const nlohmann::json j
            = parseJsonText(readRegularFile(index.string(), limits::kMaxIndexJsonBytes), index.string());
        if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
            throw Error(index.string(), "weight_map", "missing or not an object");
        std::map<std::string, const SafetensorsFile*> shards;
        std::map<std::string, std::string> wanted;
        for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
            if (!it->is_string())
                throw Error(index.string(), "weight_map." + it.key(), "must be a file name");
            const std::string shard = it->get<std::string>();
            checkShardName(shard, index.string(), it.key());
            if (!shards.count(shard)) {
                if (!fs::exists(dir / shard))
                    throw Error(index.string(), "weight_map." + it.key(), "shard \"" + shard + "\" does not exist");
                m_model.m_files.emplace_back((dir / shard).string());
                shards[shard] = &m_model.m_files.back();
            }
            wanted[it.key()] = shard;
        }
        for (const auto& [name, shard] : wanted)
            if (!shards[shard]->find(name))
                throw Error(index.string(), "weight_map." + name, "tensor is not in shard \"" + shard + "\"");
    } else {
        throw Error(folder, "model.safetensors", "no model.safetensors or model.safetensors.index.json in the folder");
    }
    for (const auto& file : m_model.m_files) {
        for (const auto& t : file.tensors()) {
            if (m_tensors.count(t.name))
                throw Error(
                    file.path(), "header." + t.name, "tensor also appears in " + m_tensors[t.name].first->path());
            m_tensors[t.name] = { &file, &t };
            m_model.m_storedBytes += t.end - t.begin;
        }
    }
}

const float* WeightBinder::ownedCopy(std::vector<float> values)
{
    m_model.m_owned.push_back(std::move(values));
    return m_model.m_owned.back().data();
}

const float* WeightBinder::maybe(const std::string& shortName, std::vector<std::int64_t> shape)
{
    const std::string name = m_prefix + shortName;
    auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        return nullptr;
    const auto& [file, t] = it->second;
    if (t->shape != shape)
        throw Error(
            file->path(), name, "has shape " + t->shapeString() + " but the config needs " + shapeString(shape));
    if (t->dtype != DType::F32 && t->dtype != DType::F16 && t->dtype != DType::BF16)
        throw Error(
            file->path(), name + ".dtype", std::string("weights must be F32, F16 or BF16, got ") + dtypeName(t->dtype));
    if (t->dtype != DType::F32)
        m_model.m_dtype = dtypeName(t->dtype);
    m_model.m_parameterCount += t->numel;
    m_model.m_weightBytes += std::uint64_t(t->numel) * 4;
    if (file->usableInPlace(*t))
        return reinterpret_cast<const float*>(file->bytes(*t));
    return ownedCopy(file->toFloat(*t));
}

const float* WeightBinder::need(const std::string& name, std::vector<std::int64_t> shape)
{
    const float* p = maybe(name, shape);
    if (!p) {
        const std::string file = m_model.m_files.size() == 1 ? m_model.m_files.front().path()
                                                             : std::string("model.safetensors.index.json");
        throw Error(file, m_prefix + name, "tensor is missing (expected shape " + shapeString(shape) + ")");
    }
    return p;
}

LinearWeight WeightBinder::linear(const std::string& name, int out, int in, bool bias)
{
    LinearWeight w;
    w.data = need(name + ".weight", { out, in });
    w.out = out;
    w.in = in;
    w.ld = in;
    if (bias)
        w.bias = need(name + ".bias", { out });
    return w;
}

NormWeight WeightBinder::norm(const std::string& name, int dim, bool bias)
{
    NormWeight n;
    n.weight = need(name + ".weight", { dim });
    if (bias)
        n.bias = need(name + ".bias", { dim });
    return n;
}

void WeightBinder::bindGpt2()
{
    const auto& c = m_model.m_config;
    auto& w = m_model.m_weights;
    if (m_tensors.count("transformer.wte.weight"))
        m_prefix = "transformer.";
    w.tokenEmbedding = need("wte.weight", { c.vocab, c.dim });
    w.positionTable = need("wpe.weight", { c.maxPositions, c.dim });
    for (int i = 0; i < c.nLayers; ++i) {
        const std::string p = "h." + std::to_string(i) + ".";
        LayerWeights L;
        L.attnNorm = norm(p + "ln_1", c.dim, true);
        L.mlpNorm = norm(p + "ln_2", c.dim, true);
        // c_attn is one Conv1D (dim, 3*dim): q, k and v are column slices of it, used in place.
        const float* qkv = need(p + "attn.c_attn.weight", { c.dim, 3 * c.dim });
        const float* qkvBias = need(p + "attn.c_attn.bias", { 3 * c.dim });
        LinearWeight* parts[3] = { &L.q, &L.k, &L.v };
        for (int s = 0; s < 3; ++s) {
            *parts[s] = LinearWeight { qkv + s * c.dim, c.dim, c.dim, 3 * c.dim, true, qkvBias + s * c.dim };
        }
        L.o = LinearWeight { need(p + "attn.c_proj.weight", { c.dim, c.dim }), c.dim, c.dim, c.dim, true,
            need(p + "attn.c_proj.bias", { c.dim }) };
        L.up = LinearWeight { need(p + "mlp.c_fc.weight", { c.dim, c.hidden }), c.hidden, c.dim, c.hidden, true,
            need(p + "mlp.c_fc.bias", { c.hidden }) };
        L.down = LinearWeight { need(p + "mlp.c_proj.weight", { c.hidden, c.dim }), c.dim, c.hidden, c.dim, true,
            need(p + "mlp.c_proj.bias", { c.dim }) };
        w.layers.push_back(L);
    }
    w.finalNorm = norm("ln_f", c.dim, true);
    m_prefix.clear();
    const float* head = c.tiedEmbeddings ? nullptr : maybe("lm_head.weight", { c.vocab, c.dim });
    w.lmHead = LinearWeight { head ? head : w.tokenEmbedding, c.vocab, c.dim, c.dim, false, nullptr };
}

void WeightBinder::bindLlama()
{
    const auto& c = m_model.m_config;
    auto& w = m_model.m_weights;
    w.tokenEmbedding = need("model.embed_tokens.weight", { c.vocab, c.dim });
    for (int i = 0; i < c.nLayers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        LayerWeights L;
        L.attnNorm = norm(p + "input_layernorm", c.dim, false);
        L.mlpNorm = norm(p + "post_attention_layernorm", c.dim, false);
        L.q = linear(p + "self_attn.q_proj", c.qDim(), c.dim, c.qkvBias);
        L.k = linear(p + "self_attn.k_proj", c.kvDim(), c.dim, c.qkvBias);
        L.v = linear(p + "self_attn.v_proj", c.kvDim(), c.dim, c.qkvBias);
        L.o = linear(p + "self_attn.o_proj", c.dim, c.qDim(), c.outBias);
        L.gate = linear(p + "mlp.gate_proj", c.hidden, c.dim, c.mlpBias);
        L.up = linear(p + "mlp.up_proj", c.hidden, c.dim, c.mlpBias);
        L.down = linear(p + "mlp.down_proj", c.dim, c.hidden, c.mlpBias);
        w.layers.push_back(L);
    }
    w.finalNorm = norm("model.norm", c.dim, false);
    w.lmHead = c.tiedEmbeddings ? LinearWeight { w.tokenEmbedding, c.vocab, c.dim, c.dim, false, nullptr }
                                : linear("lm_head", c.vocab, c.dim, false);
}

void WeightBinder::bindExplorer()
{
    const auto& c = m_model.m_config;
    auto& w = m_model.m_weights;
    const bool nb = c.normHasBias();
    w.tokenEmbedding = need("embed_tokens.weight", { c.vocab, c.dim });
    if (c.positional == Positional::Learned)
        w.positionTable = need("embed_positions.weight", { c.maxPositions, c.dim });
    for (int i = 0; i < c.nLayers; ++i) {
        const std::string p = "layers." + std::to_string(i) + ".";
        LayerWeights L;
        L.attnNorm = norm(p + "attn_norm", c.dim, nb);
        L.mlpNorm = norm(p + "mlp_norm", c.dim, nb);
        L.q = linear(p + "attn.q_proj", c.qDim(), c.dim, c.qkvBias);
        L.k = linear(p + "attn.k_proj", c.kvDim(), c.dim, c.qkvBias);
        L.v = linear(p + "attn.v_proj", c.kvDim(), c.dim, c.qkvBias);
        L.o = linear(p + "attn.o_proj", c.dim, c.qDim(), c.outBias);
        if (c.activation == Activation::SwiGlu)
            L.gate = linear(p + "mlp.gate_proj", c.hidden, c.dim, c.mlpBias);
        L.up = linear(p + "mlp.up_proj", c.hidden, c.dim, c.mlpBias);
        L.down = linear(p + "mlp.down_proj", c.dim, c.hidden, c.mlpBias);
        w.layers.push_back(L);
    }
    if (c.finalNorm)
        w.finalNorm = norm("final_norm", c.dim, nb);
    w.lmHead = c.tiedEmbeddings ? LinearWeight { w.tokenEmbedding, c.vocab, c.dim, c.dim, false, nullptr }
                                : linear("lm_head", c.vocab, c.dim, false);
}

void WeightBinder::computeTables()
{
    const auto& c = m_model.m_config;
    auto& w = m_model.m_weights;
    if (c.positional == Positional::Sinusoidal) {
        // PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))
        std::vector<float> pe(std::size_t(c.maxPositions) * c.dim);
        for (int p = 0; p < c.maxPositions; ++p)
            for (int i = 0; i < c.dim / 2; ++i) {
                const double angle = p / std::pow(10000.0, 2.0 * i / c.dim);
                pe[std::size_t(p) * c.dim + 2 * i] = float(std::sin(angle));
                pe[std::size_t(p) * c.dim + 2 * i + 1] = float(std::cos(angle));
            }
        w.positionTable = ownedCopy(std::move(pe));
    }
    if (c.positional == Positional::Rope) {
        // inv_freq[i] = theta^(-2i/headDim); angle = p * inv_freq[i]; pairs (i, i + headDim/2) rotate together.
        const int half = c.headDim / 2;
        w.ropeCos.resize(std::size_t(c.maxPositions) * half);
        w.ropeSin.resize(w.ropeCos.size());
        for (int p = 0; p < c.maxPositions; ++p)
            for (int i = 0; i < half; ++i) {
                const double angle = p * std::pow(c.ropeTheta, -2.0 * i / c.headDim);
                w.ropeCos[std::size_t(p) * half + i] = float(std::cos(angle));
                w.ropeSin[std::size_t(p) * half + i] = float(std::sin(angle));
            }
    }
}

void WeightBinder::bindAll()
{
    switch (m_model.m_config.arch) {
    case Arch::Gpt2:
        bindGpt2();
        break;
    case Arch::Llama:
    case Arch::Qwen2:
        bindLlama();
        break;
    case Arch::Explorer:
        bindExplorer();
        break;
    }
    computeTables();
}

} // namespace core

#include "core/model/model_config.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/json_fields.h"
#include "core/common/limits.h"

#include <algorithm>

namespace core {

const char* archName(Arch a)
{
    switch (a) {
    case Arch::Gpt2:
        return "gpt2";
    case Arch::Llama:
        return "llama";
    case Arch::Qwen2:
        return "qwen2";
    case Arch::Explorer:
        return "explorer";
    }
    return "?";
}
const char* positionalName(Positional p)
{
    switch (p) {
    case Positional::Learned:
        return "learned";
    case Positional::Sinusoidal:
        return "sinusoidal";
    case Positional::Rope:
        return "rope";
    }
    return "?";
}
const char* normName(NormKind n) { return n == NormKind::LayerNorm ? "layernorm" : "rmsnorm"; }
const char* placementName(NormPlacement p) { return p == NormPlacement::Pre ? "pre" : "post"; }
const char* activationName(Activation a)
{
    switch (a) {
    case Activation::Relu:
        return "relu";
    case Activation::Gelu:
        return "gelu";
    case Activation::GeluTanh:
        return "gelu_tanh";
    case Activation::SwiGlu:
        return "swiglu";
    }
    return "?";
}

namespace {

    constexpr std::int64_t kMaxSize = limits::kMaxDimension; // any single dimension
    constexpr std::int64_t kMaxLayers = limits::kMaxLayers;

    std::string readText(const std::string& path) { return readRegularFile(path, limits::kMaxConfigJsonBytes); }

    nlohmann::json parseJson(const std::string& text, const std::string& file) { return parseJsonText(text, file); }

    // eos_token_id may be a number or a list of numbers.
    std::vector<int> readIdList(const nlohmann::json& j, const std::string& key, const std::string& file)
    {
        std::vector<int> ids;
        if (!j.contains(key) || j[key].is_null())
            return ids;
        const auto& v = j[key];
        if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                ids.push_back(
                    int(JsonFields::integerValue(v[i], key + "[" + std::to_string(i) + "]", 0, INT32_MAX, file)));
        } else {
            ids.push_back(int(JsonFields::integerValue(v, key, 0, INT32_MAX, file)));
        }
        return ids;
    }

    template <typename E>
    E pick(const JsonFields& f, const std::string& key, const std::string& fallback,
        std::initializer_list<std::pair<const char*, E>> options)
    {
        const std::string s = f.string(key, fallback);
        std::string names;
        for (const auto& [name, value] : options) {
            if (s == name)
                return value;
            names += std::string(names.empty() ? "" : ", ") + name;
        }
        throw Error(f.file(), f.path(key), "unknown value \"" + s + "\" (expected one of " + names + ")");
    }

    void readGpt2(const JsonFields& f, ModelConfig& c)
    {
        c.arch = Arch::Gpt2;
        c.vocab = int(f.integer("vocab_size", 1, kMaxSize));
        c.dim = int(f.integer("n_embd", 1, kMaxSize));
        c.nLayers = int(f.integer("n_layer", 1, kMaxLayers));
        c.nHeads = int(f.integer("n_head", 1, kMaxSize));
        c.nKvHeads = c.nHeads;
        c.hidden = int(f.integer("n_inner", 4LL * c.dim, 1, kMaxSize));
        c.maxPositions = int(f.integer("n_positions", 1, kMaxSize));
        c.positional = Positional::Learned;
        c.norm = NormKind::LayerNorm;
        c.placement = NormPlacement::Pre;
        c.normEps = f.number("layer_norm_epsilon", 1e-5, 0, 1);
        const std::string act = f.string("activation_function", "gelu_new");
        if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast")
            c.activation = Activation::GeluTanh;
        else if (act == "gelu")
            c.activation = Activation::Gelu;
        else if (act == "relu")
            c.activation = Activation::Relu;
        else
            throw Error(f.file(), "activation_function", "unsupported activation \"" + act + "\"");
        c.qkvBias = c.outBias = c.mlpBias = true;
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", true);
        c.finalNorm = true;
    }

    void readLlamaLike(const JsonFields& f, ModelConfig& c, Arch arch)
    {
        c.arch = arch;
        c.vocab = int(f.integer("vocab_size", 1, kMaxSize));
        c.dim = int(f.integer("hidden_size", 1, kMaxSize));
        c.hidden = int(f.integer("intermediate_size", 1, kMaxSize));
        c.nLayers = int(f.integer("num_hidden_layers", 1, kMaxLayers));
        c.nHeads = int(f.integer("num_attention_heads", 1, kMaxSize));
        c.nKvHeads = int(f.integer("num_key_value_heads", c.nHeads, 1, kMaxSize));
        c.maxPositions = int(f.integer("max_position_embeddings", 2048, 1, kMaxSize));
        c.positional = Positional::Rope;
        c.ropeTheta = f.number("rope_theta", 10000.0, 1e-6, 1e12);
        c.norm = NormKind::RmsNorm;
        c.placement = NormPlacement::Pre;
        c.normEps = f.number("rms_norm_eps", 1e-6, 0, 1);
        const std::string act = f.string("hidden_act", "silu");
        if (act != "silu")
            throw Error(f.file(), "hidden_act", "unsupported activation \"" + act + "\" (llama-style models use silu)");
        c.activation = Activation::SwiGlu;
        c.qkvBias = arch == Arch::Qwen2 ? true : f.boolean("attention_bias", false);
        c.outBias = arch == Arch::Qwen2 ? false : f.boolean("attention_bias", false);
        c.mlpBias = f.boolean("mlp_bias", false);
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", false);
        c.finalNorm = true;
        if (f.has("head_dim"))
            c.headDim = int(f.integer("head_dim", 1, kMaxSize));
        if (f.has("rope_scaling"))
            throw Error(f.file(), "rope_scaling", "RoPE scaling is not supported yet");
    }

    void readExplorer(const JsonFields& f, ModelConfig& c)
    {
        c.arch = Arch::Explorer;
        c.vocab = int(f.integer("vocab_size", 1, kMaxSize));
        c.dim = int(f.integer("hidden_size", 1, kMaxSize));
        c.hidden = int(f.integer("intermediate_size", 1, kMaxSize));
        c.nLayers = int(f.integer("num_hidden_layers", 1, kMaxLayers));
        c.nHeads = int(f.integer("num_attention_heads", 1, kMaxSize));
        c.nKvHeads = int(f.integer("num_key_value_heads", c.nHeads, 1, kMaxSize));
        c.maxPositions = int(f.integer("max_position_embeddings", 1, kMaxSize));
        c.positional = pick<Positional>(f, "positional", "sinusoidal",
            { { "learned", Positional::Learned }, { "sinusoidal", Positional::Sinusoidal },
                { "rope", Positional::Rope } });
        c.ropeTheta = f.number("rope_theta", 10000.0, 1e-6, 1e12);
        c.norm = pick<NormKind>(
            f, "norm", "layernorm", { { "layernorm", NormKind::LayerNorm }, { "rmsnorm", NormKind::RmsNorm } });
        c.placement = pick<NormPlacement>(
            f, "norm_placement", "pre", { { "pre", NormPlacement::Pre }, { "post", NormPlacement::Post } });
        c.normEps = f.number("norm_eps", 1e-5, 0, 1);
        c.activation = pick<Activation>(f, "activation", "relu",
            { { "relu", Activation::Relu }, { "gelu", Activation::Gelu }, { "gelu_tanh", Activation::GeluTanh },
                { "swiglu", Activation::SwiGlu } });
        c.qkvBias = c.outBias = f.boolean("attention_bias", true);
        c.mlpBias = f.boolean("mlp_bias", true);
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", true);
        c.finalNorm = c.placement == NormPlacement::Pre;
    }

} // namespace

void validateModelConfig(const ModelConfig& c, const std::string& file)
{
    // Products in 64 bits: 264 heads of 16268816 would wrap a 32-bit int to 128.
    if (std::int64_t(c.nHeads) * c.headDim > kMaxSize)
        throw Error(file, "num_attention_heads",
            std::to_string(c.nHeads) + " heads of size " + std::to_string(c.headDim) + " exceed the limit of "
                + std::to_string(kMaxSize) + " query values per position");
    if (std::int64_t(c.nKvHeads) * c.headDim > kMaxSize)
        throw Error(file, "num_key_value_heads",
            std::to_string(c.nKvHeads) + " kv heads of size " + std::to_string(c.headDim) + " exceed the limit of "
                + std::to_string(kMaxSize) + " key values per position");
    if (c.headDim == 0 && c.dim % c.nHeads != 0)
        throw Error(file, "num_attention_heads",
            "hidden size " + std::to_string(c.dim) + " is not divisible by " + std::to_string(c.nHeads) + " heads");
    if (c.nHeads % c.nKvHeads != 0)
        throw Error(file, "num_key_value_heads",
            std::to_string(c.nKvHeads) + " kv heads do not divide " + std::to_string(c.nHeads) + " query heads");
    if (c.positional == Positional::Rope && c.headDim % 2 != 0)
        throw Error(file, "head_dim", "RoPE needs an even head size, got " + std::to_string(c.headDim));
    if (c.positional == Positional::Sinusoidal && c.dim % 2 != 0)
        throw Error(file, "hidden_size", "sin/cos positions need an even hidden size, got " + std::to_string(c.dim));
    if (c.bosId >= c.vocab)
        throw Error(file, "bos_token_id",
            "id " + std::to_string(c.bosId) + " is not below vocab_size " + std::to_string(c.vocab));
    for (int id : c.eosIds)
        if (id >= c.vocab)
            throw Error(file, "eos_token_id",
                "id " + std::to_string(id) + " is not below vocab_size " + std::to_string(c.vocab));
}

void capComputedContext(ModelConfig& c)
{
    // Idempotent: a second call keeps what the file said.
    c.declaredPositions = std::max(c.declaredPositions, c.maxPositions);
    if (c.positional == Positional::Learned)
        return;
    const std::int64_t rowFloats = c.positional == Positional::Rope ? std::max(c.headDim, 1) : std::max(c.dim, 1);
    const std::int64_t cap
        = std::max<std::int64_t>(1, std::min(limits::kMaxContext, limits::kMaxPositionTableFloats / rowFloats));
    c.maxPositions = int(std::min<std::int64_t>(c.maxPositions, cap));
}

ModelConfig parseModelConfig(const std::string& jsonText, const std::string& file)
{
    const nlohmann::json j = parseJson(jsonText, file);
    const JsonFields f(j, file);
    ModelConfig c;
    c.modelType = f.string("model_type", "");
    if (c.modelType == "gpt2")
        readGpt2(f, c);
    else if (c.modelType == "llama" || c.modelType == "mistral")
        readLlamaLike(f, c, Arch::Llama);
    else if (c.modelType == "qwen2")
        readLlamaLike(f, c, Arch::Qwen2);
    else if (c.modelType == "explorer")
        readExplorer(f, c);
    else if (c.modelType.empty())
        throw Error(file, "model_type", "missing");
    else
        throw Error(file, "model_type",
            "unsupported architecture \"" + c.modelType + "\" (supported: gpt2, llama, qwen2, explorer)");
    if (c.headDim == 0) {
        if (c.dim % c.nHeads != 0)
            validateModelConfig(c, file); // throws the divisibility message
        c.headDim = c.dim / c.nHeads;
    }
    const auto bos = readIdList(j, "bos_token_id", file);
    c.bosId = bos.empty() ? -1 : bos.front();
    c.eosIds = readIdList(j, "eos_token_id", file);
    validateModelConfig(c, file);
    capComputedContext(c);
    return c;
}

ModelConfig loadModelConfig(const std::string& configPath, const std::string& generationConfigPath)
{
    ModelConfig c = parseModelConfig(readText(configPath), configPath);
    if (!generationConfigPath.empty() && pathExists(generationConfigPath)) {
        const nlohmann::json g = parseJson(readText(generationConfigPath), generationConfigPath);
        if (!g.is_object())
            throw Error(generationConfigPath, "", "expected a JSON object");
        auto eos = readIdList(g, "eos_token_id", generationConfigPath);
        if (!eos.empty())
            c.eosIds = eos;
        auto bos = readIdList(g, "bos_token_id", generationConfigPath);
        if (!bos.empty())
            c.bosId = bos.front();
        const JsonFields f(g, generationConfigPath);
        if (f.has("do_sample"))
            c.doSample = f.boolean("do_sample", true);
        if (f.has("temperature"))
            c.defaultTemperature = f.number("temperature", 1.0, 0.0, 1e6);
        if (f.has("top_k"))
            c.defaultTopK = int(f.integer("top_k", 0, limits::kMaxDimension));
        if (f.has("top_p"))
            c.defaultTopP = f.number("top_p", 1.0, 0.0, 1.0);
        validateModelConfig(c, generationConfigPath);
    }
    return c;
}

} // namespace core

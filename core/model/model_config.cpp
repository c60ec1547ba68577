#include "core/model/model_config.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/json_fields.h"
#include "core/common/limits.h"

#include <algorithm>
#include <cmath>

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
    case Arch::Mistral:
        return "mistral";
    case Arch::Qwen3:
        return "qwen3";
    case Arch::GptNeoX:
        return "gpt_neox";
    case Arch::Phi3:
        return "phi3";
    case Arch::Gemma2:
        return "gemma2";
    case Arch::Gemma3:
        return "gemma3_text";
    case Arch::SmolLm3:
        return "smollm3";
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
    case Activation::GeGluTanh:
        return "geglu_tanh";
    }
    return "?";
}
const char* ropeScalingName(RopeScalingKind k)
{
    switch (k) {
    case RopeScalingKind::None:
        return "none";
    case RopeScalingKind::Linear:
        return "linear";
    case RopeScalingKind::Llama3:
        return "llama3";
    }
    return "?";
}

double ModelConfig::attentionScale() const
{
    return 1.0 / std::sqrt(queryPreAttnScalar > 0 ? queryPreAttnScalar : double(headDim));
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

    // rope_scaling: null, or {"rope_type" (older files: "type"): "default" | "linear" | "llama3", ...}. Any other
    // kind (yarn, longrope, dynamic, ...) is refused: it would run, approximately, with the wrong frequencies.
    RopeScaling readRopeScaling(const nlohmann::json& j, const std::string& file)
    {
        RopeScaling r;
        if (!j.contains("rope_scaling") || j["rope_scaling"].is_null())
            return r;
        const JsonFields f(j["rope_scaling"], file, "rope_scaling");
        const std::string key = f.has("rope_type") ? "rope_type" : "type";
        const std::string type = f.string(key, "");
        if (type == "default")
            return r;
        if (type == "linear") {
            r.kind = RopeScalingKind::Linear;
            r.factor = f.number("factor", 1.0, 1.0, 1e6);
            if (!f.has("factor"))
                throw Error(file, f.path("factor"), "missing");
            return r;
        }
        if (type == "llama3") {
            r.kind = RopeScalingKind::Llama3;
            r.factor = f.number("factor", 1.0, 1.0, 1e6);
            r.lowFreqFactor = f.number("low_freq_factor", 1.0, 1e-6, 1e6);
            r.highFreqFactor = f.number("high_freq_factor", 4.0, 1e-6, 1e6);
            r.originalContext = int(f.integer("original_max_position_embeddings", 1, kMaxSize));
            for (const char* k : { "factor", "low_freq_factor", "high_freq_factor" })
                if (!f.has(k))
                    throw Error(file, f.path(k), "missing");
            if (!(r.highFreqFactor > r.lowFreqFactor))
                throw Error(file, f.path("high_freq_factor"),
                    "must be larger than low_freq_factor (" + std::to_string(r.lowFreqFactor) + ")");
            return r;
        }
        throw Error(
            file, f.path(key), "unsupported RoPE scaling \"" + type + "\" (supported: default, linear, llama3)");
    }

    // layer_types: ["sliding_attention" | "full_attention", ...], one per layer.
    std::vector<bool> readLayerTypes(const nlohmann::json& j, int layers, const std::string& file)
    {
        const auto& v = j["layer_types"];
        if (!v.is_array() || int(v.size()) != layers)
            throw Error(file, "layer_types", "expected a list of " + std::to_string(layers) + " layer types");
        std::vector<bool> sliding;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string t = v[i].is_string() ? v[i].get<std::string>() : v[i].dump();
            if (t != "sliding_attention" && t != "full_attention")
                throw Error(file, "layer_types[" + std::to_string(i) + "]",
                    "unsupported layer type \"" + t + "\" (supported: sliding_attention, full_attention)");
            sliding.push_back(t == "sliding_attention");
        }
        return sliding;
    }

    Activation gatedActivation(const JsonFields& f, const std::string& key, const std::string& fallback)
    {
        const std::string act = f.string(key, fallback);
        if (act == "silu")
            return Activation::SwiGlu;
        if (act == "gelu_pytorch_tanh")
            return Activation::GeGluTanh;
        throw Error(f.file(), key, "unsupported activation \"" + act + "\" (supported: silu, gelu_pytorch_tanh)");
    }

    void readSizes(const JsonFields& f, ModelConfig& c)
    {
        c.vocab = int(f.integer("vocab_size", 1, kMaxSize));
        c.dim = int(f.integer("hidden_size", 1, kMaxSize));
        c.hidden = int(f.integer("intermediate_size", 1, kMaxSize));
        c.nLayers = int(f.integer("num_hidden_layers", 1, kMaxLayers));
        c.nHeads = int(f.integer("num_attention_heads", 1, kMaxSize));
        c.nKvHeads = int(f.integer("num_key_value_heads", c.nHeads, 1, kMaxSize));
        c.maxPositions = int(f.integer("max_position_embeddings", 2048, 1, kMaxSize));
        if (f.has("head_dim"))
            c.headDim = int(f.integer("head_dim", 1, kMaxSize));
        else if (c.dim % c.nHeads == 0)
            c.headDim = c.dim / c.nHeads; // else parseModelConfig refuses the sizes
    }

    // Partial rotary: int(headDim * fraction) dimensions of each head rotate, as HF computes it.
    int rotaryDims(const JsonFields& f, const std::string& key, const ModelConfig& c)
    {
        const double fraction = f.number(key, 1.0, 1e-6, 1.0);
        const int dims = int(std::floor(c.headDim * fraction + 1e-9));
        if (c.headDim > 0 && (dims < 2 || dims % 2 != 0))
            throw Error(f.file(), key,
                "rotates " + std::to_string(dims) + " of " + std::to_string(c.headDim)
                    + " dimensions per head (an even number of at least 2 is needed)");
        return dims;
    }

    // What Llama-like and Gemma configs share: sizes, RoPE with rope_theta, RMSNorm before each sub-layer.
    void readRopeRmsPreNorm(const JsonFields& f, ModelConfig& c, Arch arch)
    {
        c.arch = arch;
        readSizes(f, c);
        c.positional = Positional::Rope;
        c.ropeTheta = f.number("rope_theta", 10000.0, 1e-6, 1e12);
        c.norm = NormKind::RmsNorm;
        c.placement = NormPlacement::Pre;
        c.normEps = f.number("rms_norm_eps", 1e-6, 0, 1);
    }

    // Llama and the models built like it: llama (3.x with rope_scaling), mistral (sliding window), qwen2, qwen3
    // (QK-norm), phi3 (fused qkv and gate_up, partial rotary), smollm3 (NoPE layers).
    void readLlamaLike(const nlohmann::json& j, const JsonFields& f, ModelConfig& c, Arch arch)
    {
        readRopeRmsPreNorm(f, c, arch);
        c.activation = gatedActivation(f, "hidden_act", "silu");
        if (c.activation != Activation::SwiGlu)
            throw Error(f.file(), "hidden_act",
                "unsupported activation \"" + f.string("hidden_act", "") + "\" (" + archName(arch) + " uses silu)");
        c.qkvBias = arch == Arch::Qwen2 ? true : f.boolean("attention_bias", false);
        c.outBias = arch == Arch::Qwen2 ? false : f.boolean("attention_bias", false);
        c.mlpBias = f.boolean("mlp_bias", false);
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", false);
        c.finalNorm = true;
        c.ropeScaling = readRopeScaling(j, f.file());
        c.qkNorm = arch == Arch::Qwen3;
        if (f.has("partial_rotary_factor"))
            c.ropeDim = rotaryDims(f, "partial_rotary_factor", c);
        if (arch == Arch::Mistral || arch == Arch::Phi3) {
            // Every layer attends within the window when one is set.
            if (f.has("sliding_window"))
                c.slidingWindow = int(f.integer("sliding_window", 1, kMaxSize));
        } else if (arch == Arch::Qwen2 || arch == Arch::Qwen3 || arch == Arch::SmolLm3) {
            // Qwen: layers from max_window_layers on use the window, only when use_sliding_window is true.
            if (f.boolean("use_sliding_window", false) && f.has("sliding_window")) {
                c.slidingWindow = int(f.integer("sliding_window", 1, kMaxSize));
                const int from = int(f.integer("max_window_layers", c.nLayers, 0, kMaxLayers));
                for (int l = 0; l < c.nLayers; ++l)
                    c.layerSliding.push_back(l >= from);
            }
        }
        if (c.slidingWindow > 0 && j.contains("layer_types") && !j["layer_types"].is_null())
            c.layerSliding = readLayerTypes(j, c.nLayers, f.file());
        if (arch == Arch::SmolLm3) {
            // no_rope_layers[l] == 1: layer l uses RoPE; 0: NoPE. Default: every no_rope_layer_interval-th is NoPE.
            if (j.contains("no_rope_layers") && !j["no_rope_layers"].is_null()) {
                const auto& v = j["no_rope_layers"];
                if (!v.is_array() || int(v.size()) != c.nLayers)
                    throw Error(f.file(), "no_rope_layers",
                        "expected a list of " + std::to_string(c.nLayers) + " values (1: RoPE, 0: no positions)");
                for (std::size_t i = 0; i < v.size(); ++i)
                    c.layerNoRope.push_back(
                        JsonFields::integerValue(v[i], "no_rope_layers[" + std::to_string(i) + "]", 0, 1, f.file())
                        == 0);
            } else {
                const int every = int(f.integer("no_rope_layer_interval", 4, 1, kMaxLayers));
                for (int l = 0; l < c.nLayers; ++l)
                    c.layerNoRope.push_back((l + 1) % every == 0);
            }
        }
    }

    // Gemma 2 and Gemma 3 (text): sqrt(dim)-scaled embeddings, (1 + w) RMSNorm before and after each sub-layer,
    // GeGLU, query_pre_attn_scalar, sliding-window and global layers; gemma2 soft-caps, gemma3 QK-norms and gives
    // its sliding layers their own RoPE base.
    void readGemma(const nlohmann::json& j, const JsonFields& f, ModelConfig& c, Arch arch)
    {
        readRopeRmsPreNorm(f, c, arch);
        c.activation = gatedActivation(f, "hidden_activation", "gelu_pytorch_tanh");
        if (c.activation != Activation::GeGluTanh)
            throw Error(f.file(), "hidden_activation",
                "unsupported activation \"" + f.string("hidden_activation", "") + "\" (gemma uses gelu_pytorch_tanh)");
        c.qkvBias = c.outBias = f.boolean("attention_bias", false);
        c.mlpBias = false;
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", true);
        c.finalNorm = true;
        c.postNorms = true;
        c.normUnitOffset = true;
        c.embedScaled = true;
        c.queryPreAttnScalar = f.number("query_pre_attn_scalar", 256.0, 1e-6, 1e9);
        c.ropeScaling = readRopeScaling(j, f.file());
        c.attnSoftcap = f.number("attn_logit_softcapping", 0.0, 0.0, 1e9);
        c.finalSoftcap = f.number("final_logit_softcapping", 0.0, 0.0, 1e9);
        c.qkNorm = arch == Arch::Gemma3;
        if (arch == Arch::Gemma3)
            c.ropeThetaLocal = f.number("rope_local_base_freq", 10000.0, 1e-6, 1e12);
        if (f.has("sliding_window")) {
            c.slidingWindow = int(f.integer("sliding_window", 1, kMaxSize));
            if (j.contains("layer_types") && !j["layer_types"].is_null()) {
                c.layerSliding = readLayerTypes(j, c.nLayers, f.file());
            } else {
                // gemma2 alternates (sliding first); gemma3 has sliding_window_pattern - 1 sliding layers, then one
                // global.
                const int pattern
                    = arch == Arch::Gemma2 ? 2 : int(f.integer("sliding_window_pattern", 6, 1, kMaxLayers));
                for (int l = 0; l < c.nLayers; ++l)
                    c.layerSliding.push_back((l + 1) % pattern != 0);
            }
        }
    }

    // GPT-NeoX (Pythia): LayerNorm with biases, parallel attention and MLP, partial rotary, exact GELU, untied.
    void readGptNeoX(const nlohmann::json& j, const JsonFields& f, ModelConfig& c)
    {
        c.arch = Arch::GptNeoX;
        readSizes(f, c);
        c.positional = Positional::Rope;
        c.ropeTheta = f.number(f.has("rope_theta") ? "rope_theta" : "rotary_emb_base", 10000.0, 1e-6, 1e12);
        c.ropeDim = rotaryDims(f, f.has("partial_rotary_factor") ? "partial_rotary_factor" : "rotary_pct", c);
        c.ropeScaling = readRopeScaling(j, f.file());
        c.norm = NormKind::LayerNorm;
        c.placement = NormPlacement::Pre;
        c.normEps = f.number("layer_norm_eps", 1e-5, 0, 1);
        const std::string act = f.string("hidden_act", "gelu");
        if (act == "gelu")
            c.activation = Activation::Gelu;
        else if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast")
            c.activation = Activation::GeluTanh;
        else if (act == "relu")
            c.activation = Activation::Relu;
        else
            throw Error(
                f.file(), "hidden_act", "unsupported activation \"" + act + "\" (supported: gelu, gelu_new, relu)");
        c.qkvBias = c.outBias = f.boolean("attention_bias", true);
        c.mlpBias = true;
        c.tiedEmbeddings = f.boolean("tie_word_embeddings", false);
        c.parallelResidual = f.boolean("use_parallel_residual", true);
        c.finalNorm = true;
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
    if (c.ropeDim != 0 && (c.ropeDim < 2 || c.ropeDim % 2 != 0 || c.ropeDim > c.headDim))
        throw Error(file, "partial_rotary_factor",
            "rotates " + std::to_string(c.ropeDim) + " of " + std::to_string(c.headDim)
                + " dimensions per head (an even number of at least 2, at most the head size, is needed)");
    if (!c.layerSliding.empty() && int(c.layerSliding.size()) != c.nLayers)
        throw Error(file, "layer_types", "one entry per layer is needed");
    if (!c.layerNoRope.empty() && int(c.layerNoRope.size()) != c.nLayers)
        throw Error(file, "no_rope_layers", "one entry per layer is needed");
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
    else if (c.modelType == "llama")
        readLlamaLike(j, f, c, Arch::Llama);
    else if (c.modelType == "mistral")
        readLlamaLike(j, f, c, Arch::Mistral);
    else if (c.modelType == "qwen2")
        readLlamaLike(j, f, c, Arch::Qwen2);
    else if (c.modelType == "qwen3")
        readLlamaLike(j, f, c, Arch::Qwen3);
    else if (c.modelType == "phi3")
        readLlamaLike(j, f, c, Arch::Phi3);
    else if (c.modelType == "smollm3")
        readLlamaLike(j, f, c, Arch::SmolLm3);
    else if (c.modelType == "gemma2")
        readGemma(j, f, c, Arch::Gemma2);
    else if (c.modelType == "gemma3_text")
        readGemma(j, f, c, Arch::Gemma3);
    else if (c.modelType == "gpt_neox")
        readGptNeoX(j, f, c);
    else if (c.modelType == "explorer")
        readExplorer(f, c);
    else if (c.modelType.empty())
        throw Error(file, "model_type", "missing");
    else
        throw Error(file, "model_type",
            "unsupported architecture \"" + c.modelType
                + "\" (supported: gpt2, llama, mistral, qwen2, qwen3, phi3, smollm3, gemma2, gemma3_text, gpt_neox, "
                  "explorer)");
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

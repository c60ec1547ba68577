#pragma once
// Everything the engine needs to know about a model's shape, read from config.json (+ generation_config.json).
// One struct covers every architecture: gpt2, llama, qwen2, the textbook "explorer" and today's small models
// (mistral, qwen3, gpt_neox, phi3, gemma2, gemma3_text, smollm3) are points in the same space of knobs (positional
// encoding and its scaling, norm kind and placement, activation, biases, tying, kv heads, windows, caps).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

enum class Arch { Gpt2, Llama, Qwen2, Explorer, Mistral, Qwen3, GptNeoX, Phi3, Gemma2, Gemma3, SmolLm3 };
enum class Positional { Learned, Sinusoidal, Rope };
enum class NormKind { LayerNorm, RmsNorm };
enum class NormPlacement { Pre, Post };
// SwiGlu and GeGluTanh are gated: act(gate) * up.
enum class Activation { Relu, Gelu, GeluTanh, SwiGlu, GeGluTanh };
// How RoPE frequencies are stretched for contexts longer than the model was trained on (config.json's rope_scaling).
enum class RopeScalingKind { None, Linear, Llama3 };

struct RopeScaling {
    RopeScalingKind kind = RopeScalingKind::None;
    double factor = 1.0; // linear: positions / factor; llama3: low frequencies / factor
    double lowFreqFactor = 1.0; // llama3: wavelengths above original / low are divided by factor
    double highFreqFactor = 4.0; // llama3: wavelengths below original / high are kept; between: blended
    int originalContext = 8192; // llama3: original_max_position_embeddings
};

struct ModelConfig {
    Arch arch = Arch::Llama;
    std::string modelType; // as written in config.json
    int vocab = 0; // rows of the token embedding
    int dim = 0; // residual stream width (hidden_size / n_embd)
    int hidden = 0; // MLP inner width (intermediate_size / n_inner)
    int nLayers = 0;
    int nHeads = 0;
    int nKvHeads = 0; // == nHeads without grouped-query attention
    int headDim = 0; // dim / nHeads
    int maxPositions = 0; // usable context length: config.json's, capped for computed positions (core/common/limits.h)
    int declaredPositions = 0; // context length as written in config.json
    Positional positional = Positional::Rope;
    double ropeTheta = 10000.0;
    NormKind norm = NormKind::RmsNorm;
    NormPlacement placement = NormPlacement::Pre;
    double normEps = 1e-5;
    Activation activation = Activation::SwiGlu;
    bool qkvBias = false; // biases on q, k, v projections
    bool outBias = false; // bias on the attention output projection
    bool mlpBias = false;
    bool tiedEmbeddings = false; // LM head reuses the token embedding
    bool finalNorm = true; // a norm after the last block (pre-norm models)
    int bosId = -1;
    std::vector<int> eosIds; // from generation_config.json, else config.json
    // generation_config.json's sampling defaults, when it states them. do_sample = false means greedy decoding
    // (Hugging Face ignores temperature / top_k / top_p then).
    std::optional<bool> doSample;
    std::optional<double> defaultTemperature;
    std::optional<int> defaultTopK;
    std::optional<double> defaultTopP;

    // The parts of today's small models (all off by default: the textbook transformer).
    int ropeDim = 0; // rotated dimensions per head (gpt_neox rotary_pct, phi3 partial_rotary_factor); 0: headDim
    RopeScaling ropeScaling; // llama 3: scaled frequencies
    double ropeThetaLocal = 0; // gemma3: rope_local_base_freq of the sliding-window layers (0: ropeTheta)
    int slidingWindow = 0; // a query sees itself and the slidingWindow - 1 keys before it (0: no window)
    std::vector<bool> layerSliding; // per layer: a sliding-window layer (empty: all, when slidingWindow > 0)
    std::vector<bool> layerNoRope; // per layer: no positional encoding at all (smollm3 NoPE layers; empty: none)
    bool qkNorm = false; // qwen3, gemma3: RMSNorm over each head's q and k before RoPE
    bool parallelResidual = false; // gpt_neox: x + attn(norm1(x)) + mlp(norm2(x))
    bool postNorms = false; // gemma: each sub-layer's output is normed again before the residual add
    bool normUnitOffset = false; // gemma: RMSNorm scales by (1 + w), the file stores w
    bool embedScaled = false; // gemma: embeddings multiplied by sqrt(dim)
    double queryPreAttnScalar = 0; // gemma: scores scaled by its -1/2 power instead of headDim's (0: headDim)
    double attnSoftcap = 0; // gemma2: scores = cap * tanh(scores / cap) (0: none)
    double finalSoftcap = 0; // gemma2: logits = cap * tanh(logits / cap) (0: none)

    // Both products are checked against limits::kMaxDimension in 64 bits by validateModelConfig.
    int kvDim() const { return int(std::int64_t(nKvHeads) * headDim); }
    int qDim() const { return int(std::int64_t(nHeads) * headDim); }
    bool normHasBias() const { return norm == NormKind::LayerNorm; }
    bool gated() const { return activation == Activation::SwiGlu || activation == Activation::GeGluTanh; }
    int rotaryDim() const { return ropeDim > 0 ? ropeDim : headDim; }
    bool slidingLayer(int layer) const
    {
        return slidingWindow > 0 && (layerSliding.empty() || layerSliding.at(std::size_t(layer)));
    }
    bool ropeLayer(int layer) const
    {
        return positional == Positional::Rope && (layerNoRope.empty() || !layerNoRope.at(std::size_t(layer)));
    }
    double attentionScale() const; // the factor on q.k: 1 / sqrt(headDim) or 1 / sqrt(query_pre_attn_scalar)
};

const char* archName(Arch a);
const char* positionalName(Positional p);
const char* normName(NormKind n);
const char* placementName(NormPlacement p);
const char* activationName(Activation a);
const char* ropeScalingName(RopeScalingKind k);

// Reads config.json (and generation_config.json beside it when present). Throws core::Error naming the
// file and the field for missing, malformed or contradictory values.
ModelConfig loadModelConfig(const std::string& configPath, const std::string& generationConfigPath = {});
ModelConfig parseModelConfig(const std::string& jsonText, const std::string& fileName);

// Computed position tables (RoPE cos/sin, sin/cos embeddings) are built at load for every usable position, so the
// usable context (maxPositions) is capped at limits::kMaxContext and limits::kMaxPositionTableFloats; learned tables
// come from the weight file and keep the full context. declaredPositions keeps what the file said. parseModelConfig
// applies it; Model::fromSource applies it to configs from elsewhere (GGUF). Idempotent.
void capComputedContext(ModelConfig& c);

// Checks the relations between fields (heads divide dim, kv heads divide heads, sizes in range).
void validateModelConfig(const ModelConfig& c, const std::string& fileName);

} // namespace core

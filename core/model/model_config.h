#pragma once
// Everything the engine needs to know about a model's shape, read from config.json (+ generation_config.json).
// One struct covers every architecture: gpt2, llama, qwen2 and the textbook "explorer" are points in the same
// space of knobs (positional encoding, norm kind and placement, activation, biases, tying, kv heads).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

enum class Arch { Gpt2, Llama, Qwen2, Explorer };
enum class Positional { Learned, Sinusoidal, Rope };
enum class NormKind { LayerNorm, RmsNorm };
enum class NormPlacement { Pre, Post };
enum class Activation { Relu, Gelu, GeluTanh, SwiGlu };

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

    // Both products are checked against limits::kMaxDimension in 64 bits by validateModelConfig.
    int kvDim() const { return int(std::int64_t(nKvHeads) * headDim); }
    int qDim() const { return int(std::int64_t(nHeads) * headDim); }
    bool normHasBias() const { return norm == NormKind::LayerNorm; }
};

const char* archName(Arch a);
const char* positionalName(Positional p);
const char* normName(NormKind n);
const char* placementName(NormPlacement p);
const char* activationName(Activation a);

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

#pragma once
// What a GGUF file says about the model: general.architecture and its "<arch>.*" hyper-parameters on a plain struct
// whose field names follow core::ModelConfig (core/model/model_config.h), and the RoPE row order of llama q / k.
//
// Keys read (arch = general.architecture, e.g. "llama", "qwen2", "gpt2", "phi3"):
//   <arch>.context_length -> maxPositions          <arch>.embedding_length -> dim
//   <arch>.block_count -> nLayers                   <arch>.feed_forward_length -> hidden
//   <arch>.attention.head_count -> nHeads           <arch>.attention.head_count_kv -> nKvHeads (default nHeads)
//   <arch>.attention.key_length -> headDim (default dim / nHeads)
//   <arch>.attention.layer_norm_rms_epsilon -> normEps, rmsNorm = true
//   <arch>.attention.layer_norm_epsilon -> normEps, rmsNorm = false
//   <arch>.rope.freq_base -> ropeTheta (default 10000)   <arch>.rope.dimension_count -> ropeDim (default headDim)
//   <arch>.vocab_size, else the length of tokenizer.ggml.tokens, else token_embd.weight's rows -> vocab
//   tokenizer.ggml.bos_token_id / eos_token_id / eot_token_id -> bosId / eosIds
// Tensors: tiedEmbeddings when there is no output.weight; qkvBias when blk.0.attn_q.bias exists.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace core {

class GgufFile;

struct GgufHyperParams {
    std::string architecture; // general.architecture
    std::string name; // general.name ("" when absent)
    int vocab = 0;
    int dim = 0;
    int hidden = 0;
    int nLayers = 0;
    int nHeads = 0;
    int nKvHeads = 0;
    int headDim = 0;
    int ropeDim = 0; // rotated dimensions per head
    int maxPositions = 0;
    double ropeTheta = 10000.0;
    double normEps = 1e-5;
    bool rmsNorm = true;
    bool tiedEmbeddings = false;
    bool qkvBias = false;
    int bosId = -1;
    std::vector<int> eosIds; // eos, then eot if different
};

// Throws core::Error(file, "metadata.<key>", ...) for a missing architecture or required key, a wrong type, a head
// count of 0, an absurd block count (> 4096) or size (> 2^24), heads that do not divide, ids out of range.
GgufHyperParams readGgufHyperParams(const GgufFile& file);

// llama.cpp's converter (convert_hf_to_gguf.py, permute) stores each head's q / k rows in interleaved-pair order:
// GGUF row h * headDim + 2 * i + s is Hugging Face row h * headDim + s * headDim / 2 + i (s = 0, 1; i < headDim / 2).
// unpermuteRopeRows undoes it (GGUF -> HF rotate-half), permuteRopeRows does it (HF -> GGUF). weights: (rows, cols)
// row-major with rows = nHeads * headDim (use nKvHeads for attn_k); out must not alias weights.
void unpermuteRopeRows(
    std::span<const float> weights, std::span<float> out, std::int64_t rows, std::int64_t cols, int nHeads);
void permuteRopeRows(
    std::span<const float> weights, std::span<float> out, std::int64_t rows, std::int64_t cols, int nHeads);
std::vector<float> unpermuteRopeRows(std::span<const float> weights, std::int64_t rows, std::int64_t cols, int nHeads);
// The same on rows of any stored type (rowBytes bytes each: F16 rows or rows of quantized blocks), so a quantized
// q / k matrix is re-ordered without being dequantized.
void unpermuteRopeRowBytes(
    const std::uint8_t* weights, std::uint8_t* out, std::int64_t rows, std::size_t rowBytes, int nHeads);

} // namespace core

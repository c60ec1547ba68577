#pragma once
// Karpathy's llama2.c checkpoints: model.bin (the "version 0" export of run.c) and tokenizer.bin.
//
// model.bin: seven int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a negative
// vocab_size means an untied classifier follows), then F32 tensors in run.c's order, each row-major (out, in) like
// nn.Linear and packed without gaps:
//   token_embedding_table (vocab, dim) | rms_att_weight (n_layers, dim) | wq (n_layers, dim, dim)
//   | wk (n_layers, kv_dim, dim) | wv (n_layers, kv_dim, dim) | wo (n_layers, dim, dim) | rms_ffn_weight (n_layers,
//   dim) | w1 (n_layers, hidden_dim, dim) | w2 (n_layers, dim, hidden_dim) | w3 (n_layers, hidden_dim, dim) |
//   rms_final_weight (dim,) | freq_cis_real, freq_cis_imag (seq_len, head_size / 2 each; unused) | wcls (vocab, dim)
//
// Llama2cSource presents the tensors under llama.cpp's GGUF names, one tensor per layer, with row-major shapes:
//   token_embd.weight (vocab, dim)          blk.N.attn_norm.weight (dim,)      blk.N.attn_q.weight (dim, dim)
//   blk.N.attn_k.weight (kv_dim, dim)       blk.N.attn_v.weight (kv_dim, dim)  blk.N.attn_output.weight (dim, dim)
//   blk.N.ffn_norm.weight (dim,)            blk.N.ffn_gate.weight (w1)         blk.N.ffn_down.weight (w2)
//   blk.N.ffn_up.weight (w3)                output_norm.weight (dim,)          output.weight (vocab, dim), untied only
// Like GGUF, llama2.c keeps q / k rows in the interleaved-pair RoPE order (run.c rotates pairs (2i, 2i+1) of each
// head), so these tensors equal a llama GGUF's bit for bit, and the same unpermuteRopeRows
// (core/formats/gguf/gguf_model.h) turns them into Hugging Face's rotate-half order.
//
// tokenizer.bin: int32 max_token_length, then per token: float32 score, int32 length, length bytes (SentencePiece
// pieces with "▁" written as " ", BOS / EOS as "\n<s>\n" / "\n</s>\n").
#include "core/common/mapped_file.h"
#include "core/formats/tensor_source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct Llama2cConfig {
    std::int32_t dim = 0; // embedding width
    std::int32_t hiddenDim = 0; // FFN width
    std::int32_t nLayers = 0;
    std::int32_t nHeads = 0;
    std::int32_t nKvHeads = 0;
    std::int32_t vocabSize = 0; // absolute value of the stored one
    std::int32_t seqLen = 0; // context length
    bool sharedClassifier = true; // stored vocab_size > 0: output.weight is token_embd.weight
    std::int32_t headDim() const { return dim / nHeads; }
    std::int32_t kvDim() const { return headDim() * nKvHeads; }
};

class Llama2cSource : public TensorSource {
public:
    // Throws core::Error naming model.bin and the field: zero or negative sizes, dim not divisible by n_heads,
    // n_heads not divisible by n_kv_heads, sizes that overflow, a file shorter than the header says.
    explicit Llama2cSource(const std::string& path);

    std::string describe() const override { return m_file.path(); }
    const Llama2cConfig& config() const { return m_config; }

private:
    MappedFile m_file;
    Llama2cConfig m_config;
};

struct Llama2cVocab {
    std::int32_t maxTokenLength = 0;
    std::vector<std::string> pieces; // as stored (" " for "▁", "\n<s>\n")
    std::vector<float> scores;
};

// Reads vocabSize tokens (the model's vocab_size: tokenizer.bin does not store it). Throws core::Error naming
// tokenizer.bin and the field for a truncated file, negative lengths or lengths running past the end.
Llama2cVocab readLlama2cVocab(const std::string& path, std::int32_t vocabSize);

} // namespace core

#pragma once
// A TensorSource over a GGUF or llama2.c source whose llama q / k rows are in the interleaved-pair RoPE order
// (llama.cpp's convert_hf_to_gguf.py permute; run.c's layout), presenting them in Hugging Face's rotate-half order so
// one binder and one RoPE kernel serve every format: "blk.N.attn_q.weight" / ".bias" and "blk.N.attn_k.weight" /
// ".bias" have their rows un-permuted into buffers this source owns, in their stored type (rows of F16 values or
// of quantized blocks move whole); every other tensor is passed through as stored (F32 still used in place).
//
// Which files need it: GGUF architectures llama.cpp ropes in NORM mode among those we run ("llama", which Mistral
// and TinyLlama files use too) and every llama2.c model.bin. Not qwen2, phi3 or gpt2 (NEOX or no RoPE): see
// ggufNeedsRotateHalf.
#include "core/formats/tensor_source.h"

#include <memory>
#include <string>
#include <vector>

namespace core {

class RotateHalfSource : public TensorSource {
public:
    // nHeads / nKvHeads: the q and k head counts (attention.head_count, attention.head_count_kv). Throws
    // core::Error naming the tensor if a q / k tensor's rows are not a multiple of 2 * heads.
    RotateHalfSource(std::unique_ptr<TensorSource> inner, int nHeads, int nKvHeads);

    std::string describe() const override { return m_inner->describe(); }
    std::uint64_t storedBytes() const override { return m_inner->storedBytes(); } // as in the file
    const TensorSource& inner() const { return *m_inner; }

private:
    std::unique_ptr<TensorSource> m_inner;
    std::vector<std::vector<std::uint8_t>> m_owned; // the un-permuted q / k bytes
};

// True for general.architecture values whose q / k are stored in interleaved-pair order ("llama", "smollm3").
bool ggufNeedsRotateHalf(const std::string& architecture);

} // namespace core

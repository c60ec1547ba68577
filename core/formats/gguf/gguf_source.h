#pragma once
// A GGUF file as a TensorSource: tensors under their GGUF names ("token_embd.weight", "blk.0.attn_q.weight"),
// shapes row-major outermost first (GGUF's ne[] reversed: attn_q.weight of ne [dim, nHeads * headDim] is
// (nHeads * headDim, dim), like nn.Linear), bytes in the map, F32 / F16 / BF16 or a GGML block type.
// Note: llama-family GGUF files store attn_q / attn_k rows in interleaved-pair RoPE order; see
// core/formats/gguf/gguf_model.h (unpermuteRopeRows) for the way back to Hugging Face's rotate-half order.
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/tensor_source.h"

#include <memory>
#include <string>

namespace core {

class GgufSource : public TensorSource {
public:
    explicit GgufSource(const std::string& path); // throws core::Error naming the file and the field
    explicit GgufSource(std::shared_ptr<const GgufFile> file);

    std::string describe() const override;
    const GgufFile& file() const { return *m_file; }
    std::shared_ptr<const GgufFile> sharedFile() const { return m_file; }

private:
    std::shared_ptr<const GgufFile> m_file;
};

} // namespace core

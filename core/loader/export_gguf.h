#pragma once
// A model's weights written as a GGUF file the way llama.cpp's convert_hf_to_gguf.py writes one, so that llama.cpp
// can run the same weights as we do (bench, correctness): GGUF tensor names, Conv1D weights transposed to
// (out, in), llama q / k rows permuted into interleaved RoPE pairs, the <arch>.* hyper-parameters. Matrices in
// F32 or F16 (norms, biases stay F32, as the converter does), or quantized by our own writers
// (core/formats/quant/quantize.h) in llama-quantize's Q8_0 or Q4_K_M mixture (core/loader/gguf_quant_mixture.h).
// The folder's byte-level BPE tokenizer is written too (core/loader/export_gguf_vocab.h); a folder without
// tokenizer.json gets a placeholder vocabulary of `vocab` tokens ("<unk>", "<s>", "</s>", the 256 byte tokens when
// there is room, then "t<id>"), enough for llama.cpp to load and run token ids.
#include "core/formats/dtype.h"
#include "core/loader/gguf_quant_mixture.h"
#include "core/model/model.h"

#include <string>

namespace core {

// dtype: F32 or F16. Throws core::Error naming the path if it cannot be written or a weight is missing.
void exportGguf(const Model& model, const std::string& path, DType dtype);

// What exportGguf wrote: per tensor its GGUF name and stored type, and whether the row length forced a fallback;
// where the vocabulary came from.
struct ExportedTensor {
    std::string name;
    DType type = DType::F32;
    bool fallback = false;
};
struct GgufExport {
    std::vector<ExportedTensor> tensors;
    std::string vocabulary; // "tokenizer.json" or "placeholder (<why>)"
};
// `file`: F32, F16, Q8_0 or Q4_K_M, with the folder's tokenizer when it is byte-level BPE (else the placeholder, and
// `vocabulary` says why). Throws core::Error also for a tensor the mixture wants in a type we do not write (a fused
// attn_qkv's Q5_K in Q4_K_M), naming the tensor.
GgufExport exportGguf(const Model& model, const std::string& path, GgufFileType file);

} // namespace core

#pragma once
// A model's weights written as a GGUF file the way llama.cpp's convert_hf_to_gguf.py writes one, so that llama.cpp
// can run the same weights as we do (bench, correctness): GGUF tensor names, Conv1D weights transposed to
// (out, in), llama q / k rows permuted into interleaved RoPE pairs, the <arch>.* hyper-parameters. Matrices in
// F32 or F16 (norms, biases stay F32, as the converter does); quantize further with llama.cpp's own quantizer
// (tools/llama_cpp/quantize.py). llama.cpp needs a vocabulary to load a file: a placeholder one of `vocab` tokens
// is written ("<unk>", "<s>", "</s>", the 256 byte tokens when there is room, then "t<id>"), enough to load and run
// token ids.
#include "core/formats/dtype.h"
#include "core/model/model.h"

#include <string>

namespace core {

// dtype: F32 or F16. Throws core::Error naming the path if it cannot be written or a weight is missing.
void exportGguf(const Model& model, const std::string& path, DType dtype);

} // namespace core

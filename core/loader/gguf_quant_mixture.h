#pragma once
// Which stored type each tensor of a GGUF file gets, as llama.cpp's llama-quantize chooses it (llama_tensor_get_type
// in src/llama-quant.cpp) for the file types we write. One table-like function so the exporter, its tests and the
// README tell the same story.
//
//   Q8_0:   every matrix Q8_0; vectors (norms, biases) stay F32.
//   Q4_K_M: matrices Q4_K, except the LM head (or the tied embedding standing for it) Q6_K, and attn_v and ffn_down
//           Q6_K in the layers use_more_bits picks (the first and last eighth, and every third between); a fused
//           attn_qkv would be Q5_K (not written here: refused).
//   Fallback: a k-quant needs rows that are a multiple of 256 values. For other rows llama-quantize falls back:
//           Q4_K -> Q5_0, Q5_K -> Q5_1, Q6_K -> Q8_0 (F16 if even that block does not fit), and an LM head whose rows
//           are not a multiple of 256 is Q8_0 from the start. A 128-wide model such as tiny-llama therefore ends up
//           Q5_0 + Q8_0, not Q4_K + Q6_K.
#include "core/formats/dtype.h"
#include "core/model/weight_role.h"

#include <cstdint>
#include <optional>
#include <string>

namespace core {

enum class GgufFileType { F32, F16, Q8_0, Q4_K_M };

std::uint32_t ggufFileTypeId(GgufFileType t); // general.file_type: 0, 1, 7, 15 (llama_ftype)
const char* ggufFileTypeLabel(GgufFileType t); // "F32", "F16", "Q8_0", "Q4_K_M"
std::optional<GgufFileType> ggufFileTypeFromLabel(const std::string& label); // case-insensitive

struct MixtureChoice {
    DType type = DType::F32;
    bool fallback = false; // the row length forced a type other than the mixture's first choice
};

// The type of a matrix (2-D weight) with `rowLength` values per row (GGML ne[0]) in `layer` of `nLayers` (-1 for
// model-wide tensors); `tiedEmbedding`: the token embedding is also the LM head (no output.weight in the file).
// Vectors are not asked: they stay F32.
MixtureChoice ggufMatrixType(
    GgufFileType file, WeightRole role, int layer, int nLayers, std::int64_t rowLength, bool tiedEmbedding);

} // namespace core

#pragma once
// Pointers to every weight the forward pass reads, bound by name from the source and checked against the config.
// F32 tensors point into the memory map. Matrices stored as F16, BF16, Q8_0, Q4_K, Q5_K or Q6_K stay in that type
// (in the map, or in the source's re-ordered copy) and are computed on by core/ops/kernels; other types are
// converted to F32 once on load.
#include "core/formats/dtype.h"
#include "core/model/weight_role.h"

#include <cstddef>

#include <cstdint>
#include <vector>

namespace core {

// y = x W^T + b for an nn.Linear weight stored (out, in), or y = x W + b for a GPT-2 Conv1D weight stored
// (in, out). `ld` is the stored row stride, so a column slice of a fused matrix (GPT-2's c_attn) is a view.
// A matrix kept in its stored type has `data` null and `packed` set: row r (of `in` values, (out, in) layout only)
// is rowBytes bytes of `dtype` at packed + r * rowBytes. core::ops::weightRow reads any row back as floats.
struct LinearWeight {
    const float* data = nullptr; // F32 values, or null when packed
    int out = 0;
    int in = 0;
    int ld = 0;
    bool storedInOut = false; // true for Conv1D (in, out) layout
    const float* bias = nullptr; // (out,) or null
    const std::uint8_t* packed = nullptr;
    DType dtype = DType::F32;
    std::size_t rowBytes = 0;

    bool valid() const { return data != nullptr || packed != nullptr; }
    // Bytes a pass over the whole matrix reads.
    std::uint64_t bytes() const
    {
        return packed ? std::uint64_t(rowBytes) * std::uint64_t(out) : std::uint64_t(out) * std::uint64_t(in) * 4;
    }
};

struct NormWeight {
    const float* weight = nullptr; // (dim,)
    const float* bias = nullptr; // (dim,) for LayerNorm, null for RMSNorm
};

struct LayerWeights {
    NormWeight attnNorm; // before attention (pre-norm) or after the attention residual (post-norm)
    NormWeight mlpNorm;
    NormWeight qNorm, kNorm; // QK-norm, (headDim,) (qwen3, gemma3)
    NormWeight attnPostNorm, mlpPostNorm; // on each sub-layer's output before the residual add (gemma)
    LinearWeight q, k, v, o;
    LinearWeight gate, up, down; // gate only for SwiGLU
};

struct ModelWeights {
    LinearWeight tokenEmbedding; // (vocab, dim), rows read by ops::embed (F32 or kept in its stored type)
    const float* positionTable = nullptr; // (maxPositions, dim): learned, or the computed sin/cos table
    std::vector<LayerWeights> layers;
    NormWeight finalNorm;
    LinearWeight lmHead; // (vocab, dim); the token embedding itself when tied
    // RoPE rotation tables (maxPositions, rotaryDim / 2), computed from rope_theta and rope_scaling.
    std::vector<float> ropeCos;
    std::vector<float> ropeSin;
    // The sliding-window layers' own tables (gemma3's rope_local_base_freq); empty when they share the above.
    std::vector<float> ropeCosLocal;
    std::vector<float> ropeSinLocal;
};

// The weight a plan node names: `role` in `layer` (-1 for the model-wide ones). Null when the model has no such
// weight; ExecutionPlan::compile(const Model&) refuses a plan that names one, so the executor never sees null.
const LinearWeight* linearWeight(const ModelWeights& w, WeightRole role, int layer);
const NormWeight* normWeight(const ModelWeights& w, WeightRole role, int layer);

} // namespace core

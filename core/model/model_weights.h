#pragma once
// Pointers to every weight the forward pass reads, bound by name from the safetensors files and checked
// against the config. F32 tensors point into the memory map; F16/BF16 are converted once on load.
#include "core/model/weight_role.h"

#include <cstdint>
#include <vector>

namespace core {

// y = x W^T + b for an nn.Linear weight stored (out, in), or y = x W + b for a GPT-2 Conv1D weight stored
// (in, out). `ld` is the stored row stride, so a column slice of a fused matrix (GPT-2's c_attn) is a view.
struct LinearWeight {
    const float* data = nullptr;
    int out = 0;
    int in = 0;
    int ld = 0;
    bool storedInOut = false; // true for Conv1D (in, out) layout
    const float* bias = nullptr; // (out,) or null

    bool valid() const { return data != nullptr; }
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
    const float* tokenEmbedding = nullptr; // (vocab, dim)
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

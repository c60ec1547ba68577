#pragma once
// What a weight is for, independent of how any file names it. The architecture tables map each role to a tensor
// name; plan nodes name the role they read; the binder fills one slot per (role, layer).
namespace core {

enum class WeightRole {
    None,
    TokenEmbedding, // (vocab, dim)
    PositionEmbedding, // (maxPositions, dim), learned positions only
    AttnNorm, // (dim,) + bias for LayerNorm
    Q, // (qDim, dim)
    K, // (kvDim, dim)
    V, // (kvDim, dim)
    QkvFused, // q, k and v in one matrix (GPT-2's c_attn), split into Q, K, V views when bound
    O, // (dim, qDim)
    MlpNorm, // (dim,)
    Gate, // (hidden, dim), gated activations only
    Up, // (hidden, dim)
    Down, // (dim, hidden)
    FinalNorm, // (dim,)
    LmHead, // (vocab, dim)
};

const char* weightRoleName(WeightRole r); // "attn_q"
bool isPerLayer(WeightRole r);

} // namespace core

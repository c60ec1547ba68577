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
    QNorm, // (headDim,) QK-norm: RMSNorm weight shared by every query head (qwen3, gemma3)
    KNorm, // (headDim,)
    AttnPostNorm, // (dim,) norm of the attention output before the residual add (gemma)
    MlpNorm, // (dim,)
    MlpPostNorm, // (dim,) norm of the MLP output before the residual add (gemma)
    Gate, // (hidden, dim), gated activations only
    GateUpFused, // gate and up in one (2 * hidden, dim) matrix (phi3's gate_up_proj), split into views when bound
    Up, // (hidden, dim)
    Down, // (dim, hidden)
    FinalNorm, // (dim,)
    LmHead, // (vocab, dim)
};

const char* weightRoleName(WeightRole r); // "attn_q"
bool isPerLayer(WeightRole r);
bool isNormWeight(WeightRole r); // a normalization's scale or bias (Gemma stores the scale as w for 1 + w)

} // namespace core

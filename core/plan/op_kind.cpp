#include "core/plan/op_kind.h"

namespace core {

const char* opKindName(OpKind k)
{
    switch (k) {
    case OpKind::Embed:
        return "embed";
    case OpKind::AddPositional:
        return "add_positional";
    case OpKind::LayerNorm:
        return "layer_norm";
    case OpKind::RmsNorm:
        return "rms_norm";
    case OpKind::Linear:
        return "matmul";
    case OpKind::Rope:
        return "rope";
    case OpKind::KvStore:
        return "kv_store";
    case OpKind::AttnScores:
        return "attn_scores";
    case OpKind::CausalMask:
        return "causal_mask";
    case OpKind::Softmax:
        return "softmax";
    case OpKind::AttnMix:
        return "attn_mix";
    case OpKind::ConcatHeads:
        return "concat_heads";
    case OpKind::Activation:
        return "activation";
    case OpKind::ResidualAdd:
        return "residual_add";
    case OpKind::LmHead:
        return "lm_head";
    case OpKind::OutputSoftmax:
        return "output_softmax";
    }
    return "?";
}

const char* bufferName(BufferId b)
{
    switch (b) {
    case BufferId::Tokens:
        return "tokens";
    case BufferId::X:
        return "x";
    case BufferId::XNorm:
        return "x_norm";
    case BufferId::Q:
        return "q";
    case BufferId::K:
        return "k";
    case BufferId::V:
        return "v";
    case BufferId::KCache:
        return "k_cache";
    case BufferId::VCache:
        return "v_cache";
    case BufferId::Scores:
        return "scores";
    case BufferId::HeadOut:
        return "head_out";
    case BufferId::Attn:
        return "attn";
    case BufferId::Proj:
        return "proj";
    case BufferId::Gate:
        return "gate";
    case BufferId::Up:
        return "up";
    case BufferId::Logits:
        return "logits";
    case BufferId::Probs:
        return "probs";
    }
    return "?";
}

} // namespace core

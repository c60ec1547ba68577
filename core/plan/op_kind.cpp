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
    case OpKind::Scale:
        return "scale";
    case OpKind::HeadNorm:
        return "head_norm";
    case OpKind::SlidingWindowMask:
        return "sliding_window_mask";
    case OpKind::SoftCap:
        return "soft_cap";
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

namespace {
    struct PartEntry {
        NodePart part;
        const char* name;
        const char* words;
    };
    constexpr PartEntry kParts[] = {
        { NodePart::TokenEmbedding, "token_embd", "token embedding" },
        { NodePart::Positions, "pos_embd", "positional encoding" },
        { NodePart::AttnNorm, "attn_norm", "attention norm" },
        { NodePart::QProj, "attn_q", "q projection" },
        { NodePart::KProj, "attn_k", "k projection" },
        { NodePart::VProj, "attn_v", "v projection" },
        { NodePart::RopeQ, "rope_q", "RoPE on q" },
        { NodePart::RopeK, "rope_k", "RoPE on k" },
        { NodePart::KvStore, "kv_store", "append k, v to the KV cache" },
        { NodePart::Scores, "scores", "attention scores" },
        { NodePart::Mask, "mask", "causal mask" },
        { NodePart::Softmax, "softmax", "attention probabilities" },
        { NodePart::Mix, "mix", "weighted sum of values" },
        { NodePart::ConcatHeads, "concat_heads", "concatenate heads" },
        { NodePart::AttnOut, "attn_out", "attention output projection" },
        { NodePart::AttnResidual, "attn_residual", "residual add (attention)" },
        { NodePart::MlpNorm, "ffn_norm", "MLP norm" },
        { NodePart::GateProj, "ffn_gate", "MLP gate projection" },
        { NodePart::UpProj, "ffn_up", "MLP up projection" },
        { NodePart::Activation, "ffn_act", "activation" },
        { NodePart::DownProj, "ffn_down", "MLP down projection" },
        { NodePart::MlpResidual, "ffn_residual", "residual add (MLP)" },
        { NodePart::FinalNorm, "output_norm", "final norm" },
        { NodePart::LmHead, "output", "LM head (logits)" },
        { NodePart::OutputSoftmax, "output_softmax", "softmax over the vocabulary" },
        { NodePart::EmbedScale, "embd_scale", "embedding scale" },
        { NodePart::QNorm, "attn_q_norm", "q norm (per head)" },
        { NodePart::KNorm, "attn_k_norm", "k norm (per head)" },
        { NodePart::SlidingMask, "mask", "sliding-window mask" },
        { NodePart::ScoresSoftcap, "scores_softcap", "soft-cap of the scores" },
        { NodePart::AttnPostNorm, "attn_post_norm", "attention output norm" },
        { NodePart::MlpPostNorm, "ffn_post_norm", "MLP output norm" },
        { NodePart::LogitSoftcap, "output_softcap", "soft-cap of the logits" },
    };
    constexpr bool inOrder()
    {
        for (int i = 0; i < kNodePartCount; ++i)
            if (int(kParts[i].part) != i)
                return false;
        return sizeof(kParts) / sizeof(kParts[0]) == kNodePartCount;
    }
    static_assert(inOrder(), "one entry per NodePart, in enum order");
} // namespace

const char* nodePartName(NodePart p) { return kParts[int(p)].name; }
const char* nodePartWords(NodePart p) { return kParts[int(p)].words; }

} // namespace core

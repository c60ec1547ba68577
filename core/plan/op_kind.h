#pragma once
#include "core/model/weight_role.h"

// The kinds of operation a forward pass is made of. The UI keys its explanation texts by opKindName().
namespace core {

enum class OpKind {
    Embed, // token ids -> rows of the embedding table
    AddPositional, // + learned or sin/cos position vectors
    LayerNorm,
    RmsNorm,
    Linear, // x W^T + b (q, k, v, o projections, MLP up / gate / down)
    Rope, // rotate q or k pairs by position
    KvStore, // append this pass's k and v rows to the KV cache
    AttnScores, // one head: Q K^T / sqrt(d)
    CausalMask, // one head: -inf above the diagonal (a token cannot see the future)
    Softmax, // one head: scores -> attention probabilities (row-wise)
    AttnMix, // one head: probabilities @ V
    ConcatHeads, // heads side by side -> (T, nHeads * headDim)
    Activation, // ReLU / GELU / SwiGLU
    ResidualAdd, // x = x + sublayer(x)
    LmHead, // final hidden state -> one logit per vocabulary entry
    OutputSoftmax, // logits -> next-token probabilities
    // The parts of today's small models.
    Scale, // x *= a constant (Gemma's sqrt(dim) on the embeddings)
    HeadNorm, // RMSNorm over each head's own vector (QK-norm of q or k, qwen3 / gemma3)
    SlidingWindowMask, // one head: -inf for the future and for keys further back than the window
    SoftCap, // cap * tanh(x / cap) on attention scores or logits (gemma2)
};
constexpr int kOpKindCount = int(OpKind::SoftCap) + 1;

// What a node is within the model: one value per distinct op of the forward pass. Labels, explanations, the
// diagram and the translations are built from it (and the node's other fields), never by reading its name.
enum class NodePart {
    TokenEmbedding,
    Positions,
    AttnNorm,
    QProj,
    KProj,
    VProj,
    RopeQ,
    RopeK,
    KvStore,
    Scores,
    Mask,
    Softmax,
    Mix,
    ConcatHeads,
    AttnOut,
    AttnResidual,
    MlpNorm,
    GateProj,
    UpProj,
    Activation,
    DownProj,
    MlpResidual,
    FinalNorm,
    LmHead,
    OutputSoftmax,
    EmbedScale,
    QNorm,
    KNorm,
    SlidingMask,
    ScoresSoftcap,
    AttnPostNorm,
    MlpPostNorm,
    LogitSoftcap,
};
constexpr int kNodePartCount = int(NodePart::LogitSoftcap) + 1;

// The sub-layer of a block a node belongs to.
enum class Sublayer { None, Attention, Mlp };

// The buffers ops read and write. Shapes: T = positions in this pass, ctx = cached positions + T.
enum class BufferId {
    Tokens, // (T,) ids
    X, // (T, dim) residual stream
    XNorm, // (T, dim) normed input of a sublayer
    Q, // (T, nHeads * headDim)
    K, // (T, nKvHeads * headDim) this pass's keys
    V, // (T, nKvHeads * headDim)
    KCache, // (ctx, nKvHeads * headDim) per layer
    VCache,
    Scores, // (T, ctx) one head at a time: scores, then masked, then probabilities
    HeadOut, // (nHeads, T, headDim)
    Attn, // (T, nHeads * headDim) concatenated heads
    Proj, // (T, dim) output of o_proj or of the MLP down projection
    Gate, // (T, hidden)
    Up, // (T, hidden) up projection, then the activation in place
    Logits, // (R, vocab), R = 1 (last position) or T
    Probs, // (R, vocab)
};

const char* opKindName(OpKind k); // "attn_scores"
const char* bufferName(BufferId b); // "scores"
const char* nodePartName(NodePart p); // "attn_q": the last part of a node's name
const char* nodePartWords(NodePart p); // "q projection": what the op is, in English

} // namespace core

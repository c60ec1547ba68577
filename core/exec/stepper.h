#pragma once
// A pass with everything inspectable, at the fast path's cost. Copying every op's output (what a RecordingSink
// does) costs several times the pass and holds layers x heads x T^2 attention values. Instead the stepper keeps a
// checkpoint of the residual stream x (T, dim) where each layer begins (x and the KV cache are all that a layer
// reads from before it) and recomputes a layer's ops from its checkpoint when an op already passed is asked for:
// deterministic kernels make that bit-identical. Of the attention probabilities it keeps a small thumbnail per head;
// a head's full (T, ctx) matrix is recomputed when it is shown.
#include "core/exec/executor.h"
#include "core/ops/flash_attention.h"

#include <cstdint>
#include <vector>

namespace core {

// A head's attention probabilities made small: block maxima (core/analysis/downsample.h); exact when the matrix
// is at most kThumbnailSide on each side.
struct AttentionThumbnail {
    static constexpr int kThumbnailSide = 64;
    int layer = 0;
    int head = 0;
    int node = 0; // its softmax node
    int rows = 0; // stored size
    int cols = 0;
    int fullRows = 0; // the matrix's own size: (T, ctx)
    int fullCols = 0;
    std::vector<float> values; // rows * cols
};

class Stepper {
public:
    // `exec` has begun a pass (Executor::begin) with AttentionPath::Naive; the stepper drives it from here on.
    explicit Stepper(Executor& exec);

    // Ops run at least once, minus one: the last op the pass has reached (-1 before the first).
    int frontier() const { return m_frontier; }
    bool finished() const { return m_frontier + 1 >= int(m_exec.plan().size()); }
    // Runs the op after the frontier (reported to `sink`, if any): the pass moves on by one op.
    void advance(TraceSink* sink = nullptr);
    // Makes op `node` (<= frontier) the live one: its output is then exec.outputOf(node). Recomputes the ops of
    // its layer from the layer's checkpoint when the buffers have moved past it; free when it is already live.
    TensorView show(int node);
    int live() const { return m_live; }

    // Heads whose softmax has run, in execution order.
    const std::vector<AttentionThumbnail>& thumbnails() const { return m_thumbnails; }
    // The (T, ctx) probabilities of head `head` of layer `layer` (its softmax must be <= frontier), recomputed
    // when needed. Valid until the next call that moves the live op.
    TensorView attention(int layer, int head);
    // FlashAttention on that head, walked over the key tiles of the query block holding `queryRow`.
    ops::FlashWalk flashWalk(int layer, int head, int queryRow, int tile);
    int softmaxNode(int layer, int head) const;

    // Bytes held besides the executor's buffers and the KV cache: checkpoints and thumbnails.
    std::uint64_t bytesHeld() const;

private:
    int segmentOf(int node) const; // index of the checkpoint an op recomputes from
    const PlanNode& node(int i) const { return m_exec.plan()[std::size_t(i)]; }

    Executor& m_exec;
    std::vector<int> m_segmentStart; // first op of each segment: 0, each layer's first op, the final norm
    std::vector<std::vector<float>> m_checkpoints; // x at each segment start, once reached
    std::vector<AttentionThumbnail> m_thumbnails;
    int m_frontier = -1;
    int m_live = -1; // the op whose output the buffers hold; -1 when none (just rewound)
};

} // namespace core

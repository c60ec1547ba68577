#include "core/exec/stepper.h"

#include "core/analysis/downsample.h"
#include "core/exec/kv_cache.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace core {

Stepper::Stepper(Executor& exec)
    : m_exec(exec)
{
    assert(exec.cursor() == 0 && !exec.flashThisPass());
    const ExecutionPlan& plan = exec.plan();
    m_segmentStart.push_back(0);
    for (int l = 0; l <= plan.config().nLayers; ++l) {
        const int first = plan.firstNodeOfLayer(l);
        if (first > m_segmentStart.back() && first < int(plan.size()))
            m_segmentStart.push_back(first);
    }
    m_checkpoints.resize(m_segmentStart.size());
}

int Stepper::segmentOf(int n) const
{
    return int(std::upper_bound(m_segmentStart.begin(), m_segmentStart.end(), n) - m_segmentStart.begin()) - 1;
}

void Stepper::advance(TraceSink* sink)
{
    if (finished())
        return;
    if (m_live != m_frontier)
        show(m_frontier); // the buffers were moved back: bring them to where the pass stands
    const int next = m_frontier + 1;
    const int seg = segmentOf(next);
    if (m_segmentStart[std::size_t(seg)] == next) {
        const TensorView x = m_exec.residual();
        m_checkpoints[std::size_t(seg)].assign(x.data, x.data + std::size_t(x.rows) * x.cols);
    }
    assert(m_exec.cursor() == next);
    m_exec.step(sink);
    m_frontier = m_live = next;
    const PlanNode& n = node(next);
    if (n.kind == OpKind::Softmax) {
        const TensorView p = m_exec.outputOf(next);
        AttentionThumbnail t;
        t.layer = n.layer;
        t.head = n.head;
        t.node = next;
        t.fullRows = p.rows;
        t.fullCols = p.cols;
        t.rows = std::min(p.rows, AttentionThumbnail::kThumbnailSide);
        t.cols = std::min(p.cols, AttentionThumbnail::kThumbnailSide);
        t.values = downsampleMax(p, t.rows, t.cols);
        m_thumbnails.push_back(std::move(t));
    }
}

TensorView Stepper::show(int target)
{
    assert(target >= 0 && target <= m_frontier);
    if (target != m_live) {
        const int seg = segmentOf(target);
        const int start = m_segmentStart[std::size_t(seg)];
        // Step on from where the buffers are when that stays inside the segment; else start it again.
        if (m_live < start || m_live > target)
            m_exec.rewind(start, m_checkpoints[std::size_t(seg)]);
        while (m_exec.cursor() <= target)
            m_exec.step();
        m_live = target;
    }
    return m_exec.outputOf(target);
}

int Stepper::softmaxNode(int layer, int head) const
{
    for (const AttentionThumbnail& t : m_thumbnails)
        if (t.layer == layer && t.head == head)
            return t.node;
    return -1;
}

TensorView Stepper::attention(int layer, int head)
{
    const int n = softmaxNode(layer, head);
    assert(n >= 0);
    return show(n);
}

ops::FlashWalk Stepper::flashWalk(int layer, int head, int queryRow, int tile)
{
    const int n = softmaxNode(layer, head);
    assert(n >= 0);
    show(n); // the layer's q (after RoPE) is in its buffer, its keys and values in the cache
    const auto& c = m_exec.model().config();
    const int hd = c.headDim, kvHead = head / (c.nHeads / c.nKvHeads);
    // The q buffer is the output of the layer's last node that writes it (the q projection or RoPE on q).
    int qNode = -1;
    for (int i = m_exec.plan().firstNodeOfLayer(layer); i < n; ++i)
        if (node(i).output == BufferId::Q)
            qNode = i;
    const TensorView q = m_exec.outputOf(qNode);
    const KvCache& cache = *m_exec.cache();
    const int ctx = m_exec.positionBegin() + m_exec.positions();
    const ConstMatMap k(cache.keys(layer) + kvHead * hd, ctx, hd, Eigen::OuterStride<>(c.kvDim()));
    const ConstMatMap v(cache.values(layer) + kvHead * hd, ctx, hd, Eigen::OuterStride<>(c.kvDim()));
    return ops::flashWalk(
        q.map().middleCols(head * hd, hd), k, v, 1.0f / std::sqrt(float(hd)), m_exec.positionBegin(), queryRow, tile);
}

std::uint64_t Stepper::bytesHeld() const
{
    std::uint64_t n = 0;
    for (const auto& c : m_checkpoints)
        n += c.capacity() * sizeof(float);
    for (const auto& t : m_thumbnails)
        n += t.values.capacity() * sizeof(float) + sizeof(t);
    return n;
}

} // namespace core

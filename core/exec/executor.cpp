#include "core/exec/executor.h"

#include "core/common/error.h"
#include "core/ops/activation.h"
#include "core/ops/attention.h"
#include "core/ops/flash_attention.h"
#include "core/ops/linear.h"
#include "core/ops/norm.h"
#include "core/ops/positions.h"
#include "core/ops/sliding_window_mask.h"
#include "core/ops/soft_cap.h"

#include "core/common/thread_pool.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <thread>

namespace core {

void setThreadCount(int n)
{
    ThreadPool::instance().setThreadCount(n > 0 ? n : int(std::thread::hardware_concurrency()));
    // Our kernels split the work themselves (ops::linear); Eigen must not start its own threads inside them.
    Eigen::setNbThreads(1);
}
int threadCount() { return ThreadPool::instance().threadCount(); }

namespace {
    constexpr int kBufferCount = int(BufferId::Probs) + 1;
}

Executor::Executor(const Model& model, const ExecutionPlan& plan)
    : m_model(model)
    , m_plan(plan)
    , m_buffers(kBufferCount)
{
    Eigen::setNbThreads(1); // see setThreadCount
    m_cursor = int(plan.size());
}

void Executor::shape(BufferId id, int rows, int cols)
{
    Buffer& b = m_buffers[std::size_t(id)];
    b.rows = rows;
    b.cols = cols;
    const std::size_t need = std::size_t(rows) * std::size_t(cols);
    if (b.data.size() < need)
        b.data.resize(need);
}

MatMap Executor::map(BufferId id)
{
    Buffer& b = m_buffers[std::size_t(id)];
    return MatMap(b.data.data(), b.rows, b.cols, Eigen::OuterStride<>(b.cols));
}

void Executor::begin(std::span<const std::int32_t> tokens, KvCache& cache, Phase phase, LogitRows rows)
{
    const auto& c = m_model.config();
    if (tokens.empty())
        throw Error("input", "tokens", "a forward pass needs at least one token");
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i] < 0 || tokens[i] >= c.vocab)
            throw Error("input", "tokens[" + std::to_string(i) + "]",
                "id " + std::to_string(tokens[i]) + " is outside the vocabulary [0, " + std::to_string(c.vocab) + ")");
    if (cache.layers() != c.nLayers || cache.rowWidth() != c.kvDim())
        throw Error("KV cache", "shape", "the cache was made for another model");
    const int T = int(tokens.size());
    if (cache.length() + T > cache.capacity())
        throw Error("input", "context",
            "context full: " + std::to_string(cache.length()) + " cached + " + std::to_string(T)
                + " new positions exceed " + std::to_string(cache.capacity()));

    m_tokens.assign(tokens.begin(), tokens.end());
    m_cache = &cache;
    m_phase = phase;
    m_T = T;
    m_pos0 = cache.length();
    m_ctx = m_pos0 + T;
    m_logitRows = rows == LogitRows::All ? T : 1;

    shape(BufferId::X, T, c.dim);
    shape(BufferId::XNorm, T, c.dim);
    shape(BufferId::Q, T, c.qDim());
    shape(BufferId::K, T, c.kvDim());
    shape(BufferId::V, T, c.kvDim());
    // FlashAttention computes plain causal attention in one go: a plan that changes the scores between the product
    // and the softmax (sliding windows, soft-capping) or interventions that reach into a head keep the naive ops.
    m_flash = m_attentionPath == AttentionPath::Auto && T >= kFlashMinPositions && m_hook.empty()
        && !m_plan.contains(OpKind::SlidingWindowMask) && !m_plan.contains(OpKind::SoftCap);
    shape(BufferId::Scores, m_flash ? 0 : T, m_flash ? 0 : m_ctx); // FlashAttention never holds (T, ctx) scores
    shape(BufferId::HeadOut, c.nHeads * T, c.headDim);
    shape(BufferId::Attn, T, c.qDim());
    shape(BufferId::Proj, T, c.dim);
    shape(BufferId::Gate, T, c.gated() ? c.hidden : 0);
    shape(BufferId::Up, T, c.hidden);
    shape(BufferId::Logits, m_logitRows, c.vocab);
    shape(BufferId::Probs, m_logitRows, c.vocab);
    // Small models finish a whole token in well under a millisecond on one core; waking a second thread (and
    // waiting for it when the machine is busy) would cost more than it saves.
    m_threads = m_model.decodeBytesPerToken() < (std::uint64_t(32) << 20) ? 1 : threadCount();
    m_cursor = 0;
}

void Executor::step(TraceSink* sink)
{
    if (finished())
        return;
    const PlanNode& node = m_plan[std::size_t(m_cursor)];
    execute(node);
    if (!m_hook.empty()) // the one intervention hook: it changes only the nodes its list names
        m_hook.apply(m_cursor, mutableViewOf(node), m_pos0);
    if (sink) {
        TraceEvent e;
        e.nodeIndex = m_cursor;
        e.node = &node;
        e.phase = m_phase;
        e.posBegin = m_pos0;
        e.posEnd = m_ctx;
        e.output = viewOf(node);
        sink->record(e);
    }
    ++m_cursor;
    if (finished())
        m_cache->setLength(m_ctx);
}

void Executor::run(TraceSink* sink)
{
    while (!finished())
        step(sink);
}

void Executor::setInterventions(InterventionList list) { m_hook = InterventionHook(m_plan, std::move(list)); }

// A node's output as the trace shows it (viewOf), writable: what an intervention changes.
MatMap Executor::mutableViewOf(const PlanNode& node)
{
    const TensorView v = viewOf(node);
    return MatMap(const_cast<float*>(v.data), v.rows, v.cols, Eigen::OuterStride<>(v.stride));
}

MatMap Executor::headSlice(BufferId id, int head)
{
    const auto& c = m_model.config();
    Buffer& b = m_buffers[std::size_t(id)];
    return MatMap(
        b.data.data() + std::int64_t(head) * m_T * c.headDim, m_T, c.headDim, Eigen::OuterStride<>(c.headDim));
}

// The KV cache rows of one layer as a (ctx, kvDim) matrix, or one KV head's (ctx, headDim) columns of it.
ConstMatMap Executor::cacheOf(BufferId id, int layer, int kvHead) const
{
    const auto& c = m_model.config();
    const int kvw = c.kvDim();
    const float* base = id == BufferId::KCache ? m_cache->keys(layer) : m_cache->values(layer);
    if (kvHead < 0)
        return ConstMatMap(base, m_ctx, kvw, Eigen::OuterStride<>(kvw));
    return ConstMatMap(base + kvHead * c.headDim, m_ctx, c.headDim, Eigen::OuterStride<>(kvw));
}

void Executor::execute(const PlanNode& node)
{
    const auto& c = m_model.config();
    const auto& w = m_model.weights();
    const int hd = c.headDim;
    // Every node reads the buffers it names and writes the one it names; ExecutionPlan::compile(Model) made sure
    // every weight it names is bound.
    auto in = [&](std::size_t i) { return map(node.inputs[i]); };
    const int kvHead = node.head >= 0 ? node.head / (c.nHeads / c.nKvHeads) : -1; // the K/V head a query head reads
    switch (node.kind) {
    case OpKind::Embed:
        // x (T, dim) = token_embd (vocab, dim) [tokens (T,)]
        ops::embed(map(node.output), m_tokens, w.tokenEmbedding);
        break;
    case OpKind::AddPositional:
        // x (T, dim) += positions (maxPositions, dim) [pos0, pos0 + T)
        ops::addPositions(map(node.output), m_pos0, w.positionTable);
        break;
    case OpKind::LayerNorm:
        // out (T, dim) = LayerNorm(x (T, dim)) * w + b
        ops::layerNorm(map(node.output), in(0), *normWeight(w, node.weight, node.layer), float(c.normEps));
        break;
    case OpKind::RmsNorm:
        // out (T, dim) = x / rms(x) * w
        ops::rmsNorm(map(node.output), in(0), *normWeight(w, node.weight, node.layer), float(c.normEps));
        break;
    case OpKind::Linear:
        // out (T, out) = x (T, in) W^T (in, out) + b
        ops::linear(map(node.output), in(0), *linearWeight(w, node.weight, node.layer), m_threads);
        break;
    case OpKind::Rope: {
        // q (T, nHeads * hd) or k (T, nKvHeads * hd), rotated in place by position (the first rotaryDim of each head)
        const bool local = node.variant.localRope && !w.ropeCosLocal.empty();
        ops::rope(map(node.output), m_pos0, node.shape.fixedCols / hd, hd, (local ? w.ropeCosLocal : w.ropeCos).data(),
            (local ? w.ropeSinLocal : w.ropeSin).data(), c.rotaryDim());
        break;
    }
    case OpKind::HeadNorm: {
        // q (T, nHeads * hd) or k: each head's hd values RMS-normed on their own, i.e. the buffer as (T * heads, hd)
        Buffer& b = m_buffers[std::size_t(node.output)];
        MatMap rows(b.data.data(), std::int64_t(b.rows) * (b.cols / hd), hd, Eigen::OuterStride<>(hd));
        ops::rmsNorm(rows, rows, *normWeight(w, node.weight, node.layer), float(c.normEps));
        break;
    }
    case OpKind::Scale:
        // x (T, dim) *= the node's factor (Gemma: sqrt(dim) on the embeddings)
        map(node.output) *= node.variant.scale;
        break;
    case OpKind::SlidingWindowMask:
        // scores (T, ctx): -inf for the future and for keys at least `window` positions back
        ops::slidingWindowMask(map(node.output), m_pos0, node.variant.window);
        break;
    case OpKind::SoftCap:
        // scores (T, ctx) or logits (R, vocab) = cap * tanh(x / cap)
        ops::softCap(map(node.output), node.variant.cap);
        break;
    case OpKind::KvStore:
        // cache rows [pos0, pos0 + T) of layer l = k (T, kvDim), v (T, kvDim)
        storeKv(node.layer, in(0), in(1));
        break;
    case OpKind::AttnScores:
        if (m_flash) {
            // out_h (T, hd) = softmax(causal(q_h k_g^T * scale)) v_g, tile by tile (this head's mask, softmax
            // and mix nodes below then do nothing)
            ops::flashAttention(headSlice(BufferId::HeadOut, node.head), in(0).middleCols(node.head * hd, hd),
                cacheOf(BufferId::KCache, node.layer, kvHead), cacheOf(BufferId::VCache, node.layer, kvHead),
                float(c.attentionScale()), m_pos0, m_threads);
            break;
        }
        // scores (T, ctx) = q_h (T, hd) k_g^T (hd, ctx) / sqrt(hd) (Gemma: / sqrt(query_pre_attn_scalar))
        ops::attentionScores(map(node.output), in(0).middleCols(node.head * hd, hd),
            cacheOf(node.inputs[1], node.layer, kvHead), float(c.attentionScale()), m_threads);
        break;
    case OpKind::CausalMask:
        if (m_flash)
            break;
        // scores (T, ctx): -inf where the key comes after the query
        ops::causalMask(map(node.output), m_pos0);
        break;
    case OpKind::Softmax:
        if (m_flash)
            break;
        // probs (T, ctx) = softmax over each row
        ops::softmaxRows(map(node.output));
        break;
    case OpKind::AttnMix:
        if (m_flash)
            break;
        // out_h (T, hd) = probs (T, ctx) v_g (ctx, hd)
        ops::attentionMix(
            headSlice(node.output, node.head), in(0), cacheOf(node.inputs[1], node.layer, kvHead), m_threads);
        break;
    case OpKind::ConcatHeads:
        // attn (T, nHeads * hd) = [out_0 | out_1 | ...]
        concatHeads(map(node.output), node.inputs[0]);
        break;
    case OpKind::Activation:
        // up (T, hidden) = act(up), or silu(gate) * up for a gated activation (inputs: gate, up; an ungated
        // activation reads no gate, its one input is passed in that place)
        ops::activate(map(node.output), in(0), node.activation, m_threads);
        break;
    case OpKind::ResidualAdd:
        // x (T, dim) += sublayer output (T, dim)
        map(node.output) += in(1);
        break;
    case OpKind::LmHead:
        // logits (R, vocab) = h (R, dim) W^T (dim, vocab); R = the last row or all T
        ops::linear(
            map(node.output), in(0).bottomRows(m_logitRows), *linearWeight(w, node.weight, node.layer), m_threads);
        break;
    case OpKind::OutputSoftmax:
        // probs (R, vocab) = softmax(logits)
        ops::softmaxInto(map(node.output), in(0));
        break;
    }
}

void Executor::storeKv(int layer, ConstMatRef k, ConstMatRef v)
{
    const int kvw = m_model.config().kvDim();
    assert(k.rows() == m_T && k.cols() == kvw && v.rows() == m_T && v.cols() == kvw);
    const std::size_t off = std::size_t(m_pos0) * kvw, n = std::size_t(m_T) * kvw;
    std::copy_n(k.data(), n, m_cache->keys(layer) + off);
    std::copy_n(v.data(), n, m_cache->values(layer) + off);
}

void Executor::concatHeads(MatRef attn, BufferId heads)
{
    const auto& c = m_model.config();
    assert(attn.rows() == m_T && attn.cols() == c.qDim());
    for (int h = 0; h < c.nHeads; ++h)
        attn.middleCols(h * c.headDim, c.headDim) = headSlice(heads, h);
}

TensorView Executor::viewOf(const PlanNode& node) const
{
    const auto& c = m_model.config();
    auto full = [&](BufferId id) {
        const Buffer& b = m_buffers[std::size_t(id)];
        return TensorView { b.data.data(), b.rows, b.cols, b.cols };
    };
    switch (node.output) {
    case BufferId::KCache:
        return TensorView { m_cache->keys(node.layer), m_ctx, c.kvDim(), c.kvDim() };
    case BufferId::HeadOut: {
        const Buffer& b = m_buffers[std::size_t(BufferId::HeadOut)];
        return TensorView { b.data.data() + std::int64_t(node.head) * m_T * c.headDim, m_T, c.headDim, c.headDim };
    }
    default:
        return full(node.output);
    }
}

TensorView Executor::residual() const
{
    const Buffer& b = m_buffers[std::size_t(BufferId::X)];
    return TensorView { b.data.data(), b.rows, b.cols, b.cols };
}

void Executor::rewind(int cursor, const std::vector<float>& residual)
{
    Buffer& x = m_buffers[std::size_t(BufferId::X)];
    assert(cursor >= 0 && cursor <= int(m_plan.size()));
    assert(residual.size() == std::size_t(x.rows) * std::size_t(x.cols));
    std::copy(residual.begin(), residual.end(), x.data.begin());
    m_cursor = cursor;
}

TensorView Executor::outputOf(int nodeIndex) const { return viewOf(m_plan[std::size_t(nodeIndex)]); }

TensorView Executor::logits() const
{
    const Buffer& b = m_buffers[std::size_t(BufferId::Logits)];
    return TensorView { b.data.data(), b.rows, b.cols, b.cols };
}

TensorView Executor::probs() const
{
    const Buffer& b = m_buffers[std::size_t(BufferId::Probs)];
    return TensorView { b.data.data(), b.rows, b.cols, b.cols };
}

bool Executor::atProduct() const
{
    if (finished())
        return false;
    const OpKind k = m_plan[std::size_t(m_cursor)].kind;
    return k == OpKind::Linear || k == OpKind::LmHead;
}

const LinearWeight& Executor::productWeight() const
{
    assert(atProduct());
    const PlanNode& node = m_plan[std::size_t(m_cursor)];
    return *linearWeight(m_model.weights(), node.weight, node.layer);
}

ConstMatRef Executor::productInput()
{
    assert(atProduct());
    const PlanNode& node = m_plan[std::size_t(m_cursor)];
    // the LM head reads the last m_logitRows rows (execute, OpKind::LmHead)
    return node.kind == OpKind::LmHead ? ConstMatRef(map(node.inputs[0]).bottomRows(m_logitRows))
                                       : ConstMatRef(map(node.inputs[0]));
}

MatMap Executor::productOutput()
{
    assert(atProduct());
    return map(m_plan[std::size_t(m_cursor)].output);
}

void Executor::skipProduct()
{
    assert(atProduct());
    if (!m_hook.empty()) // as step() does: the product's output is in place, written by the batch
        m_hook.apply(m_cursor, mutableViewOf(m_plan[std::size_t(m_cursor)]), m_pos0);
    ++m_cursor;
    if (finished())
        m_cache->setLength(m_ctx);
}

std::uint64_t Executor::workspaceBytes() const
{
    std::uint64_t n = 0;
    for (const auto& b : m_buffers)
        n += b.data.capacity() * sizeof(float);
    return n;
}

} // namespace core

#include "core/exec/executor.h"

#include "core/common/error.h"
#include "core/ops/activation.h"
#include "core/ops/attention.h"
#include "core/ops/linear.h"
#include "core/ops/norm.h"
#include "core/ops/positions.h"

#include "core/common/thread_pool.h"

#include <algorithm>
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
    shape(BufferId::Scores, T, m_ctx);
    shape(BufferId::HeadOut, c.nHeads * T, c.headDim);
    shape(BufferId::Attn, T, c.qDim());
    shape(BufferId::Proj, T, c.dim);
    shape(BufferId::Gate, T, c.activation == Activation::SwiGlu ? c.hidden : 0);
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

MatMap Executor::headSlice(BufferId id, int head)
{
    const auto& c = m_model.config();
    Buffer& b = m_buffers[std::size_t(id)];
    return MatMap(
        b.data.data() + std::int64_t(head) * m_T * c.headDim, m_T, c.headDim, Eigen::OuterStride<>(c.headDim));
}

static const NormWeight& normFor(const ModelWeights& w, const PlanNode& n)
{
    switch (n.weight) {
    case WeightRole::AttnNorm:
        return w.layers[std::size_t(n.layer)].attnNorm;
    case WeightRole::MlpNorm:
        return w.layers[std::size_t(n.layer)].mlpNorm;
    default:
        return w.finalNorm;
    }
}

static const LinearWeight& linearFor(const ModelWeights& w, const PlanNode& n)
{
    if (n.weight == WeightRole::LmHead)
        return w.lmHead;
    const LayerWeights& L = w.layers[std::size_t(n.layer)];
    switch (n.weight) {
    case WeightRole::Q:
        return L.q;
    case WeightRole::K:
        return L.k;
    case WeightRole::V:
        return L.v;
    case WeightRole::O:
        return L.o;
    case WeightRole::Gate:
        return L.gate;
    case WeightRole::Up:
        return L.up;
    default:
        return L.down;
    }
}

void Executor::execute(const PlanNode& node)
{
    const auto& c = m_model.config();
    const auto& w = m_model.weights();
    const int hd = c.headDim;
    const int kvw = c.kvDim();
    switch (node.kind) {
    case OpKind::Embed:
        ops::embed(map(BufferId::X), m_tokens, w.tokenEmbedding);
        break;
    case OpKind::AddPositional:
        ops::addPositions(map(BufferId::X), m_pos0, w.positionTable);
        break;
    case OpKind::LayerNorm:
        ops::layerNorm(map(node.output), map(node.inputs[0]), normFor(w, node), float(c.normEps));
        break;
    case OpKind::RmsNorm:
        ops::rmsNorm(map(node.output), map(node.inputs[0]), normFor(w, node), float(c.normEps));
        break;
    case OpKind::Linear:
        ops::linear(map(node.output), map(node.inputs[0]), linearFor(w, node), m_threads);
        break;
    case OpKind::Rope:
        ops::rope(map(node.output), m_pos0, node.output == BufferId::Q ? c.nHeads : c.nKvHeads, hd, w.ropeCos.data(),
            w.ropeSin.data());
        break;
    case OpKind::KvStore: {
        const std::size_t off = std::size_t(m_pos0) * kvw, n = std::size_t(m_T) * kvw;
        std::copy_n(m_buffers[std::size_t(BufferId::K)].data.data(), n, m_cache->keys(node.layer) + off);
        std::copy_n(m_buffers[std::size_t(BufferId::V)].data.data(), n, m_cache->values(node.layer) + off);
        break;
    }
    case OpKind::AttnScores: {
        const int g = node.head / (c.nHeads / c.nKvHeads);
        MatMap q = map(BufferId::Q);
        ConstMatMap k(m_cache->keys(node.layer) + g * hd, m_ctx, hd, Eigen::OuterStride<>(kvw));
        ops::attentionScores(
            map(BufferId::Scores), q.middleCols(node.head * hd, hd), k, 1.0f / std::sqrt(float(hd)), m_threads);
        break;
    }
    case OpKind::CausalMask:
        ops::causalMask(map(BufferId::Scores), m_pos0);
        break;
    case OpKind::Softmax:
        ops::softmaxRows(map(BufferId::Scores));
        break;
    case OpKind::AttnMix: {
        const int g = node.head / (c.nHeads / c.nKvHeads);
        ConstMatMap v(m_cache->values(node.layer) + g * hd, m_ctx, hd, Eigen::OuterStride<>(kvw));
        ops::attentionMix(headSlice(BufferId::HeadOut, node.head), map(BufferId::Scores), v, m_threads);
        break;
    }
    case OpKind::ConcatHeads: {
        MatMap attn = map(BufferId::Attn);
        for (int h = 0; h < c.nHeads; ++h)
            attn.middleCols(h * hd, hd) = headSlice(BufferId::HeadOut, h);
        break;
    }
    case OpKind::Activation:
        ops::activate(map(BufferId::Up), map(BufferId::Gate), c.activation);
        break;
    case OpKind::ResidualAdd:
        map(BufferId::X) += map(BufferId::Proj);
        break;
    case OpKind::LmHead: {
        MatMap in = map(node.inputs[0]);
        ops::linear(map(BufferId::Logits), in.bottomRows(m_logitRows), w.lmHead, m_threads);
        break;
    }
    case OpKind::OutputSoftmax:
        ops::softmaxInto(map(BufferId::Probs), map(BufferId::Logits));
        break;
    }
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

std::uint64_t Executor::workspaceBytes() const
{
    std::uint64_t n = 0;
    for (const auto& b : m_buffers)
        n += b.data.capacity() * sizeof(float);
    return n;
}

} // namespace core

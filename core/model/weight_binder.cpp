#include "core/model/weight_binder.h"

#include "core/model/rope_frequencies.h"

#include "core/common/error.h"
#include "core/common/system_memory.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace core {

WeightBinder::WeightBinder(Model& model, const TensorSource& source, TensorNaming naming)
    : m_model(model)
    , m_source(source)
    , m_naming(naming)
{
}

namespace {
    // The types core/ops/kernels compute on without converting the matrix (core::ops::computesInPlace).
    bool keptInStoredType(DType t)
    {
        return t == DType::F16 || t == DType::BF16 || t == DType::Q8_0 || t == DType::Q4_K || t == DType::Q5_K
            || t == DType::Q6_K;
    }
} // namespace

// Matrices read row by row as (out, in) — linear weights in nn.Linear layout and the token embedding — stay in their
// stored type when a kernel computes on it; everything else becomes F32.
bool WeightBinder::keptPacked(const SourceTensor& t, const ExpectedTensor& e) const
{
    const bool conv1D = m_naming == TensorNaming::HuggingFace && architectureTable(m_model.m_config.arch).hfConv1D;
    bool linearRole = false;
    switch (e.role) {
    case WeightRole::Q:
    case WeightRole::K:
    case WeightRole::V:
    case WeightRole::QkvFused:
    case WeightRole::O:
    case WeightRole::Gate:
    case WeightRole::Up:
    case WeightRole::Down:
    case WeightRole::LmHead:
        linearRole = !conv1D;
        break;
    default:
        break;
    }
    const bool rowMatrix = !e.bias && t.shape.size() == 2 && (linearRole || e.role == WeightRole::TokenEmbedding);
    return rowMatrix && keptInStoredType(t.dtype);
}

// What the weights will hold in memory (stored bytes when kept packed, 4 bytes a value otherwise) against what the
// machine has left: refused before the first large allocation, with both numbers.
void WeightBinder::checkMemory(const std::vector<ExpectedTensor>& expected) const
{
    const std::optional<std::uint64_t> budget = memoryBudgetBytes();
    if (!budget)
        return;
    std::uint64_t needed = 0;
    for (const ExpectedTensor& e : expected)
        if (const SourceTensor* t = m_source.find(e.name); t && t->shape == e.shape)
            needed += keptPacked(*t, e) ? t->bytes : std::uint64_t(t->numel()) * 4;
    if (needed > *budget)
        throw Error(m_source.describe(), "memory",
            "its weights need " + formatBytes(needed) + " in memory but only " + formatBytes(*budget)
                + " is available (MemAvailable + SwapFree"
                + (std::getenv("IE_MEMORY_LIMIT") ? std::string(", capped by IE_MEMORY_LIMIT") : std::string())
                + "); close other programs or open a smaller or more quantized file");
}

WeightBinder::Bound WeightBinder::bind(const SourceTensor& t, const ExpectedTensor& e)
{
    // The stored type of the weights: "F32", the one other type, or "mixed" (Q4_K_M files mix Q4_K and Q6_K).
    if (t.dtype != DType::F32)
        m_model.m_dtype
            = m_model.m_dtype == "F32" || m_model.m_dtype == dtypeName(t.dtype) ? dtypeName(t.dtype) : "mixed";
    m_model.m_parameterCount += t.numel();
    if (keptPacked(t, e)) {
        const auto rowBytes = storedBytes(t.dtype, t.shape[1]);
        if (!rowBytes || *rowBytes * std::uint64_t(t.shape[0]) != t.bytes)
            throw Error(t.file, t.name + ".dtype",
                std::string(dtypeName(t.dtype)) + " tensor of shape " + t.shapeString()
                    + " does not hold whole rows of " + "blocks in its " + std::to_string(t.bytes) + " bytes");
        m_model.m_weightBytes += t.bytes;
        return Bound { nullptr, t.data, t.dtype, std::size_t(*rowBytes) };
    }
    m_model.m_weightBytes += std::uint64_t(t.numel()) * 4;
    return Bound { floats(t) };
}

const float* WeightBinder::floats(const SourceTensor& t)
{
    if (usableInPlace(t))
        return reinterpret_cast<const float*>(t.data);
    m_model.m_owned.push_back(toFloat(t));
    return m_model.m_owned.back().data();
}

void WeightBinder::bindAll()
{
    const ModelConfig& c = m_model.m_config;
    const ArchitectureTable& table = architectureTable(c.arch);
    std::string prefix;
    if (m_naming == TensorNaming::HuggingFace && *table.hfOptionalPrefix
        && m_source.find(std::string(table.hfOptionalPrefix) + expectedTensors(c).front().name))
        prefix = table.hfOptionalPrefix;

    m_model.m_weights.layers.assign(std::size_t(c.nLayers), LayerWeights {});
    const std::vector<ExpectedTensor> expected = expectedTensors(c, m_naming, prefix);
    checkMemory(expected);
    for (const ExpectedTensor& e : expected) {
        const SourceTensor* t = m_source.find(e.name);
        if (!t) {
            if (!e.required)
                continue;
            SourceTensor wanted;
            wanted.shape = e.shape;
            throw Error(m_source.describe(), e.name, "tensor is missing (expected shape " + wanted.shapeString() + ")");
        }
        if (t->shape != e.shape) {
            SourceTensor wanted;
            wanted.shape = e.shape;
            throw Error(
                t->file, e.name, "has shape " + t->shapeString() + " but the config needs " + wanted.shapeString());
        }
        if (t->dtype != DType::F32 && t->dtype != DType::F16 && t->dtype != DType::BF16 && !isQuantized(t->dtype))
            throw Error(t->file, e.name + ".dtype",
                std::string("weights must be F32, F16, BF16 or a GGML block type, got ") + dtypeName(t->dtype));
        m_used.insert(e.name);
        assign(e, bind(*t, e));
    }
    auto& w = m_model.m_weights;
    // A tied head reads the token embedding itself (as the config or, for GPT-2 files, the table says).
    if (!w.lmHead.valid())
        w.lmHead = w.tokenEmbedding;
    for (const auto& t : m_source.tensors())
        if (!m_used.count(t.name))
            m_model.m_unused.push_back(t.name);
    m_model.m_storedBytes = m_source.storedBytes();
    computeTables();
}

void WeightBinder::assign(const ExpectedTensor& e, const Bound& b)
{
    const float* p = b.values;
    const ModelConfig& c = m_model.m_config;
    auto& w = m_model.m_weights;
    LayerWeights* L = e.layer >= 0 ? &w.layers[std::size_t(e.layer)] : nullptr;
    const bool conv1D = m_naming == TensorNaming::HuggingFace && architectureTable(c.arch).hfConv1D;
    // A linear weight of (out, in) features: its matrix, or its bias.
    auto linear = [&](LinearWeight& lw, int out, int in) {
        if (e.bias) {
            lw.bias = p;
            return;
        }
        lw = LinearWeight { p, out, in, conv1D ? out : in, conv1D, lw.bias, b.packed, b.dtype, b.rowBytes };
    };
    auto norm = [&](NormWeight& nw) {
        if (e.bias || !c.normUnitOffset) {
            (e.bias ? nw.bias : nw.weight) = p;
            return;
        }
        // Gemma's RMSNorm scales by (1 + w): the kernel multiplies by the stored weight, so it gets 1 + w once,
        // here (float32 addition, as Gemma's own forward computes it).
        const std::int64_t n = e.shape.front();
        std::vector<float> plusOne(p, p + n);
        for (float& x : plusOne)
            x += 1.0f;
        m_model.m_owned.push_back(std::move(plusOne));
        nw.weight = m_model.m_owned.back().data();
    };
    switch (e.role) {
    case WeightRole::TokenEmbedding:
        w.tokenEmbedding = LinearWeight { p, c.vocab, c.dim, c.dim, false, nullptr, b.packed, b.dtype, b.rowBytes };
        break;
    case WeightRole::PositionEmbedding:
        w.positionTable = p;
        break;
    case WeightRole::AttnNorm:
        norm(L->attnNorm);
        break;
    case WeightRole::MlpNorm:
        norm(L->mlpNorm);
        break;
    case WeightRole::FinalNorm:
        norm(w.finalNorm);
        break;
    case WeightRole::QNorm:
        norm(L->qNorm);
        break;
    case WeightRole::KNorm:
        norm(L->kNorm);
        break;
    case WeightRole::AttnPostNorm:
        norm(L->attnPostNorm);
        break;
    case WeightRole::MlpPostNorm:
        norm(L->mlpPostNorm);
        break;
    case WeightRole::GateUpFused: {
        // Phi-3's gate_up_proj: rows [0, hidden) are the gate, [hidden, 2 * hidden) the up projection; two views.
        LinearWeight* parts[2] = { &L->gate, &L->up };
        for (int s = 0; s < 2; ++s) {
            const std::int64_t offset = std::int64_t(s) * c.hidden;
            if (e.bias)
                parts[s]->bias = p + offset;
            else
                *parts[s] = LinearWeight { p + offset * c.dim, c.hidden, c.dim, c.dim, false, parts[s]->bias };
        }
        break;
    }
    case WeightRole::Q:
        linear(L->q, c.qDim(), c.dim);
        break;
    case WeightRole::K:
        linear(L->k, c.kvDim(), c.dim);
        break;
    case WeightRole::V:
        linear(L->v, c.kvDim(), c.dim);
        break;
    case WeightRole::O:
        linear(L->o, c.dim, c.qDim());
        break;
    case WeightRole::Gate:
        linear(L->gate, c.hidden, c.dim);
        break;
    case WeightRole::Up:
        linear(L->up, c.hidden, c.dim);
        break;
    case WeightRole::Down:
        linear(L->down, c.dim, c.hidden);
        break;
    case WeightRole::LmHead:
        linear(w.lmHead, c.vocab, c.dim);
        break;
    case WeightRole::QkvFused: {
        if (m_naming == TensorNaming::HuggingFace && architectureTable(c.arch).hfQkvPerHead)
            p = qkvInHeadOrder(p, e.bias);
        // One matrix holds q, k and v: column slices of a Conv1D (dim, q+2kv) matrix, or row slices of an
        // (q+2kv, dim) one; the three views point into it, nothing is copied.
        const int offsets[3] = { 0, c.qDim(), c.qDim() + c.kvDim() };
        const int widths[3] = { c.qDim(), c.kvDim(), c.kvDim() };
        LinearWeight* parts[3] = { &L->q, &L->k, &L->v };
        const int total = c.qDim() + 2 * c.kvDim();
        for (int s = 0; s < 3; ++s) {
            if (e.bias) {
                parts[s]->bias = p + offsets[s];
                continue;
            }
            if (b.packed) { // row slices of the packed (q+2kv, dim) matrix
                *parts[s] = LinearWeight { nullptr, widths[s], c.dim, c.dim, false, parts[s]->bias,
                    b.packed + std::size_t(offsets[s]) * b.rowBytes, b.dtype, b.rowBytes };
                continue;
            }
            const float* data = conv1D ? p + offsets[s] : p + std::int64_t(offsets[s]) * c.dim;
            *parts[s] = LinearWeight { data, widths[s], c.dim, conv1D ? total : c.dim, conv1D, parts[s]->bias };
        }
        break;
    }
    case WeightRole::None:
        break;
    }
}

// GPT-NeoX's query_key_value holds, per head h, rows [3h, 3h + 1, 3h + 2] * headDim = q_h, k_h, v_h. Returns a copy
// with all q rows first, then k, then v (the layout every other fused matrix has), owned by the model.
const float* WeightBinder::qkvInHeadOrder(const float* p, bool bias)
{
    const ModelConfig& c = m_model.m_config;
    const std::int64_t hd = c.headDim, cols = bias ? 1 : c.dim, block = hd * cols;
    std::vector<float> out(std::size_t(3 * c.nHeads * block));
    for (int h = 0; h < c.nHeads; ++h)
        for (int part = 0; part < 3; ++part)
            std::copy_n(p + (std::int64_t(h) * 3 + part) * block, block,
                out.data() + (std::int64_t(part) * c.nHeads + h) * block);
    m_model.m_owned.push_back(std::move(out));
    return m_model.m_owned.back().data();
}

void WeightBinder::computeTables()
{
    const auto& c = m_model.m_config;
    auto& w = m_model.m_weights;
    if (c.positional == Positional::Sinusoidal) {
        // PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))
        std::vector<float> pe(std::size_t(c.maxPositions) * c.dim);
        for (int p = 0; p < c.maxPositions; ++p)
            for (int i = 0; i < c.dim / 2; ++i) {
                const double angle = p / std::pow(10000.0, 2.0 * i / c.dim);
                pe[std::size_t(p) * c.dim + 2 * i] = float(std::sin(angle));
                pe[std::size_t(p) * c.dim + 2 * i + 1] = float(std::cos(angle));
            }
        m_model.m_owned.push_back(std::move(pe));
        w.positionTable = m_model.m_owned.back().data();
    }
    if (c.positional == Positional::Rope) {
        // angle = p * inv_freq[i] (ropeFrequencies); pairs (i, i + rotaryDim/2) rotate together.
        auto fill = [&](std::vector<float>& cosT, std::vector<float>& sinT, const std::vector<double>& invFreq) {
            const std::size_t half = invFreq.size();
            cosT.resize(std::size_t(c.maxPositions) * half);
            sinT.resize(cosT.size());
            for (int p = 0; p < c.maxPositions; ++p)
                for (std::size_t i = 0; i < half; ++i) {
                    const double angle = p * invFreq[i];
                    cosT[std::size_t(p) * half + i] = float(std::cos(angle));
                    sinT[std::size_t(p) * half + i] = float(std::sin(angle));
                }
        };
        fill(w.ropeCos, w.ropeSin, ropeFrequencies(c, false));
        if (c.ropeThetaLocal > 0)
            fill(w.ropeCosLocal, w.ropeSinLocal, ropeFrequencies(c, true));
    }
}

} // namespace core

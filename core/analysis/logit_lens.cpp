#include "core/analysis/logit_lens.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/model/model.h"
#include "core/ops/linear.h"
#include "core/ops/norm.h"

#include <algorithm>
#include <cmath>

namespace core {

std::vector<LensSite> lensSites(const ExecutionPlan& plan)
{
    const int nLayers = plan.config().nLayers;
    std::vector<LensSite> sites;
    sites.push_back({ -1, false, plan.firstNodeOfLayer(0) - 1, "embed" });
    for (int l = 0; l < nLayers; ++l) {
        // After attention: the last node of the attention sub-layer that writes the residual stream (the residual
        // add in pre-norm models, the norm after it in post-norm ones). After the block: the node that ends it.
        int attn = -1, block = -1;
        for (std::size_t n = 0; n < plan.size(); ++n) {
            const PlanNode& node = plan[n];
            if (node.layer != l || node.output != BufferId::X)
                continue;
            if (node.sublayer == Sublayer::Attention)
                attn = int(n);
            if (node.endsBlock)
                block = int(n);
        }
        const std::string blk = "blk." + std::to_string(l);
        sites.push_back({ l, true, attn, blk + ".attn" });
        sites.push_back({ l, false, block, blk });
    }
    return sites;
}

Readout::Readout(const Model& model, const ExecutionPlan& plan)
    : m_model(model)
{
    for (const PlanNode& n : plan.nodes()) {
        if (n.part == NodePart::FinalNorm)
            m_finalNorm = &n;
        if (n.part == NodePart::LmHead)
            m_lmHead = &n;
    }
}

RowMatrix Readout::logits(ConstMatRef residual) const
{
    const auto& c = m_model.config();
    const auto& w = m_model.weights();
    RowMatrix h = residual;
    if (m_finalNorm) {
        const NormWeight& nw = *normWeight(w, m_finalNorm->weight, m_finalNorm->layer);
        if (m_finalNorm->kind == OpKind::LayerNorm)
            ops::layerNorm(h, h, nw, float(c.normEps));
        else
            ops::rmsNorm(h, h, nw, float(c.normEps));
    }
    RowMatrix out(h.rows(), c.vocab);
    ops::linear(out, h, *linearWeight(w, m_lmHead->weight, m_lmHead->layer), 1);
    return out;
}

namespace {
    LensCell cellOf(const float* logits, int vocab, std::int32_t target)
    {
        const float top = *std::max_element(logits, logits + vocab);
        double sum = 0;
        int best = 0;
        for (int i = 0; i < vocab; ++i) {
            sum += std::exp(double(logits[i]) - top);
            if (logits[i] > logits[best])
                best = i;
        }
        LensCell cell;
        cell.topId = best;
        cell.topProb = float(1.0 / sum);
        if (target >= 0 && target < vocab) {
            cell.targetProb = float(std::exp(double(logits[target]) - top) / sum);
            int rank = 0;
            for (int i = 0; i < vocab; ++i)
                rank += logits[i] > logits[target] || (logits[i] == logits[target] && i < target);
            cell.targetRank = rank;
        }
        return cell;
    }
}

LogitLensRecorder::LogitLensRecorder(
    const Model& model, const ExecutionPlan& plan, std::int32_t target, std::function<void(int)> onRow)
    : m_model(model)
    , m_plan(plan)
    , m_readout(model, plan)
    , m_siteOfNode(plan.size(), -1)
    , m_onRow(std::move(onRow))
{
    m_lens.sites = lensSites(plan);
    m_lens.dim = model.config().dim;
    m_lens.target = target;
    m_lens.filled.assign(m_lens.sites.size(), false);
    for (std::size_t s = 0; s < m_lens.sites.size(); ++s)
        m_siteOfNode[std::size_t(m_lens.sites[s].nodeIndex)] = int(s);
}

void LogitLensRecorder::record(const TraceEvent& e)
{
    if (e.nodeIndex < 0 || std::size_t(e.nodeIndex) >= m_siteOfNode.size())
        return;
    const int site = m_siteOfNode[std::size_t(e.nodeIndex)];
    if (site < 0)
        return;
    LogitLens& L = m_lens;
    const int dim = L.dim, vocab = m_model.config().vocab;
    if (site == 0 && e.posBegin == 0) { // a new prompt: start over
        L.positions = 0;
        L.cells.clear();
        L.residuals.clear();
        L.filled.assign(L.sites.size(), false);
    }
    if (e.posEnd > L.positions) { // grow the grid to the positions of this pass (decode steps add columns)
        const int old = L.positions, now = e.posEnd;
        std::vector<LensCell> cells(L.sites.size() * std::size_t(now));
        std::vector<float> residuals(cells.size() * std::size_t(dim));
        for (std::size_t s = 0; s < L.sites.size(); ++s)
            for (int p = 0; p < old; ++p) {
                cells[s * std::size_t(now) + std::size_t(p)] = L.cells[s * std::size_t(old) + std::size_t(p)];
                std::copy_n(L.residuals.data() + (s * std::size_t(old) + std::size_t(p)) * std::size_t(dim), dim,
                    residuals.data() + (s * std::size_t(now) + std::size_t(p)) * std::size_t(dim));
            }
        L.cells = std::move(cells);
        L.residuals = std::move(residuals);
        L.positions = now;
    }
    const RowMatrix logits = m_readout.logits(e.output.map());
    for (int r = 0; r < e.output.rows; ++r) {
        const int p = e.posBegin + r;
        const std::size_t at = std::size_t(site) * std::size_t(L.positions) + std::size_t(p);
        L.cells[at] = cellOf(logits.row(r).data(), vocab, L.target);
        for (int j = 0; j < dim; ++j)
            L.residuals[at * std::size_t(dim) + std::size_t(j)] = e.output.at(r, j);
    }
    L.filled[std::size_t(site)] = true;
    if (m_onRow)
        m_onRow(site);
}

LogitLens runLogitLens(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    std::int32_t target, const InterventionList& interventions)
{
    LogitLensRecorder recorder(model, plan, target);
    promptLogits(model, plan, tokens, interventions, &recorder);
    return recorder.lens();
}

std::vector<RankedToken> lensCellTop(
    const Model& model, const ExecutionPlan& plan, const LogitLens& lens, int site, int position, int n)
{
    if (site < 0 || site >= int(lens.sites.size()) || position < 0 || position >= lens.positions
        || !lens.filled[std::size_t(site)])
        throw Error("logit lens", "site " + std::to_string(site) + ", position " + std::to_string(position),
            "not a filled cell of the lens");
    const auto row = lens.residual(site, position);
    const RowMatrix logits
        = Readout(model, plan).logits(ConstMatMap(row.data(), 1, lens.dim, Eigen::OuterStride<>(lens.dim)));
    const auto p = softmaxOf(std::span<const float>(logits.data(), std::size_t(logits.cols())));
    const std::vector<float> pf(p.begin(), p.end());
    return topPredictions(pf, n);
}

} // namespace core

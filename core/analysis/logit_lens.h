#pragma once
// The logit lens: the residual stream after each block and after each attention sub-layer, read out as if it were
// the last layer (the plan's final norm, if any, then the LM head), at every position. Row 0 is the embedding
// (after positions); at the last row (after the last block) the lens is the model's own output distribution.
//
// A LogitLensRecorder is a TraceSink: attach it to any run (the stepper's, a prompt pass) and each row fills in as
// the executor passes its node (onRow is called then), so a view can grow live.
#include "core/analysis/top_predictions.h"
#include "core/exec/intervention.h"
#include "core/exec/trace.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace core {

class Model;

// Where the lens reads the residual stream.
struct LensSite {
    int layer = -1; // -1: the embedding
    bool afterAttention = false; // true: after the attention sub-layer of `layer`; false: after the whole block
    int nodeIndex = 0; // the plan node whose output (the residual stream X) is read
    std::string name; // "embed", "blk.3.attn", "blk.3"
};

// The sites of a plan in forward order: embed, blk.0.attn, blk.0, blk.1.attn, blk.1, ...
std::vector<LensSite> lensSites(const ExecutionPlan& plan);

struct LensCell {
    std::int32_t topId = 0;
    float topProb = 0;
    float targetProb = 0; // of the chosen target token (0 when there is none)
    int targetRank = -1; // 0 = the most probable token; -1 without a target
};

// The final norm and the LM head of a model applied to residual rows: what the model would predict if the
// residual stream ended here.
class Readout {
public:
    Readout(const Model& model, const ExecutionPlan& plan);
    // logits (rows, vocab) of residual rows (rows, dim)
    RowMatrix logits(ConstMatRef residual) const;

private:
    const Model& m_model;
    const PlanNode* m_finalNorm = nullptr; // null when the model has none
    const PlanNode* m_lmHead = nullptr;
};

struct LogitLens {
    std::vector<LensSite> sites;
    int positions = 0;
    int dim = 0;
    std::int32_t target = -1;
    std::vector<LensCell> cells; // sites x positions, row-major; rows not reached yet are default cells
    std::vector<float> residuals; // sites x positions x dim: the residual rows read (for cellTop)
    std::vector<bool> filled; // per site: reached in the run

    const LensCell& cell(int site, int position) const { return cells[std::size_t(site) * positions + position]; }
    std::span<const float> residual(int site, int position) const
    {
        return { residuals.data() + (std::size_t(site) * positions + position) * dim, std::size_t(dim) };
    }
};

class LogitLensRecorder : public TraceSink {
public:
    // `target` < 0: no target column. onRow(site) is called when a site's row is complete.
    LogitLensRecorder(const Model& model, const ExecutionPlan& plan, std::int32_t target = -1,
        std::function<void(int site)> onRow = {});
    void record(const TraceEvent& event) override; // a pass starting at position 0 starts a new lens
    const LogitLens& lens() const { return m_lens; }

private:
    const Model& m_model;
    const ExecutionPlan& m_plan;
    Readout m_readout;
    LogitLens m_lens;
    std::vector<int> m_siteOfNode; // node index -> site, or -1
    std::function<void(int)> m_onRow;
};

// The lens of one prompt pass (with interventions if given).
LogitLens runLogitLens(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    std::int32_t target = -1, const InterventionList& interventions = {});

// The n most probable tokens of one cell (recomputed from the stored residual row).
std::vector<RankedToken> lensCellTop(
    const Model& model, const ExecutionPlan& plan, const LogitLens& lens, int site, int position, int n = 10);

} // namespace core

#include "core/analysis/rope_inputs.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/model/model.h"

#include <string>

namespace core {

namespace {
    // The node that last wrote `buffer` before node `before` (the projection, or QK-norm after it).
    int producerOf(const ExecutionPlan& plan, BufferId buffer, int before)
    {
        for (int i = before - 1; i >= 0; --i)
            if (plan[std::size_t(i)].output == buffer)
                return i;
        return -1;
    }
}

RopeInputs ropeInputs(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens, int layer,
    int head, int posQ, int posK)
{
    const ModelConfig& c = model.config();
    if (layer < 0 || layer >= c.nLayers)
        throw Error("rope view", "layer", std::to_string(layer) + " is not a layer of this model");
    if (head < 0 || head >= c.nHeads)
        throw Error("rope view", "head", std::to_string(head) + " is not a query head of this model");
    const int t = int(tokens.size());
    if (posQ < 0 || posQ >= t || posK < 0 || posK >= t)
        throw Error("rope view", "position",
            "positions " + std::to_string(posQ) + " and " + std::to_string(posK) + " must be inside the prompt's "
                + std::to_string(t) + " tokens");
    int ropeQ = -1, ropeK = -1;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const PlanNode& n = plan[i];
        if (n.layer != layer || n.kind != OpKind::Rope || n.inputs.empty())
            continue;
        if (n.inputs.front() == BufferId::Q && ropeQ < 0)
            ropeQ = int(i);
        if (n.inputs.front() == BufferId::K && ropeK < 0)
            ropeK = int(i);
    }
    if (ropeQ < 0 || ropeK < 0)
        throw Error("rope view", "layer", "layer " + std::to_string(layer) + " does not use RoPE");
    const int qNode = producerOf(plan, BufferId::Q, ropeQ), kNode = producerOf(plan, BufferId::K, ropeK);
    NodeCapture capture({ qNode, kNode });
    promptLogits(model, plan, tokens, {}, &capture);
    RopeInputs in;
    in.kvHead = head / (c.nHeads / c.nKvHeads);
    const int hd = c.headDim;
    const std::vector<float>& q = capture.values(qNode);
    const std::vector<float>& k = capture.values(kNode);
    const int qCols = capture.cols(qNode), kCols = capture.cols(kNode);
    if (capture.rows(qNode) != t || capture.rows(kNode) != t || qCols < (head + 1) * hd || kCols < (in.kvHead + 1) * hd)
        throw Error("rope view", "q/k", "the pass did not give one row of q and k per prompt position");
    in.q.assign(q.begin() + std::ptrdiff_t(posQ) * qCols + head * hd,
        q.begin() + std::ptrdiff_t(posQ) * qCols + (head + 1) * hd);
    in.k.assign(k.begin() + std::ptrdiff_t(posK) * kCols + in.kvHead * hd,
        k.begin() + std::ptrdiff_t(posK) * kCols + (in.kvHead + 1) * hd);
    return in;
}

} // namespace core

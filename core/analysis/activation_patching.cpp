#include "core/analysis/activation_patching.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/model/model.h"

#include <cmath>
#include <limits>
#include <optional>

namespace core {

namespace {
    int mixNode(const ExecutionPlan& plan, int layer, int head)
    {
        for (std::size_t n = 0; n < plan.size(); ++n)
            if (plan[n].layer == layer && plan[n].head == head && plan[n].part == NodePart::Mix)
                return int(n);
        return -1;
    }
}

CleanActivations recordCleanActivations(
    const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens)
{
    const auto& c = model.config();
    std::vector<int> nodes;
    for (int l = 0; l < c.nLayers; ++l) {
        nodes.push_back(plan.firstNodeOfLayer(l) - 1); // the residual stream entering block l
        for (int h = 0; h < c.nHeads; ++h)
            nodes.push_back(mixNode(plan, l, h));
    }
    NodeCapture capture(nodes);
    CleanActivations out;
    out.logits = promptLogits(model, plan, tokens, {}, &capture);
    out.positions = int(tokens.size());
    for (int l = 0; l < c.nLayers; ++l) {
        out.residualPre.push_back(capture.values(plan.firstNodeOfLayer(l) - 1));
        std::vector<float> heads;
        for (int h = 0; h < c.nHeads; ++h) {
            const auto& v = capture.values(mixNode(plan, l, h));
            heads.insert(heads.end(), v.begin(), v.end());
        }
        out.heads.push_back(std::move(heads));
    }
    return out;
}

PatchingResult runActivationPatching(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> clean,
    std::span<const std::int32_t> corrupted, const PatchingOptions& options)
{
    const auto& c = model.config();
    if (clean.size() != corrupted.size())
        throw Error("activation patching", "prompts",
            "the clean and corrupted prompts must have the same number of tokens (" + std::to_string(clean.size())
                + " vs " + std::to_string(corrupted.size()) + ")");
    if (options.target < 0 || options.target >= c.vocab)
        throw Error("activation patching", "target",
            "token id " + std::to_string(options.target) + " is outside the vocabulary");
    if (options.minus < -1 || options.minus >= c.vocab)
        throw Error(
            "activation patching", "minus", "token id " + std::to_string(options.minus) + " is outside the vocabulary");
    auto metric = [&](const std::vector<float>& logits) {
        return double(logits[std::size_t(options.target)])
            - (options.minus >= 0 ? double(logits[std::size_t(options.minus)]) : 0.0);
    };

    PatchingResult r;
    r.layers = c.nLayers;
    r.positions = int(clean.size());
    r.heads = c.nHeads;
    const CleanActivations act = recordCleanActivations(model, plan, clean);
    r.cleanMetric = metric(act.logits);
    r.corruptedMetric = metric(promptLogits(model, plan, corrupted));
    const double span = r.cleanMetric - r.corruptedMetric;
    if (span == 0)
        throw Error("activation patching", "prompts",
            "the clean and corrupted runs give the same logit difference; there is nothing to restore");

    const int T = r.positions, dim = c.dim, hd = c.headDim;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (options.residual)
        r.residual.assign(std::size_t(r.layers) * std::size_t(T), nan);
    if (options.heads)
        r.head.assign(std::size_t(r.layers) * std::size_t(r.heads), nan);
    const int total = int(r.residual.size() + r.head.size());
    int done = 0;
    auto pass = [&](const InterventionList& list) -> std::optional<double> {
        if (options.cancel && options.cancel->load()) {
            r.cancelled = true;
            return std::nullopt;
        }
        const double restored = (metric(promptLogits(model, plan, corrupted, list)) - r.corruptedMetric) / span;
        ++done;
        if (options.progress)
            options.progress(done, total);
        return restored;
    };
    for (int l = 0; l < r.layers && options.residual; ++l)
        for (int p = 0; p < T; ++p) {
            const float* row = act.residualPre[std::size_t(l)].data() + std::size_t(p) * std::size_t(dim);
            const auto v = pass({ Intervention::patchResidual(l, p, std::vector<float>(row, row + dim)) });
            if (!v)
                return r;
            r.residual[std::size_t(l) * std::size_t(T) + std::size_t(p)] = *v;
        }
    for (int l = 0; l < r.layers && options.heads; ++l)
        for (int h = 0; h < r.heads; ++h) {
            InterventionList list; // the head's output at every position
            for (int p = 0; p < T; ++p) {
                const float* row = act.heads[std::size_t(l)].data()
                    + (std::size_t(h) * std::size_t(T) + std::size_t(p)) * std::size_t(hd);
                list.push_back(Intervention::patchHead(l, h, p, std::vector<float>(row, row + hd)));
            }
            const auto v = pass(list);
            if (!v)
                return r;
            r.head[std::size_t(l) * std::size_t(r.heads) + std::size_t(h)] = *v;
        }
    return r;
}

} // namespace core

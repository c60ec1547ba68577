#include "core/analysis/logit_attribution.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/model/model.h"

#include <cmath>

namespace core {

namespace {

    int findNode(const ExecutionPlan& plan, int layer, int head, NodePart part)
    {
        for (std::size_t n = 0; n < plan.size(); ++n)
            if (plan[n].layer == layer && plan[n].head == head && plan[n].part == part)
                return int(n);
        return -1;
    }

    // Row `row` of a LinearWeight's matrix as nn.Linear stores it (out, in): element (row, col).
    float weightAt(const LinearWeight& w, int row, int col)
    {
        return w.storedInOut ? w.data[std::int64_t(col) * w.ld + row] : w.data[std::int64_t(row) * w.ld + col];
    }

} // namespace

LogitAttribution attributeLogit(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    std::int32_t target, std::int32_t minus, const InterventionList& interventions)
{
    const auto& c = model.config();
    const auto& w = model.weights();
    if (c.placement == NormPlacement::Post)
        throw Error(model.folder(), "norm placement",
            "direct logit attribution needs a pre-norm model: in this post-norm model every sub-layer's output passes "
            "through a later LayerNorm before it reaches the LM head, so the parts are not terms of the final "
            "residual stream and would not add up to the logit");
    if (target < 0 || target >= c.vocab)
        throw Error("attribution", "target", "token id " + std::to_string(target) + " is outside the vocabulary");
    if (minus >= c.vocab || minus < -1)
        throw Error("attribution", "minus", "token id " + std::to_string(minus) + " is outside the vocabulary");

    // What each part wrote at the last position: the embedding site, every head's output (before o_proj), every
    // MLP's down projection, and the residual stream entering the final norm.
    const int embedNode = plan.firstNodeOfLayer(0) - 1;
    int finalNode = -1;
    for (std::size_t n = 0; n < plan.size(); ++n)
        if (plan[n].endsBlock)
            finalNode = int(n);
    std::vector<int> nodes { embedNode, finalNode };
    for (int l = 0; l < c.nLayers; ++l) {
        for (int h = 0; h < c.nHeads; ++h)
            nodes.push_back(findNode(plan, l, h, NodePart::Mix));
        nodes.push_back(findNode(plan, l, -1, NodePart::DownProj));
    }
    NodeCapture capture(nodes);
    const std::vector<float> logits = promptLogits(model, plan, tokens, interventions, &capture);
    const int T = int(tokens.size()), last = T - 1, dim = c.dim, hd = c.headDim;
    auto lastRow = [&](int node) {
        const auto& v = capture.values(node);
        const int cols = capture.cols(node);
        return Eigen::Map<const Eigen::VectorXf>(v.data() + std::size_t(last) * std::size_t(cols), cols);
    };

    // The frozen final norm: normed(x) = scale * g * (x - mean(x) for LayerNorm, x for RMSNorm) + b, linear in x.
    const PlanNode* finalNorm = nullptr;
    for (const auto& n : plan.nodes())
        if (n.part == NodePart::FinalNorm)
            finalNorm = &n;
    const Eigen::VectorXd xFinal = lastRow(finalNode).cast<double>();
    const bool centre = finalNorm && finalNorm->kind == OpKind::LayerNorm;
    double scale = 1;
    Eigen::VectorXd gain = Eigen::VectorXd::Ones(dim), normBias = Eigen::VectorXd::Zero(dim);
    if (finalNorm) {
        const NormWeight& nw = *normWeight(w, finalNorm->weight, finalNorm->layer);
        gain = Eigen::Map<const Eigen::VectorXf>(nw.weight, dim).cast<double>();
        if (nw.bias)
            normBias = Eigen::Map<const Eigen::VectorXf>(nw.bias, dim).cast<double>();
        const double ms = centre ? (xFinal.array() - xFinal.mean()).square().mean() : xFinal.array().square().mean();
        scale = 1.0 / std::sqrt(ms + c.normEps);
    }
    // The direction read by the LM head: row(target) - row(minus), and its bias difference.
    const int headIndex = findNode(plan, -1, -1, NodePart::LmHead);
    const PlanNode& headNode = plan[std::size_t(headIndex)];
    const LinearWeight& lm = *linearWeight(w, headNode.weight, headNode.layer);
    Eigen::VectorXd direction(dim);
    for (int j = 0; j < dim; ++j)
        direction[j] = double(weightAt(lm, target, j)) - (minus >= 0 ? double(weightAt(lm, minus, j)) : 0.0);
    const double lmBias = lm.bias ? double(lm.bias[target]) - (minus >= 0 ? double(lm.bias[minus]) : 0.0) : 0.0;
    // the contribution of a vector written into the final residual stream
    const Eigen::VectorXd readDirection = scale * gain.cwiseProduct(direction);
    auto read = [&](const Eigen::VectorXd& v) {
        return centre ? (v.array() - v.mean()).matrix().dot(readDirection) : v.dot(readDirection);
    };

    LogitAttribution out;
    out.target = target;
    out.minus = minus;
    out.position = last;
    out.finalScale = scale;
    out.logit = double(logits[std::size_t(target)]) - (minus >= 0 ? double(logits[std::size_t(minus)]) : 0.0);
    auto add = [&](AttributionPartKind kind, int layer, int head, std::string name, int node, double value) {
        out.parts.push_back({ kind, layer, head, std::move(name), node, value });
        out.sum += value;
    };
    add(AttributionPartKind::Embedding, -1, -1, "embed", embedNode, read(lastRow(embedNode).cast<double>()));
    for (int l = 0; l < c.nLayers; ++l) {
        const std::string blk = "blk." + std::to_string(l);
        const LinearWeight& o = w.layers[std::size_t(l)].o;
        for (int h = 0; h < c.nHeads; ++h) {
            // the head's output through its own columns of o_proj
            const int node = findNode(plan, l, h, NodePart::Mix);
            const auto z = lastRow(node); // headDim: the head's slice rows are (T, headDim)
            Eigen::VectorXd written = Eigen::VectorXd::Zero(dim);
            for (int j = 0; j < dim; ++j)
                for (int k = 0; k < hd; ++k)
                    written[j] += double(weightAt(o, j, h * hd + k)) * double(z[k]);
            add(AttributionPartKind::Head, l, h, blk + ".head." + std::to_string(h), node, read(written));
        }
        if (o.bias)
            add(AttributionPartKind::AttentionBias, l, -1, blk + ".attn_bias", findNode(plan, l, -1, NodePart::AttnOut),
                read(Eigen::Map<const Eigen::VectorXf>(o.bias, dim).cast<double>()));
        const int down = findNode(plan, l, -1, NodePart::DownProj);
        add(AttributionPartKind::Mlp, l, -1, blk + ".mlp", down, read(lastRow(down).cast<double>()));
    }
    const bool hasNormBias = finalNorm && normWeight(w, finalNorm->weight, finalNorm->layer)->bias;
    if (hasNormBias || lm.bias)
        add(AttributionPartKind::OutputBias, -1, -1, "output_bias", headIndex, normBias.dot(direction) + lmBias);
    return out;
}

} // namespace core

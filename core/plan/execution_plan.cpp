#include "core/plan/execution_plan.h"

#include "core/common/error.h"
#include "core/model/model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace core {

namespace {

    std::string extentText(Extent e, int fixed)
    {
        switch (e) {
        case Extent::Fixed:
            return std::to_string(fixed);
        case Extent::Positions:
            return "T";
        case Extent::Context:
            return "ctx";
        case Extent::LogitRows:
            return "R";
        }
        return "?";
    }

    // Builds the node list; one method per part of the model so the plan reads like the forward pass.
    class PlanBuilder {
    public:
        explicit PlanBuilder(const ModelConfig& c)
            : c(c)
        {
        }

        std::vector<PlanNode> build()
        {
            add(OpKind::Embed, NodePart::TokenEmbedding, { BufferId::Tokens }, BufferId::X, c.dim).weight
                = WeightRole::TokenEmbedding;
            if (c.embedScaled)
                add(OpKind::Scale, NodePart::EmbedScale, { BufferId::X }, BufferId::X, c.dim).variant.scale
                    = float(std::sqrt(double(c.dim)));
            if (c.positional != Positional::Rope) {
                auto& pos = add(OpKind::AddPositional, NodePart::Positions, { BufferId::X }, BufferId::X, c.dim);
                pos.positional = c.positional;
                if (c.positional == Positional::Learned)
                    pos.weight = WeightRole::PositionEmbedding;
            }
            for (int l = 0; l < c.nLayers; ++l)
                block(l);
            if (c.finalNorm)
                norm(NodePart::FinalNorm, WeightRole::FinalNorm, BufferId::X, BufferId::XNorm);
            const BufferId last = c.finalNorm ? BufferId::XNorm : BufferId::X;
            auto& head = add(OpKind::LmHead, NodePart::LmHead, { last }, BufferId::Logits, c.vocab);
            head.weight = WeightRole::LmHead;
            head.shape.rows = Extent::LogitRows;
            if (c.finalSoftcap > 0) {
                auto& cap
                    = add(OpKind::SoftCap, NodePart::LogitSoftcap, { BufferId::Logits }, BufferId::Logits, c.vocab);
                cap.variant.cap = float(c.finalSoftcap);
                cap.shape.rows = Extent::LogitRows;
            }
            auto& sm
                = add(OpKind::OutputSoftmax, NodePart::OutputSoftmax, { BufferId::Logits }, BufferId::Probs, c.vocab);
            sm.shape.rows = Extent::LogitRows;
            for (auto& n : m_nodes) {
                n.name = nodeName(n);
                n.label = nodeLabel(n);
            }
            return std::move(m_nodes);
        }

    private:
        static std::string nodeName(const PlanNode& n)
        {
            std::string s;
            if (n.layer >= 0)
                s += "blk." + std::to_string(n.layer) + ".";
            if (n.head >= 0)
                s += "head." + std::to_string(n.head) + ".";
            return s + nodePartName(n.part);
        }

        PlanNode& add(OpKind kind, NodePart part, std::vector<BufferId> in, BufferId out, int cols)
        {
            PlanNode n;
            n.kind = kind;
            n.part = part;
            n.sublayer = m_sublayer;
            n.layer = m_layer;
            n.head = m_head;
            n.inputs = std::move(in);
            n.output = out;
            n.shape.fixedCols = cols;
            n.norm = c.norm;
            n.activation = c.activation;
            n.positional = c.positional;
            m_nodes.push_back(std::move(n));
            return m_nodes.back();
        }

        void norm(NodePart part, WeightRole role, BufferId in, BufferId out)
        {
            auto& n
                = add(c.norm == NormKind::LayerNorm ? OpKind::LayerNorm : OpKind::RmsNorm, part, { in }, out, c.dim);
            n.weight = role;
            n.variant.unitOffset = c.normUnitOffset;
        }

        void linear(NodePart part, WeightRole role, BufferId in, BufferId out, int cols, bool fused = false)
        {
            auto& n = add(OpKind::Linear, part, { in }, out, cols);
            n.weight = role;
            n.variant.fusedWeight = fused;
        }

        void rope(NodePart part, BufferId buffer, int cols)
        {
            auto& n = add(OpKind::Rope, part, { buffer }, buffer, cols);
            n.variant.rotaryDims = c.rotaryDim() < c.headDim ? c.rotaryDim() : 0;
            n.variant.localRope = c.ropeThetaLocal > 0 && c.slidingLayer(m_layer);
        }

        void headNorm(NodePart part, WeightRole role, BufferId buffer, int cols)
        {
            auto& n = add(OpKind::HeadNorm, part, { buffer }, buffer, cols);
            n.weight = role;
            n.norm = NormKind::RmsNorm;
            n.variant.unitOffset = c.normUnitOffset;
        }

        // The MLP from its (normed) input to its output in Proj.
        void mlp(BufferId in)
        {
            const bool gated = c.gated();
            const bool fusedGateUp = c.arch == Arch::Phi3;
            if (gated)
                linear(NodePart::GateProj, WeightRole::Gate, in, BufferId::Gate, c.hidden, fusedGateUp);
            linear(NodePart::UpProj, WeightRole::Up, in, BufferId::Up, c.hidden, fusedGateUp);
            add(OpKind::Activation, NodePart::Activation,
                gated ? std::vector { BufferId::Gate, BufferId::Up } : std::vector { BufferId::Up }, BufferId::Up,
                c.hidden);
            linear(NodePart::DownProj, WeightRole::Down, BufferId::Up, BufferId::Proj, c.dim);
            if (c.postNorms)
                norm(NodePart::MlpPostNorm, WeightRole::MlpPostNorm, BufferId::Proj, BufferId::Proj);
        }

        void block(int l)
        {
            m_layer = l;
            const bool pre = c.placement == NormPlacement::Pre;
            // Attention sub-layer
            m_sublayer = Sublayer::Attention;
            BufferId attnIn = BufferId::X;
            if (pre) {
                norm(NodePart::AttnNorm, WeightRole::AttnNorm, BufferId::X, BufferId::XNorm);
                attnIn = BufferId::XNorm;
            }
            const bool fusedQkv = c.arch == Arch::Gpt2 || c.arch == Arch::Phi3 || c.arch == Arch::GptNeoX;
            linear(NodePart::QProj, WeightRole::Q, attnIn, BufferId::Q, c.qDim(), fusedQkv);
            linear(NodePart::KProj, WeightRole::K, attnIn, BufferId::K, c.kvDim(), fusedQkv);
            linear(NodePart::VProj, WeightRole::V, attnIn, BufferId::V, c.kvDim(), fusedQkv);
            if (c.qkNorm) {
                headNorm(NodePart::QNorm, WeightRole::QNorm, BufferId::Q, c.qDim());
                headNorm(NodePart::KNorm, WeightRole::KNorm, BufferId::K, c.kvDim());
            }
            if (c.ropeLayer(l)) {
                rope(NodePart::RopeQ, BufferId::Q, c.qDim());
                rope(NodePart::RopeK, BufferId::K, c.kvDim());
            }
            add(OpKind::KvStore, NodePart::KvStore, { BufferId::K, BufferId::V }, BufferId::KCache, c.kvDim())
                .shape.rows
                = Extent::Context;
            const bool sliding = c.slidingLayer(l);
            for (int h = 0; h < c.nHeads; ++h) {
                m_head = h;
                add(OpKind::AttnScores, NodePart::Scores, { BufferId::Q, BufferId::KCache }, BufferId::Scores, 0)
                    .shape.cols
                    = Extent::Context;
                if (c.attnSoftcap > 0) {
                    auto& cap
                        = add(OpKind::SoftCap, NodePart::ScoresSoftcap, { BufferId::Scores }, BufferId::Scores, 0);
                    cap.variant.cap = float(c.attnSoftcap);
                    cap.shape.cols = Extent::Context;
                }
                if (sliding) {
                    auto& mask = add(
                        OpKind::SlidingWindowMask, NodePart::SlidingMask, { BufferId::Scores }, BufferId::Scores, 0);
                    mask.variant.window = c.slidingWindow;
                    mask.shape.cols = Extent::Context;
                } else {
                    add(OpKind::CausalMask, NodePart::Mask, { BufferId::Scores }, BufferId::Scores, 0).shape.cols
                        = Extent::Context;
                }
                add(OpKind::Softmax, NodePart::Softmax, { BufferId::Scores }, BufferId::Scores, 0).shape.cols
                    = Extent::Context;
                add(OpKind::AttnMix, NodePart::Mix, { BufferId::Scores, BufferId::VCache }, BufferId::HeadOut,
                    c.headDim);
            }
            m_head = -1;
            add(OpKind::ConcatHeads, NodePart::ConcatHeads, { BufferId::HeadOut }, BufferId::Attn, c.qDim());
            linear(NodePart::AttnOut, WeightRole::O, BufferId::Attn, BufferId::Proj, c.dim);
            if (c.postNorms)
                norm(NodePart::AttnPostNorm, WeightRole::AttnPostNorm, BufferId::Proj, BufferId::Proj);
            if (c.parallelResidual) {
                // GPT-NeoX: the MLP reads the same block input as attention, x + attn(norm1(x)) + mlp(norm2(x)). Its
                // norm runs before the attention output joins the stream, so it still sees x.
                m_sublayer = Sublayer::Mlp;
                norm(NodePart::MlpNorm, WeightRole::MlpNorm, BufferId::X, BufferId::XNorm);
                m_sublayer = Sublayer::Attention;
                add(OpKind::ResidualAdd, NodePart::AttnResidual, { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
                m_sublayer = Sublayer::Mlp;
                mlp(BufferId::XNorm);
                add(OpKind::ResidualAdd, NodePart::MlpResidual, { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
                finishBlock();
                return;
            }
            add(OpKind::ResidualAdd, NodePart::AttnResidual, { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
            if (!pre)
                norm(NodePart::AttnNorm, WeightRole::AttnNorm, BufferId::X, BufferId::X);

            // MLP sub-layer
            m_sublayer = Sublayer::Mlp;
            BufferId mlpIn = BufferId::X;
            if (pre) {
                norm(NodePart::MlpNorm, WeightRole::MlpNorm, BufferId::X, BufferId::XNorm);
                mlpIn = BufferId::XNorm;
            }
            mlp(mlpIn);
            add(OpKind::ResidualAdd, NodePart::MlpResidual, { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
            if (!pre)
                norm(NodePart::MlpNorm, WeightRole::MlpNorm, BufferId::X, BufferId::X);
            finishBlock();
        }

        void finishBlock()
        {
            m_nodes.back().endsBlock = true;
            m_layer = -1;
            m_sublayer = Sublayer::None;
        }

        const ModelConfig& c;
        std::vector<PlanNode> m_nodes;
        int m_layer = -1;
        int m_head = -1;
        Sublayer m_sublayer = Sublayer::None;
    };

} // namespace

std::string ShapeSpec::text() const { return "(" + extentText(rows, 0) + ", " + extentText(cols, fixedCols) + ")"; }

std::string nodeVariantWords(const PlanNode& n)
{
    const std::string normWord = std::string(n.norm == NormKind::LayerNorm ? "LayerNorm" : "RMSNorm")
        + (n.variant.unitOffset ? " (1 + w)" : "");
    switch (n.part) {
    case NodePart::AttnNorm:
    case NodePart::MlpNorm:
    case NodePart::AttnPostNorm:
    case NodePart::MlpPostNorm:
        return normWord;
    case NodePart::Activation:
        if (n.activation == Activation::SwiGlu)
            return "SwiGLU: silu(gate) * up";
        if (n.activation == Activation::GeGluTanh)
            return "GeGLU: gelu_tanh(gate) * up";
        return activationName(n.activation);
    case NodePart::QProj:
    case NodePart::KProj:
    case NodePart::VProj:
    case NodePart::GateProj:
    case NodePart::UpProj:
        return n.variant.fusedWeight ? "a slice of the fused matrix" : "";
    case NodePart::RopeQ:
    case NodePart::RopeK: {
        std::string s = n.variant.localRope ? "local base" : "";
        if (n.variant.rotaryDims > 0) // partial rotary
            s += (s.empty() ? "" : ", ") + std::string("first ") + std::to_string(n.variant.rotaryDims)
                + " dims of each head";
        return s;
    }
    case NodePart::SlidingMask:
        return "window " + std::to_string(n.variant.window);
    case NodePart::ScoresSoftcap:
    case NodePart::LogitSoftcap: {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%g · tanh(x / %g)", double(n.variant.cap), double(n.variant.cap));
        return buf;
    }
    case NodePart::EmbedScale: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "× %.4g", double(n.variant.scale));
        return buf;
    }
    case NodePart::Positions:
        return n.positional == Positional::Learned ? "learned positions" : "sin/cos positional encoding";
    default:
        return {};
    }
}

std::string nodeLabel(const PlanNode& n)
{
    std::string s;
    if (n.layer >= 0)
        s += "layer " + std::to_string(n.layer) + " · ";
    if (n.head >= 0)
        s += "head " + std::to_string(n.head) + " · ";
    switch (n.part) {
    case NodePart::AttnNorm:
        return s + "attention " + nodeVariantWords(n);
    case NodePart::MlpNorm:
        return s + "MLP " + nodeVariantWords(n);
    case NodePart::Activation:
    case NodePart::Positions:
        return s + nodeVariantWords(n);
    default: {
        const std::string variant = nodeVariantWords(n);
        return s + nodePartWords(n.part) + (variant.empty() ? "" : " (" + variant + ")");
    }
    }
}

ExecutionPlan ExecutionPlan::compile(const Model& model)
{
    ExecutionPlan p = compile(model.config());
    const ModelWeights& w = model.weights();
    for (const PlanNode& n : p.m_nodes) {
        bool bound = true;
        switch (n.kind) {
        case OpKind::Embed:
            bound = w.tokenEmbedding.valid();
            break;
        case OpKind::AddPositional:
            bound = w.positionTable != nullptr;
            break;
        case OpKind::Rope:
            bound = !w.ropeCos.empty() && (!n.variant.localRope || !w.ropeCosLocal.empty());
            break;
        case OpKind::LayerNorm:
        case OpKind::RmsNorm:
        case OpKind::HeadNorm:
            bound = normWeight(w, n.weight, n.layer) != nullptr;
            break;
        case OpKind::Linear:
        case OpKind::LmHead:
            bound = linearWeight(w, n.weight, n.layer) != nullptr;
            break;
        default:
            break;
        }
        if (!bound)
            throw Error(model.folder(), n.name,
                std::string("the plan's node needs the weight ") + weightRoleName(n.weight)
                    + ", which the model does not have");
    }
    return p;
}

ExecutionPlan ExecutionPlan::compile(const ModelConfig& config)
{
    ExecutionPlan p;
    p.m_config = config;
    p.m_nodes = PlanBuilder(config).build();
    return p;
}

int ExecutionPlan::firstNodeOfLayer(int layer) const
{
    int afterBlocks = 0;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].layer == layer)
            return int(i);
        if (m_nodes[i].layer >= 0)
            afterBlocks = int(i) + 1;
    }
    return afterBlocks;
}

bool ExecutionPlan::contains(OpKind kind) const
{
    return std::any_of(m_nodes.begin(), m_nodes.end(), [kind](const PlanNode& n) { return n.kind == kind; });
}

int ExecutionPlan::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].name == name)
            return int(i);
    return -1;
}

std::string ExecutionPlan::toText() const
{
    std::string s;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const auto& n = m_nodes[i];
        s += std::to_string(i) + "\t" + opKindName(n.kind) + "\t" + n.name + "\t" + n.shape.text() + "\t" + n.label
            + "\n";
    }
    return s;
}

nlohmann::json ExecutionPlan::toJson() const
{
    nlohmann::json nodes = nlohmann::json::array();
    for (const auto& n : m_nodes) {
        nlohmann::json inputs = nlohmann::json::array();
        for (auto b : n.inputs)
            inputs.push_back(bufferName(b));
        nodes.push_back({ { "kind", opKindName(n.kind) }, { "name", n.name }, { "label", n.label },
            { "layer", n.layer }, { "head", n.head }, { "inputs", inputs }, { "output", bufferName(n.output) },
            { "shape", n.shape.text() }, { "ends_block", n.endsBlock } });
    }
    return { { "architecture", archName(m_config.arch) }, { "nodes", nodes } };
}

} // namespace core

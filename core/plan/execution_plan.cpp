#include "core/plan/execution_plan.h"

#include "core/common/error.h"
#include "core/model/model.h"

#include <nlohmann/json.hpp>

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
            add(c.norm == NormKind::LayerNorm ? OpKind::LayerNorm : OpKind::RmsNorm, part, { in }, out, c.dim).weight
                = role;
        }

        void linear(NodePart part, WeightRole role, BufferId in, BufferId out, int cols)
        {
            add(OpKind::Linear, part, { in }, out, cols).weight = role;
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
            linear(NodePart::QProj, WeightRole::Q, attnIn, BufferId::Q, c.qDim());
            linear(NodePart::KProj, WeightRole::K, attnIn, BufferId::K, c.kvDim());
            linear(NodePart::VProj, WeightRole::V, attnIn, BufferId::V, c.kvDim());
            if (c.positional == Positional::Rope) {
                add(OpKind::Rope, NodePart::RopeQ, { BufferId::Q }, BufferId::Q, c.qDim());
                add(OpKind::Rope, NodePart::RopeK, { BufferId::K }, BufferId::K, c.kvDim());
            }
            add(OpKind::KvStore, NodePart::KvStore, { BufferId::K, BufferId::V }, BufferId::KCache, c.kvDim())
                .shape.rows
                = Extent::Context;
            for (int h = 0; h < c.nHeads; ++h) {
                m_head = h;
                add(OpKind::AttnScores, NodePart::Scores, { BufferId::Q, BufferId::KCache }, BufferId::Scores, 0)
                    .shape.cols
                    = Extent::Context;
                add(OpKind::CausalMask, NodePart::Mask, { BufferId::Scores }, BufferId::Scores, 0).shape.cols
                    = Extent::Context;
                add(OpKind::Softmax, NodePart::Softmax, { BufferId::Scores }, BufferId::Scores, 0).shape.cols
                    = Extent::Context;
                add(OpKind::AttnMix, NodePart::Mix, { BufferId::Scores, BufferId::VCache }, BufferId::HeadOut,
                    c.headDim);
            }
            m_head = -1;
            add(OpKind::ConcatHeads, NodePart::ConcatHeads, { BufferId::HeadOut }, BufferId::Attn, c.qDim());
            linear(NodePart::AttnOut, WeightRole::O, BufferId::Attn, BufferId::Proj, c.dim);
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
            const bool gated = c.activation == Activation::SwiGlu;
            if (gated)
                linear(NodePart::GateProj, WeightRole::Gate, mlpIn, BufferId::Gate, c.hidden);
            linear(NodePart::UpProj, WeightRole::Up, mlpIn, BufferId::Up, c.hidden);
            add(OpKind::Activation, NodePart::Activation,
                gated ? std::vector { BufferId::Gate, BufferId::Up } : std::vector { BufferId::Up }, BufferId::Up,
                c.hidden);
            linear(NodePart::DownProj, WeightRole::Down, BufferId::Up, BufferId::Proj, c.dim);
            add(OpKind::ResidualAdd, NodePart::MlpResidual, { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
            if (!pre)
                norm(NodePart::MlpNorm, WeightRole::MlpNorm, BufferId::X, BufferId::X);
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
    const char* normWord = n.norm == NormKind::LayerNorm ? "LayerNorm" : "RMSNorm";
    switch (n.part) {
    case NodePart::AttnNorm:
    case NodePart::MlpNorm:
        return normWord;
    case NodePart::Activation:
        return n.activation == Activation::SwiGlu ? "SwiGLU: silu(gate) * up" : activationName(n.activation);
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
    default:
        return s + nodePartWords(n.part);
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
            bound = !w.ropeCos.empty();
            break;
        case OpKind::LayerNorm:
        case OpKind::RmsNorm:
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

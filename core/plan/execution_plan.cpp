#include "core/plan/execution_plan.h"

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
            add(OpKind::Embed, "token_embd", "token embedding", { BufferId::Tokens }, BufferId::X, c.dim);
            if (c.positional != Positional::Rope)
                add(OpKind::AddPositional, "pos_embd",
                    c.positional == Positional::Learned ? "learned positions" : "sin/cos positional encoding",
                    { BufferId::X }, BufferId::X, c.dim);
            for (int l = 0; l < c.nLayers; ++l)
                block(l);
            if (c.finalNorm)
                norm("output_norm", "final norm", WeightRole::FinalNorm, BufferId::X, BufferId::XNorm);
            const BufferId last = c.finalNorm ? BufferId::XNorm : BufferId::X;
            auto& head = add(OpKind::LmHead, "output", "LM head (logits)", { last }, BufferId::Logits, c.vocab);
            head.weight = WeightRole::LmHead;
            head.shape.rows = Extent::LogitRows;
            auto& sm = add(OpKind::OutputSoftmax, "output_softmax", "softmax over the vocabulary", { BufferId::Logits },
                BufferId::Probs, c.vocab);
            sm.shape.rows = Extent::LogitRows;
            return std::move(m_nodes);
        }

    private:
        PlanNode& add(
            OpKind kind, std::string name, std::string label, std::vector<BufferId> in, BufferId out, int cols)
        {
            PlanNode n;
            n.kind = kind;
            n.name = std::move(name);
            n.label = std::move(label);
            n.layer = m_layer;
            n.inputs = std::move(in);
            n.output = out;
            n.shape.fixedCols = cols;
            m_nodes.push_back(std::move(n));
            return m_nodes.back();
        }

        std::string blk(const std::string& what) const { return "blk." + std::to_string(m_layer) + "." + what; }
        std::string layerLabel(const std::string& what) const
        {
            return "layer " + std::to_string(m_layer) + " · " + what;
        }

        void norm(const std::string& name, const std::string& label, WeightRole role, BufferId in, BufferId out)
        {
            auto& n = add(
                c.norm == NormKind::LayerNorm ? OpKind::LayerNorm : OpKind::RmsNorm, name, label, { in }, out, c.dim);
            n.weight = role;
        }

        void linear(
            const std::string& what, const std::string& label, WeightRole role, BufferId in, BufferId out, int cols)
        {
            auto& n = add(OpKind::Linear, blk(what), layerLabel(label), { in }, out, cols);
            n.weight = role;
        }

        void block(int l)
        {
            m_layer = l;
            const bool pre = c.placement == NormPlacement::Pre;
            const std::string normWord = c.norm == NormKind::LayerNorm ? "LayerNorm" : "RMSNorm";
            // Attention sublayer
            BufferId attnIn = BufferId::X;
            if (pre) {
                norm(blk("attn_norm"), layerLabel("attention " + normWord), WeightRole::AttnNorm, BufferId::X,
                    BufferId::XNorm);
                attnIn = BufferId::XNorm;
            }
            linear("attn_q", "q projection", WeightRole::Q, attnIn, BufferId::Q, c.qDim());
            linear("attn_k", "k projection", WeightRole::K, attnIn, BufferId::K, c.kvDim());
            linear("attn_v", "v projection", WeightRole::V, attnIn, BufferId::V, c.kvDim());
            if (c.positional == Positional::Rope) {
                add(OpKind::Rope, blk("rope_q"), layerLabel("RoPE on q"), { BufferId::Q }, BufferId::Q, c.qDim());
                add(OpKind::Rope, blk("rope_k"), layerLabel("RoPE on k"), { BufferId::K }, BufferId::K, c.kvDim());
            }
            auto& kv = add(OpKind::KvStore, blk("kv_store"), layerLabel("append k, v to the KV cache"),
                { BufferId::K, BufferId::V }, BufferId::KCache, c.kvDim());
            kv.shape.rows = Extent::Context;
            for (int h = 0; h < c.nHeads; ++h) {
                const std::string hn = "head." + std::to_string(h) + ".";
                const std::string hl = "head " + std::to_string(h) + " · ";
                auto perHead = [&](OpKind k, const std::string& what, const std::string& label,
                                   std::vector<BufferId> in, BufferId out, Extent cols, int fixed) {
                    auto& n = add(k, blk(hn + what), layerLabel(hl + label), std::move(in), out, fixed);
                    n.head = h;
                    n.shape.cols = cols;
                };
                perHead(OpKind::AttnScores, "scores", "attention scores", { BufferId::Q, BufferId::KCache },
                    BufferId::Scores, Extent::Context, 0);
                perHead(OpKind::CausalMask, "mask", "causal mask", { BufferId::Scores }, BufferId::Scores,
                    Extent::Context, 0);
                perHead(OpKind::Softmax, "softmax", "attention probabilities", { BufferId::Scores }, BufferId::Scores,
                    Extent::Context, 0);
                perHead(OpKind::AttnMix, "mix", "weighted sum of values", { BufferId::Scores, BufferId::VCache },
                    BufferId::HeadOut, Extent::Fixed, c.headDim);
            }
            add(OpKind::ConcatHeads, blk("concat_heads"), layerLabel("concatenate heads"), { BufferId::HeadOut },
                BufferId::Attn, c.qDim());
            linear("attn_out", "attention output projection", WeightRole::O, BufferId::Attn, BufferId::Proj, c.dim);
            add(OpKind::ResidualAdd, blk("attn_residual"), layerLabel("residual add (attention)"),
                { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
            if (!pre)
                norm(blk("attn_norm"), layerLabel("attention " + normWord), WeightRole::AttnNorm, BufferId::X,
                    BufferId::X);

            // MLP sublayer
            BufferId mlpIn = BufferId::X;
            if (pre) {
                norm(blk("ffn_norm"), layerLabel("MLP " + normWord), WeightRole::MlpNorm, BufferId::X, BufferId::XNorm);
                mlpIn = BufferId::XNorm;
            }
            if (c.activation == Activation::SwiGlu)
                linear("ffn_gate", "MLP gate projection", WeightRole::Gate, mlpIn, BufferId::Gate, c.hidden);
            linear("ffn_up", "MLP up projection", WeightRole::Up, mlpIn, BufferId::Up, c.hidden);
            const std::string actLabel = c.activation == Activation::SwiGlu ? "SwiGLU: silu(gate) * up"
                                                                            : std::string(activationName(c.activation));
            add(OpKind::Activation, blk("ffn_act"), layerLabel(actLabel),
                c.activation == Activation::SwiGlu ? std::vector { BufferId::Gate, BufferId::Up }
                                                   : std::vector { BufferId::Up },
                BufferId::Up, c.hidden);
            linear("ffn_down", "MLP down projection", WeightRole::Down, BufferId::Up, BufferId::Proj, c.dim);
            add(OpKind::ResidualAdd, blk("ffn_residual"), layerLabel("residual add (MLP)"),
                { BufferId::X, BufferId::Proj }, BufferId::X, c.dim);
            if (!pre)
                norm(blk("ffn_norm"), layerLabel("MLP " + normWord), WeightRole::MlpNorm, BufferId::X, BufferId::X);
            m_nodes.back().endsBlock = true;
            m_layer = -1;
        }

        const ModelConfig& c;
        std::vector<PlanNode> m_nodes;
        int m_layer = -1;
    };

} // namespace

std::string ShapeSpec::text() const { return "(" + extentText(rows, 0) + ", " + extentText(cols, fixedCols) + ")"; }

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

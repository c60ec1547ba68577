#pragma once
// The execution plan: a model compiled from its config into an ordered list of op nodes. The executor runs it,
// the UI draws the architecture diagram from it, and the trace names every event after the node that made it.
#include "core/model/model_config.h"
#include "core/plan/op_kind.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace core {

// A dimension of a node's output, known only when a pass begins.
enum class Extent { Fixed, Positions, Context, LogitRows };

struct ShapeSpec {
    Extent rows = Extent::Positions;
    Extent cols = Extent::Fixed;
    int fixedCols = 0;
    std::string text() const; // "(T, 288)", "(T, ctx)"
};

struct PlanNode {
    OpKind kind = OpKind::Embed;
    std::string name; // llama.cpp-style id: "blk.3.attn_q", "blk.0.head.2.scores", "output"
    std::string label; // for people: "layer 3 · q projection"
    int layer = -1; // -1 outside the blocks
    int head = -1; // query head for per-head nodes, else -1
    WeightRole weight = WeightRole::None;
    std::vector<BufferId> inputs;
    BufferId output = BufferId::X;
    ShapeSpec shape;
    bool endsBlock = false; // the residual stream after this node is the block's output
};

class ExecutionPlan {
public:
    static ExecutionPlan compile(const ModelConfig& config);

    const std::vector<PlanNode>& nodes() const { return m_nodes; }
    std::size_t size() const { return m_nodes.size(); }
    const PlanNode& operator[](std::size_t i) const { return m_nodes[i]; }
    const ModelConfig& config() const { return m_config; }

    // Index of the first node of `layer` (or of the first node after the blocks for layer == nLayers).
    int firstNodeOfLayer(int layer) const;
    int indexOf(const std::string& name) const; // -1 if absent

    std::string toText() const; // one node a line
    nlohmann::json toJson() const;

private:
    ModelConfig m_config;
    std::vector<PlanNode> m_nodes;
};

} // namespace core

#pragma once
// The execution plan: a model compiled from its config into an ordered list of op nodes. The executor runs it,
// the UI draws the architecture diagram from it, and the trace names every event after the node that made it.
// A node carries everything about itself as data (kind, part, sub-layer, variant, buffers, weight): its name and
// its label are made from those fields, and nobody reads them back.
#include "core/model/model_config.h"
#include "core/plan/op_kind.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace core {

class Model;

// A dimension of a node's output, known only when a pass begins.
enum class Extent { Fixed, Positions, Context, LogitRows };

struct ShapeSpec {
    Extent rows = Extent::Positions;
    Extent cols = Extent::Fixed;
    int fixedCols = 0;
    std::string text() const; // "(T, 288)", "(T, ctx)"
};

// Variants of today's small models (0 / false: the textbook op). One struct, so front ends copy them in one piece.
struct NodeVariant {
    bool unitOffset = false; // norm: RMSNorm scaling by (1 + w) (gemma)
    bool fusedWeight = false; // projection: a slice of a fused matrix (qkv_proj, query_key_value, gate_up_proj)
    int rotaryDims = 0; // RoPE: the dimensions of each head that rotate, when fewer than all (partial rotary)
    bool localRope = false; // RoPE: the sliding-window layers' own base (gemma3's rope_local_base_freq)
    int window = 0; // sliding-window mask: keys a query sees, itself included
    float cap = 0; // soft-cap: cap * tanh(x / cap)
    float scale = 0; // scale: the factor
};

struct PlanNode {
    OpKind kind = OpKind::Embed;
    NodePart part = NodePart::TokenEmbedding;
    Sublayer sublayer = Sublayer::None;
    std::string name; // llama.cpp-style id: "blk.3.attn_q", "blk.0.head.2.scores", "output"
    std::string label; // for people, in English: "layer 3 · q projection" (nodeLabel())
    int layer = -1; // -1 outside the blocks
    int head = -1; // query head for per-head nodes, else -1
    WeightRole weight = WeightRole::None; // the weight it reads (None: no weight)
    // The variant, where the part has one (norm nodes, the activation, the positional encoding).
    NormKind norm = NormKind::LayerNorm;
    Activation activation = Activation::Relu;
    Positional positional = Positional::Rope;
    NodeVariant variant;
    std::vector<BufferId> inputs;
    BufferId output = BufferId::X;
    ShapeSpec shape;
    bool endsBlock = false; // the residual stream after this node is the block's output
};

// "layer 3 · head 1 · attention scores", "layer 0 · attention RMSNorm", "learned positions".
std::string nodeLabel(const PlanNode& node);
// The variant's own words: "RMSNorm", "SwiGLU: silu(gate) * up", "learned positions"; empty for other parts.
std::string nodeVariantWords(const PlanNode& node);

class ExecutionPlan {
public:
    // The plan of a config (for drawing it and for tests of its shape).
    static ExecutionPlan compile(const ModelConfig& config);
    // The plan of a loaded model: also checks that every weight a node names is bound, and fails with the node's
    // name when one is not.
    static ExecutionPlan compile(const Model& model);

    const std::vector<PlanNode>& nodes() const { return m_nodes; }
    std::size_t size() const { return m_nodes.size(); }
    const PlanNode& operator[](std::size_t i) const { return m_nodes[i]; }
    const ModelConfig& config() const { return m_config; }

    // Index of the first node of `layer` (or of the first node after the blocks for layer == nLayers).
    int firstNodeOfLayer(int layer) const;
    int indexOf(const std::string& name) const; // -1 if absent
    bool contains(OpKind kind) const; // some node is of this kind

    std::string toText() const; // one node a line
    nlohmann::json toJson() const;

private:
    ModelConfig m_config;
    std::vector<PlanNode> m_nodes;
};

} // namespace core

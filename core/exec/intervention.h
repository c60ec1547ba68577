#pragma once
// Interventions are data: a list attached to a run that changes chosen node outputs as the executor produces them
// (ablate a head, an attention sub-layer or an MLP; knock out one attention edge; patch in stored activations).
// The executor calls InterventionHook::apply right after each node; the hook touches only the nodes its list names,
// so an empty list leaves a run bit-identical to a normal one.
//
// CLI syntax (parseIntervention / interventionSpec), layers and heads 0-based, positions 0-based in the sequence:
//   blk.1.head.2        head 2 of layer 1 zeroed (its output before o_proj; o_proj's bias still added)
//   blk.1.head.2:mean   head 2 of layer 1 replaced at every position by its mean over the prompt's positions
//   blk.3.attn          the attention sub-layer of layer 3 adds nothing to the residual stream (o_proj incl. bias)
//   blk.0.mlp           the MLP of layer 0 adds nothing (down projection incl. bias)
//   blk.1.head.2:8->4   knockout: in head 2 of layer 1, query position 8 cannot see key position 4 (score -inf
//                       before the softmax)
// Patches (activation patching, core/analysis/activation_patching.h) carry values and have no CLI syntax; their
// spec text ("blk.2.resid_pre@4", "blk.1.head.2@4") is for display only.
#include "core/common/tensor_view.h"
#include "core/model/model_config.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

class ExecutionPlan;

enum class InterventionKind {
    ZeroHead, // a head's output (before o_proj) set to 0
    MeanHead, // a head's output replaced by its mean over the prompt's positions
    AblateAttention, // the attention sub-layer's output (after o_proj, incl. its bias) set to 0
    AblateMlp, // the MLP's output (after the down projection, incl. its bias) set to 0
    KnockoutEdge, // one (query -> key) attention score set to -inf before the softmax
    PatchResidual, // the residual stream entering block `layer` at `position` replaced by `values` (dim)
    PatchHead, // a head's output at `position` replaced by `values` (headDim)
};

struct Intervention {
    InterventionKind kind = InterventionKind::ZeroHead;
    int layer = 0;
    int head = -1; // ZeroHead, MeanHead, KnockoutEdge, PatchHead
    int query = -1; // KnockoutEdge: the query position
    int key = -1; // KnockoutEdge: the key position (<= query)
    int position = -1; // PatchResidual, PatchHead: the sequence position whose row is replaced
    std::vector<float> values; // PatchResidual (dim), PatchHead (headDim); MeanHead: the stored mean (headDim)
                               // or empty (taken from the prompt's pass)

    static Intervention zeroHead(int layer, int head);
    static Intervention meanHead(int layer, int head);
    static Intervention ablateAttention(int layer);
    static Intervention ablateMlp(int layer);
    static Intervention knockout(int layer, int head, int query, int key);
    static Intervention patchResidual(int layer, int position, std::vector<float> values);
    static Intervention patchHead(int layer, int head, int position, std::vector<float> values);

    bool operator==(const Intervention&) const = default;
};

using InterventionList = std::vector<Intervention>;

// Parses one CLI spec (syntax above). Throws core::Error("intervention", spec, why) for bad syntax and for a layer,
// head or position outside `config` (positions must be < config.maxPositions, and key <= query).
Intervention parseIntervention(const std::string& spec, const ModelConfig& config);
// The spec of an intervention: parseIntervention(interventionSpec(i)) == i for every kind but the patches.
std::string interventionSpec(const Intervention& i);
// For people, in English: "layer 1 · head 2 zeroed", "layer 0 · MLP removed", "layer 1 · head 2: 8 ↛ 4".
std::string interventionWords(const Intervention& i);
// "blk.1.head.2, blk.0.mlp" (empty list: "")
std::string interventionListSpec(const InterventionList& list);

// Checks a list against a config (bounds as parseIntervention, patch value sizes, and that knockouts leave every
// query at least one key it can see). Throws core::Error naming the offending spec.
void validateInterventions(const InterventionList& list, const ModelConfig& config);

// The plan node an intervention acts on, right after it runs (the diagram strikes it through): a head's attn_mix
// (zero, mean, patch), its mask (knockout, before the softmax), the attention output projection, the MLP down
// projection, or the node whose output is the residual stream entering the block (patch). -1 when the plan has none.
int interventionNode(const ExecutionPlan& plan, const Intervention& i);

// Sessions save the list: [{"kind":"zero_head","layer":1,"head":2}, ...]. fromJson validates like
// validateInterventions (core::Error naming "interventions[i].field").
nlohmann::json interventionsToJson(const InterventionList& list);
InterventionList interventionsFromJson(const nlohmann::json& j, const ModelConfig& config);

// The list bound to a plan's nodes, with the state a run needs (the stored means of mean-ablated heads). One per
// Executor; the executor calls apply() after every node.
class InterventionHook {
public:
    InterventionHook() = default;
    // Validates `list` against the plan's config (throws core::Error) and finds the node each entry acts on.
    InterventionHook(const ExecutionPlan& plan, InterventionList list);

    bool empty() const { return m_list.empty(); }
    const InterventionList& list() const { return m_list; }

    // Called right after node `nodeIndex` wrote `out` (the node's output as the trace shows it: a per-head node's
    // own slice; rows are positions [pos0, pos0 + rows), a scores node's columns are key positions [0, ctx)).
    // Mean-ablated heads store their mean when a pass starts at position 0 (the prompt) and reuse it in later
    // passes (decode steps), so a generated token sees the same replacement the prompt did.
    void apply(int nodeIndex, MatMap out, int pos0);

    // The list with the state of this run written into it: each mean-ablated head whose mean was stored carries
    // it in `values`. Another executor given this list continues the run's interventions exactly (batched decode
    // steps after a prompt pass made elsewhere).
    InterventionList resolved() const;

private:
    InterventionList m_list;
    std::vector<std::vector<int>> m_byNode; // node index -> entries of m_list acting there
    std::map<int, std::vector<float>> m_means; // entry index -> stored mean row (MeanHead)
};

} // namespace core

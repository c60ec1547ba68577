#pragma once
// Direct logit attribution: the last position's logit of a token (or the difference of two tokens' logits, e.g.
// " Paris" - " Berlin") split into what each part of the model wrote into the residual stream, read through the
// final norm with its scale frozen at the value it had in this run (the standard approximation: with that scale
// fixed the readout is linear, so the parts add up exactly to the logit).
//
// Parts: the embedding (token + learned / sin-cos positions), every attention head (its output through its
// columns of o_proj), each layer's o_proj bias, every MLP (its output incl. the down projection's bias), and the
// final norm's bias + the LM head's bias. Only pre-norm models: in a post-norm model (tiny-classic) every
// sub-layer's output passes through a later LayerNorm before it reaches the LM head, so its contribution is not a
// term of the final residual; attributeLogit refuses those with a message saying so.
#include "core/exec/intervention.h"
#include "core/plan/execution_plan.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace core {

class Model;

enum class AttributionPartKind { Embedding, Head, AttentionBias, Mlp, OutputBias };

struct AttributionPart {
    AttributionPartKind kind = AttributionPartKind::Embedding;
    int layer = -1;
    int head = -1;
    std::string name; // "embed", "blk.1.head.2", "blk.1.attn_bias", "blk.1.mlp", "output_bias"
    int nodeIndex = 0; // the plan node that produced it (a head's attn_mix, the MLP's down projection, ...)
    double value = 0; // its share of the logit (difference)
};

struct LogitAttribution {
    std::int32_t target = -1;
    std::int32_t minus = -1; // -1: the target's logit alone
    int position = 0; // the position attributed (the last one)
    double logit = 0; // the model's own logit (difference) in this run
    double sum = 0; // the sum of the parts (== logit up to float rounding)
    double finalScale = 1; // 1 / rms (RMSNorm) or 1 / std (LayerNorm) of the final norm, frozen; 1 without one
    std::vector<AttributionPart> parts; // in forward order; sort for display
};

// Throws core::Error for a post-norm model (see above), a token outside the vocabulary, or invalid interventions.
LogitAttribution attributeLogit(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    std::int32_t target, std::int32_t minus = -1, const InterventionList& interventions = {});

} // namespace core

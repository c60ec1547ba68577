#pragma once
// The q and k a RoPE layer really turns, for the RoPE view: one head's query vector at one position and its K/V
// head's key vector at another, as they enter the layer's RoPE (after the projections, and after QK-norm where the
// model has it), from one forward pass of the prompt.
#include "core/plan/execution_plan.h"

#include <cstdint>
#include <span>
#include <vector>

namespace core {

class Model;

struct RopeInputs {
    std::vector<float> q; // headDim values: query head `head` at posQ
    std::vector<float> k; // headDim values: its K/V head at posK
    int kvHead = 0;
};

// Throws core::Error naming the field for a layer without RoPE (NoPE, learned or sin/cos positions), a head or a
// position out of range, or a prompt the model cannot run.
RopeInputs ropeInputs(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens, int layer,
    int head, int posQ, int posK);

} // namespace core

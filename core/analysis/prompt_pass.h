#pragma once
// One forward pass over a whole prompt (no generation), optionally with interventions and a trace sink: the
// building block of the interpretability analyses (lens, attribution, patching, head detectors).
#include "core/exec/intervention.h"
#include "core/exec/trace.h"

#include <cstdint>
#include <span>
#include <vector>

namespace core {

class Model;

// The last position's logits (vocab,) after running `tokens` through `plan` with `interventions` applied.
// Throws core::Error for bad tokens, a prompt longer than the context, or an invalid intervention list.
std::vector<float> promptLogits(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    const InterventionList& interventions = {}, TraceSink* sink = nullptr);

// softmax of logits, in double for the sums (KL, fractions) the analyses take of it.
std::vector<double> softmaxOf(std::span<const float> logits);

} // namespace core

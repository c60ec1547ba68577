#pragma once
// One forward pass over a whole prompt (no generation), optionally with interventions and a trace sink: the
// building block of the interpretability analyses (lens, attribution, patching, head detectors).
#include "core/exec/intervention.h"
#include "core/exec/trace.h"

#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace core {

class Model;

// The last position's logits (vocab,) after running `tokens` through `plan` with `interventions` applied.
// Throws core::Error for bad tokens, a prompt longer than the context, or an invalid intervention list.
std::vector<float> promptLogits(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    const InterventionList& interventions = {}, TraceSink* sink = nullptr);

// A sink that keeps a copy of the outputs of chosen nodes (all rows), and nothing else.
class NodeCapture : public TraceSink {
public:
    explicit NodeCapture(std::vector<int> nodes);
    void record(const TraceEvent& event) override;
    // The output of `node` in the last pass that ran it: rows x cols, row-major (empty if it did not run).
    const std::vector<float>& values(int node) const;
    int rows(int node) const;
    int cols(int node) const;

private:
    struct Output {
        std::vector<float> values;
        int rows = 0;
        int cols = 0;
    };
    std::map<int, Output> m_outputs;
};

// softmax of logits, in double for the sums (KL, fractions) the analyses take of it.
std::vector<double> softmaxOf(std::span<const float> logits);

} // namespace core

#include "core/analysis/prompt_pass.h"

#include "core/exec/executor.h"

#include <algorithm>
#include <cmath>

namespace core {

std::vector<float> promptLogits(const Model& model, const ExecutionPlan& plan, std::span<const std::int32_t> tokens,
    const InterventionList& interventions, TraceSink* sink)
{
    const auto& c = model.config();
    // a cache just long enough (begin() refuses a prompt longer than the context)
    KvCache cache(c, std::clamp(int(tokens.size()), 1, c.maxPositions));
    Executor exec(model, plan);
    exec.setInterventions(interventions);
    exec.begin(tokens, cache, {}, LogitRows::Last);
    exec.run(sink);
    return exec.logits().copy();
}

NodeCapture::NodeCapture(std::vector<int> nodes)
{
    for (int n : nodes)
        m_outputs[n];
}

void NodeCapture::record(const TraceEvent& e)
{
    const auto it = m_outputs.find(e.nodeIndex);
    if (it == m_outputs.end())
        return;
    it->second = { e.output.copy(), e.output.rows, e.output.cols };
}

const std::vector<float>& NodeCapture::values(int node) const
{
    static const std::vector<float> none;
    const auto it = m_outputs.find(node);
    return it == m_outputs.end() ? none : it->second.values;
}
int NodeCapture::rows(int node) const
{
    const auto it = m_outputs.find(node);
    return it == m_outputs.end() ? 0 : it->second.rows;
}
int NodeCapture::cols(int node) const
{
    const auto it = m_outputs.find(node);
    return it == m_outputs.end() ? 0 : it->second.cols;
}

std::vector<double> softmaxOf(std::span<const float> logits)
{
    std::vector<double> p(logits.size());
    if (logits.empty())
        return p;
    const double top = *std::max_element(logits.begin(), logits.end());
    double sum = 0;
    for (std::size_t i = 0; i < logits.size(); ++i)
        sum += p[i] = std::exp(double(logits[i]) - top);
    for (auto& x : p)
        x /= sum;
    return p;
}

} // namespace core

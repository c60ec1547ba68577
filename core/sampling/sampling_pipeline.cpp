#include "core/sampling/sampling_pipeline.h"

#include "core/common/error.h"
#include "core/sampling/penalty_window.h"

#include <algorithm>
#include <string>

namespace core {

SamplingPipeline::SamplingPipeline(int vocabSize, const SamplingParameters& parameters, StageOrder order)
    : m_vocabSize(vocabSize)
    , m_order(std::move(order))
{
    if (vocabSize <= 0)
        throw Error("sampling parameters", "vocab_size", "must be > 0, got " + std::to_string(vocabSize));
    setParameters(parameters);
}

void SamplingPipeline::setParameters(const SamplingParameters& parameters)
{
    parameters.validate(m_vocabSize);
    m_parameters = parameters;
}

void SamplingPipeline::setOrder(StageOrder order) { m_order = std::move(order); }

void SamplingPipeline::countWindow(std::span<const int32_t> history)
{
    const size_t start = penaltyWindow(m_parameters.penaltyWindow, history.size()).begin;
    m_windowTokens.assign(history.begin() + long(start), history.end());
    for (size_t i = 0; i < m_windowTokens.size(); ++i) {
        const int32_t token = m_windowTokens[i];
        if (token < 0 || token >= m_vocabSize) {
            throw Error("sampling input", "history[" + std::to_string(start + i) + "]",
                "token id " + std::to_string(token) + " is outside the vocabulary (size " + std::to_string(m_vocabSize)
                    + ")");
        }
    }
    std::sort(m_windowTokens.begin(), m_windowTokens.end());
    m_window.clear();
    for (int32_t token : m_windowTokens) {
        if (!m_window.empty() && m_window.back().token == token)
            ++m_window.back().count;
        else
            m_window.push_back({ token, 1 });
    }
}

SamplingRecord SamplingPipeline::run(std::span<const float> logits, std::span<const int32_t> history, double uniform)
{
    SamplingRecord record;
    run(logits, history, uniform, record);
    return record;
}

void SamplingPipeline::run(
    std::span<const float> logits, std::span<const int32_t> history, double uniform, SamplingRecord& record)
{
    if (logits.size() != size_t(m_vocabSize)) {
        throw Error("sampling input", "logits",
            "has " + std::to_string(logits.size()) + " values, the vocabulary has " + std::to_string(m_vocabSize));
    }
    if (!(uniform >= 0.0 && uniform < 1.0))
        throw Error("sampling input", "uniform", "must be in [0, 1), got " + formatNumber(uniform));
    countWindow(history);

    CandidateList& candidates = m_candidates;
    candidates.reset(logits);
    candidates.updateWeights();
    if (!(candidates.total() > 0.0))
        throw Error("sampling input", "logits", "every logit is -inf: no token can be sampled");

    record.m_orderName = m_order.name();
    record.m_parameters = m_parameters;
    record.m_inputLogits.assign(logits.begin(), logits.end());
    record.m_columns.resize(1 + m_order.stages().size());
    StageColumn& input = record.m_columns[0];
    input = StageColumn {};
    input.name = "input";
    input.setting = "vocab " + std::to_string(m_vocabSize);
    input.kept = candidates.size();
    input.reference = candidates.reference();
    input.total = candidates.total();

    for (size_t s = 0; s < m_order.stages().size(); ++s) {
        const SamplerStage& stage = samplerStage(m_order.stages()[s]);
        const int column = int(s + 1);
        const size_t before = candidates.size();
        candidates.beginStage(column);
        StageContext context { m_parameters, m_window, m_selector, m_scratch };
        stage.apply(candidates, context);
        candidates.updateWeights();
        if (!(candidates.total() > 0.0))
            throw Error("sampling parameters", std::string(stage.name()), "leaves no token with a finite logit");

        StageColumn& col = record.m_columns[column];
        col.name = std::string(stage.name());
        col.kind = stage.kind();
        col.setting = stage.describe(m_parameters);
        col.note = std::move(context.note);
        col.kept = candidates.size();
        col.removed = before - candidates.size();
        col.reference = candidates.reference();
        col.total = candidates.total();
        col.temperature = stage.kind() == SamplerStageKind::Temperature ? m_parameters.temperature : 1.0f;
        col.changes = candidates.changes();
        std::sort(col.changes.begin(), col.changes.end());
    }

    // The draw: walk the survivors best first; the first whose cumulative weight exceeds uniform * total wins.
    const RankBoundary chosen = m_selector.byMass(
        candidates.logits(), candidates.weights(), candidates.tokens(), uniform * candidates.total(), MassRule::Beyond);
    record.m_removedAt = candidates.removedAt();
    record.m_uniform = uniform;
    record.m_chosenToken = chosen.token;
    record.m_chosenProbability = candidates.probability(chosen.index);
}

} // namespace core

#pragma once
// Small helpers shared by the sampling tests: run a pipeline on a QList of logits and read the record back as
// QLists that QCOMPARE can print.
#include "core/sampling/sampling_pipeline.h"

#include <QList>
#include <cmath>
#include <vector>

namespace testing {

inline std::vector<float> toVector(const QList<float>& values)
{
    return std::vector<float>(values.begin(), values.end());
}

inline std::vector<int32_t> toTokens(const QList<int>& values)
{
    return std::vector<int32_t>(values.begin(), values.end());
}

// ln(p) for each p: logits whose softmax is the given distribution.
inline QList<float> logOf(const QList<double>& probabilities)
{
    QList<float> logits;
    for (double p : probabilities)
        logits.append(p > 0 ? float(std::log(p)) : -INFINITY);
    return logits;
}

inline core::SamplingRecord runOrder(const core::StageOrder& order, const core::SamplingParameters& parameters,
    const QList<float>& logits, const QList<int>& history = {}, double uniform = 0.0)
{
    core::SamplingPipeline pipeline(int(logits.size()), parameters, order);
    return pipeline.run(toVector(logits), toTokens(history), uniform);
}

inline QList<int> keptTokens(const core::SamplingRecord& record, size_t column)
{
    QList<int> kept;
    for (int t = 0; t < record.vocabSize(); ++t) {
        if (record.cell(t, column).kept)
            kept.append(t);
    }
    return kept;
}

inline QList<float> logitsAt(const core::SamplingRecord& record, size_t column)
{
    QList<float> logits;
    for (int t = 0; t < record.vocabSize(); ++t)
        logits.append(record.logitAt(t, column));
    return logits;
}

inline double probabilitySum(const core::SamplingRecord& record, size_t column)
{
    double sum = 0.0;
    for (int t = 0; t < record.vocabSize(); ++t)
        sum += record.cell(t, column).probability;
    return sum;
}

} // namespace testing

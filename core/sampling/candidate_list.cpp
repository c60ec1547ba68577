#include "core/sampling/candidate_list.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace core {

namespace {
    // Sum in double with four lanes (the weights of a flat 150k distribution would lose digits in one float).
    double sumWeights(std::span<const float> w)
    {
        double lanes[4] = {};
        size_t i = 0;
        for (; i + 4 <= w.size(); i += 4) {
            lanes[0] += w[i];
            lanes[1] += w[i + 1];
            lanes[2] += w[i + 2];
            lanes[3] += w[i + 3];
        }
        for (; i < w.size(); ++i)
            lanes[0] += w[i];
        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    }
}

void CandidateList::reset(std::span<const float> logits)
{
    const size_t n = logits.size();
    // One branch-free scan; only a bad vector pays for finding the position.
    bool bad = false;
    for (float x : logits)
        bad |= (x != x) | (x == std::numeric_limits<float>::infinity());
    if (bad) {
        for (size_t i = 0; i < n; ++i) {
            if (std::isnan(logits[i]))
                throw Error("sampling input", "logits[" + std::to_string(i) + "]", "is NaN");
            if (logits[i] == std::numeric_limits<float>::infinity())
                throw Error("sampling input", "logits[" + std::to_string(i) + "]", "is +inf");
        }
    }
    m_tokens.resize(n);
    std::iota(m_tokens.begin(), m_tokens.end(), 0);
    m_logits.assign(logits.begin(), logits.end());
    m_weights.resize(n);
    m_weightsValid = false;
    m_identity = true;
    m_positionValid = false;
    m_column = 0;
    m_changes.clear();
    m_removedAt.assign(n, 0);
}

void CandidateList::updateWeights()
{
    if (m_weightsValid)
        return;
    float top = -std::numeric_limits<float>::infinity();
    for (float x : m_logits)
        top = x > top ? x : top;
    m_reference = top;
    const size_t n = m_logits.size();
    if (std::isinf(top)) { // every logit is -inf: nothing can be sampled, the pipeline reports it
        std::fill(m_weights.begin(), m_weights.end(), 0.0f);
        m_reference = 0.0f;
    } else {
        const float* logits = m_logits.data();
        float* weights = m_weights.data();
        for (size_t i = 0; i < n; ++i)
            weights[i] = fastExp(logits[i] - top);
    }
    m_total = sumWeights(m_weights);
    m_weightsValid = true;
}

long CandidateList::find(int32_t token)
{
    if (token < 0 || token >= vocabSize())
        return -1;
    if (m_identity)
        return token;
    if (!m_positionValid) {
        m_position.assign(m_removedAt.size(), -1);
        for (size_t i = 0; i < m_tokens.size(); ++i)
            m_position[m_tokens[i]] = int32_t(i);
        m_positionValid = true;
    }
    return m_position[token];
}

void CandidateList::setLogit(size_t index, float value)
{
    m_logits[index] = value;
    m_changes.emplace_back(m_tokens[index], value);
    if (!m_weightsValid)
        return;
    // Incremental update: total += new weight - old weight. Fall back to a full pass when the new logit is far
    // above the reference (the float weight could overflow) or when the token held almost all the mass (the
    // subtraction would cancel most digits of the total).
    const float oldWeight = m_weights[index];
    if (value - m_reference > 60.0f || double(oldWeight) > 0.999999 * m_total) {
        m_weightsValid = false;
        return;
    }
    const float newWeight = fastExp(value - m_reference);
    m_weights[index] = newWeight;
    m_total += double(newWeight) - double(oldWeight);
}

void CandidateList::divideLogits(float temperature)
{
    // Clamp to the float range: a tiny temperature must not turn a finite logit into +inf (inf - inf = NaN later).
    constexpr float kMax = std::numeric_limits<float>::max();
    for (float& x : m_logits) {
        const float scaled = x / temperature;
        x = scaled > kMax ? kMax : scaled;
    }
    m_weightsValid = false;
}

void CandidateList::beginStage(int column)
{
    m_column = column;
    m_changes.clear();
}

void CandidateList::afterRemoval()
{
    m_identity = false;
    m_positionValid = false;
    if (m_weightsValid)
        m_total = sumWeights(m_weights);
}

} // namespace core


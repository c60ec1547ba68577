#include "core/sampling/candidate_list.h"

#include "core/common/error.h"
#include "core/sampling/simd_loops.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>

namespace core {

namespace {
    double sumWeights(std::span<const float> w)
    {
        const float* weights = w.data();
        return simd::laneSum(w.size(), [weights](size_t i) { return double(weights[i]); });
    }
}

void CandidateList::reset(std::span<const float> logits)
{
    const size_t n = logits.size();
    // One vectorized scan on the bit patterns (exponent all ones = NaN or +-inf; -inf is allowed); only a bad vector
    // pays for finding the position.
    const float* input = logits.data();
    unsigned bad = 0;
#pragma omp simd reduction(+ : bad)
    for (size_t i = 0; i < n; ++i) {
        uint32_t bits;
        std::memcpy(&bits, &input[i], sizeof bits);
        bad += ((bits & 0x7F800000u) == 0x7F800000u && bits != 0xFF800000u) ? 1u : 0u;
    }
    if (bad) {
        for (size_t i = 0; i < n; ++i) {
            if (std::isnan(logits[i]))
                throw Error("sampling input", "logits[" + std::to_string(i) + "]", "is NaN");
            if (logits[i] == std::numeric_limits<float>::infinity())
                throw Error("sampling input", "logits[" + std::to_string(i) + "]", "is +inf");
        }
    }
    if (m_tokens.size() != n) { // a new vocabulary size: (re)allocate once
        m_tokens.resize(n);
        m_logits.resize(n);
        m_weights.resize(n);
        m_keep.resize(n);
        m_removedAt.resize(n);
    }
    m_size = n;
    int32_t* tokens = m_tokens.data();
#pragma omp simd
    for (size_t i = 0; i < n; ++i)
        tokens[i] = int32_t(i);
    std::copy(logits.begin(), logits.end(), m_logits.begin());
    std::fill(m_removedAt.begin(), m_removedAt.end(), uint8_t(0));
    m_weightsValid = false;
    m_identity = true;
    m_positionValid = false;
    m_column = 0;
    m_changes.clear();
}

void CandidateList::updateWeights()
{
    if (m_weightsValid)
        return;
    const float top = simd::maxOf(logits());
    m_reference = top;
    const std::span<float> weights(m_weights.data(), m_size);
    if (std::isinf(top)) { // every logit is -inf: nothing can be sampled, the pipeline reports it
        std::fill(weights.begin(), weights.end(), 0.0f);
        m_reference = 0.0f;
    } else {
        simd::expShifted(logits(), top, weights);
    }
    m_total = sumWeights(weights);
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
        for (size_t i = 0; i < m_size; ++i)
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
    // Clamp finite logits to the float range: a tiny temperature must not turn a finite logit into +inf (inf - inf =
    // NaN later) or, when every logit is negative, all of them into -inf (nothing left to sample). A -inf logit (a
    // banned token) stays -inf.
    constexpr float kMax = std::numeric_limits<float>::max();
    float* logits = m_logits.data();
    const size_t n = m_size;
#pragma omp simd
    for (size_t i = 0; i < n; ++i) {
        const float scaled = logits[i] / temperature;
        logits[i] = scaled > kMax ? kMax : (scaled < -kMax && logits[i] >= -kMax ? -kMax : scaled);
    }
    m_weightsValid = false;
}

void CandidateList::beginStage(int column)
{
    m_column = column;
    m_changes.clear();
}

void CandidateList::compact(size_t kept)
{
    // Local pointers: the uint8_t stores into removedAt may alias anything, which would otherwise make the compiler
    // reload every member pointer in every iteration.
    const uint8_t* mask = m_keep.data();
    int32_t* tokens = m_tokens.data();
    float* logits = m_logits.data();
    float* weights = m_weights.data();
    uint8_t* removedAt = m_removedAt.data();
    const uint8_t column = uint8_t(m_column);
    const size_t n = m_size;
    // An alive token's removedAt is 0, so "column & (keep - 1)" leaves survivors at 0 and marks the others.
    if (m_identity) { // tokens[i] == i: the marks are one vectorized pass
#pragma omp simd
        for (size_t i = 0; i < n; ++i)
            removedAt[i] = uint8_t(column & (mask[i] - 1u));
    }
    size_t out = 0;
    if (kept * 8 < n || kept * 8 > 7 * n) {
        // Mostly removed (top-k) or mostly kept: the branch is predictable, and skipped candidates cost nothing.
        for (size_t i = 0; i < n; ++i) {
            if (mask[i]) {
                tokens[out] = tokens[i];
                logits[out] = logits[i];
                weights[out] = weights[i];
                ++out;
            } else if (!m_identity) {
                removedAt[tokens[i]] = column;
            }
        }
    } else {
        // A mixed pattern (typical-p) would mispredict half the time: write every candidate at the end of the
        // survivors, and only advance that end when it is kept.
        for (size_t i = 0; i < n; ++i) {
            const int32_t token = tokens[i];
            const uint8_t keep = mask[i];
            tokens[out] = token;
            logits[out] = logits[i];
            weights[out] = weights[i];
            if (!m_identity)
                removedAt[token] = uint8_t(column & (keep - 1u));
            out += keep;
        }
    }
    kept = out;
    m_size = kept;
    m_identity = false;
    m_positionValid = false;
    if (m_weightsValid)
        m_total = sumWeights(this->weights());
}

} // namespace core

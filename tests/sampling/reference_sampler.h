#pragma once
// The textbook sampler the fast pipeline is checked against: every stage sorts the whole candidate list and sums
// probabilities in double with std::exp. Same rank order and tie rules as core/sampling (higher logit first, ties to
// the lower id), same float arithmetic on the logits, so the kept sets and the drawn token must agree.
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_order.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

namespace testing {

struct ReferenceResult {
    std::vector<std::vector<bool>> alive; // (stages + 1, vocab)
    int chosen = -1;
};

class ReferenceSampler {
public:
    ReferenceSampler(const core::SamplingParameters& parameters, const core::StageOrder& order)
        : m_p(parameters)
        , m_order(order)
    {
    }

    ReferenceResult run(const std::vector<float>& input, const std::vector<int32_t>& history, double uniform)
    {
        m_logits = input;
        m_alive.assign(input.size(), true);
        m_counts.clear();
        const size_t window = size_t(m_p.penaltyWindow);
        const size_t start = (window == 0 || window >= history.size()) ? 0 : history.size() - window;
        for (size_t i = start; i < history.size(); ++i)
            ++m_counts[history[i]];

        ReferenceResult result;
        result.alive.push_back(m_alive);
        for (core::SamplerStageKind kind : m_order.stages()) {
            apply(kind);
            result.alive.push_back(m_alive);
        }
        const std::vector<int> ranked = rankedAlive();
        const std::vector<double> p = probabilities();
        double sum = 0.0;
        for (int t : ranked) {
            sum += p[t];
            if (sum > uniform && p[t] > 0.0) {
                result.chosen = t;
                break;
            }
        }
        if (result.chosen < 0) { // rounding: the last token with a positive probability
            for (int t : ranked) {
                if (p[t] > 0.0)
                    result.chosen = t;
            }
        }
        return result;
    }

private:
    std::vector<int> rankedAlive() const
    {
        std::vector<int> ranked;
        for (size_t t = 0; t < m_logits.size(); ++t) {
            if (m_alive[t])
                ranked.push_back(int(t));
        }
        std::stable_sort(ranked.begin(), ranked.end(), [&](int a, int b) { return m_logits[a] > m_logits[b]; });
        return ranked;
    }

    std::vector<double> probabilities() const
    {
        double top = -INFINITY;
        for (size_t t = 0; t < m_logits.size(); ++t) {
            if (m_alive[t])
                top = std::max(top, double(m_logits[t]));
        }
        std::vector<double> p(m_logits.size(), 0.0);
        double z = 0.0;
        for (size_t t = 0; t < m_logits.size(); ++t) {
            if (m_alive[t] && std::isfinite(m_logits[t]))
                z += (p[t] = std::exp(double(m_logits[t]) - top));
        }
        for (double& x : p)
            x /= z;
        return p;
    }

    void keepOnly(const std::vector<int>& kept)
    {
        std::vector<bool> alive(m_alive.size(), false);
        for (int t : kept)
            alive[t] = true;
        m_alive = alive;
    }

    void apply(core::SamplerStageKind kind)
    {
        using K = core::SamplerStageKind;
        switch (kind) {
        case K::LogitBias:
            for (const auto& [t, b] : m_p.logitBias) {
                if (m_alive[t])
                    m_logits[t] = m_logits[t] + b;
            }
            break;
        case K::RepetitionPenalty:
            if (m_p.repetitionPenalty == 1.0f)
                break;
            for (const auto& [t, c] : m_counts) {
                if (m_alive[t]) {
                    const float l = m_logits[t];
                    m_logits[t] = l > 0 ? l / m_p.repetitionPenalty : l * m_p.repetitionPenalty;
                }
            }
            break;
        case K::PresenceFrequencyPenalty:
            if (m_p.presencePenalty == 0.0f && m_p.frequencyPenalty == 0.0f)
                break;
            for (const auto& [t, c] : m_counts) {
                if (m_alive[t])
                    m_logits[t] = m_logits[t] - (float(c) * m_p.frequencyPenalty + m_p.presencePenalty);
            }
            break;
        case K::Temperature:
            if (m_p.temperature == 0.0f) {
                keepOnly({ rankedAlive().front() });
            } else if (m_p.temperature != 1.0f) {
                for (float& l : m_logits)
                    l = std::min(l / m_p.temperature, std::numeric_limits<float>::max());
            }
            break;
        case K::TopK: {
            std::vector<int> ranked = rankedAlive();
            if (m_p.topK > 0 && size_t(m_p.topK) < ranked.size()) {
                ranked.resize(size_t(m_p.topK));
                keepOnly(ranked);
            }
            break;
        }
        case K::TopP: {
            if (m_p.topP >= 1.0f)
                break;
            const std::vector<int> ranked = rankedAlive();
            const std::vector<double> p = probabilities();
            std::vector<int> kept;
            double sum = 0.0;
            for (int t : ranked) {
                kept.push_back(t);
                sum += p[t];
                if (sum >= m_p.topP)
                    break;
            }
            keepOnly(kept);
            break;
        }
        case K::MinP: {
            if (m_p.minP == 0.0f)
                break;
            const std::vector<double> p = probabilities();
            const double pMax = *std::max_element(p.begin(), p.end());
            std::vector<int> kept;
            for (int t : rankedAlive()) {
                if (p[t] >= m_p.minP * pMax)
                    kept.push_back(t);
            }
            keepOnly(kept);
            break;
        }
        case K::TypicalP: {
            if (m_p.typicalP >= 1.0f)
                break;
            const std::vector<double> p = probabilities();
            double entropy = 0.0;
            for (int t : rankedAlive()) {
                if (p[t] > 0.0)
                    entropy -= p[t] * std::log(p[t]);
            }
            std::vector<int> byScore = rankedAlive();
            std::vector<double> score(m_logits.size(), INFINITY);
            for (int t : byScore)
                score[t] = p[t] > 0.0 ? std::fabs(-std::log(p[t]) - entropy) : INFINITY;
            std::sort(byScore.begin(), byScore.end(),
                [&](int a, int b) { return score[a] < score[b] || (score[a] == score[b] && a < b); });
            double sum = 0.0;
            double last = score[byScore.back()];
            for (int t : byScore) {
                sum += p[t];
                if (sum >= m_p.typicalP) {
                    last = score[t];
                    break;
                }
            }
            std::vector<int> kept;
            for (int t : byScore) {
                if (score[t] <= last)
                    kept.push_back(t);
            }
            keepOnly(kept);
            break;
        }
        }
    }

    core::SamplingParameters m_p;
    core::StageOrder m_order;
    std::vector<float> m_logits;
    std::vector<bool> m_alive;
    std::map<int, int> m_counts;
};

} // namespace testing

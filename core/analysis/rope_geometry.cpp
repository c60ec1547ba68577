#include "core/analysis/rope_geometry.h"

#include "core/model/rope_frequencies.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace core {

RopeGeometry ropeGeometry(
    const ModelConfig& c, int layer, std::span<const float> q, std::span<const float> k, int posQ, int posK)
{
    if (layer < 0 || layer >= c.nLayers)
        throw std::invalid_argument("ropeGeometry: layer " + std::to_string(layer) + " out of range");
    if (int(q.size()) != c.headDim || int(k.size()) != c.headDim)
        throw std::invalid_argument(
            "ropeGeometry: q and k must have headDim = " + std::to_string(c.headDim) + " values");
    RopeGeometry g;
    g.headDim = c.headDim;
    g.posQ = posQ;
    g.posK = posK;
    g.rotates = c.ropeLayer(layer);
    for (int d = 0; d < c.headDim; ++d)
        g.plainScore += double(q[std::size_t(d)]) * k[std::size_t(d)];
    if (!g.rotates) {
        g.score = g.passScore = g.plainScore;
        return g;
    }
    // The same rule the plan uses for its RoPE nodes (execution_plan.cpp): local base on sliding-window layers.
    g.local = c.ropeThetaLocal > 0 && c.slidingLayer(layer);
    g.rotaryDim = c.rotaryDim();
    const std::vector<double> freq = ropeFrequencies(c, g.local);
    const std::vector<double> unscaled = unscaledRopeFrequencies(c, g.local);
    const int half = g.rotaryDim / 2;
    for (int i = 0; i < half; ++i) {
        RopePair p;
        p.dimA = i;
        p.dimB = i + half;
        p.frequency = freq[std::size_t(i)];
        p.unscaledFrequency = unscaled[std::size_t(i)];
        p.wavelength = 2 * std::numbers::pi / p.frequency;
        p.q[0] = q[std::size_t(p.dimA)];
        p.q[1] = q[std::size_t(p.dimB)];
        p.k[0] = k[std::size_t(p.dimA)];
        p.k[1] = k[std::size_t(p.dimB)];
        const auto turn = [](const double v[2], double angle, double out[2]) {
            out[0] = v[0] * std::cos(angle) - v[1] * std::sin(angle);
            out[1] = v[0] * std::sin(angle) + v[1] * std::cos(angle);
        };
        turn(p.q, posQ * p.frequency, p.qRotated);
        turn(p.k, posK * p.frequency, p.kRotated);
        p.score = p.qRotated[0] * p.kRotated[0] + p.qRotated[1] * p.kRotated[1];
        g.score += p.score;
        g.pairs.push_back(p);
    }
    for (int d = g.rotaryDim; d < c.headDim; ++d)
        g.passScore += double(q[std::size_t(d)]) * k[std::size_t(d)];
    g.score += g.passScore;
    return g;
}

double scoreAtDistance(const RopeGeometry& g, double distance)
{
    if (!g.rotates)
        return g.plainScore;
    // R(m w) q . R(n w) k = q . R((n - m) w) k = cos(d w) (q.k) + sin(d w) (q x k) with d = m - n.
    double s = g.passScore;
    for (const RopePair& p : g.pairs) {
        const double dot = p.q[0] * p.k[0] + p.q[1] * p.k[1];
        const double cross = p.q[0] * p.k[1] - p.q[1] * p.k[0];
        s += dot * std::cos(distance * p.frequency) + cross * std::sin(distance * p.frequency);
    }
    return s;
}

std::vector<float> unitPairVector(int headDim, int rotaryDim)
{
    std::vector<float> v(std::size_t(std::max(headDim, 0)), 0.0f);
    const int rotary = rotaryDim > 0 ? rotaryDim : headDim;
    for (int i = 0; i < rotary / 2; ++i)
        v[std::size_t(i)] = 1.0f;
    return v;
}

} // namespace core

#pragma once
// RoPE as geometry, for the RoPE view: a head's q and k split into the 2-D pairs RoPE rotates (rotate_half
// convention: dims i and i + rotaryDim / 2), each pair turned by position x its own frequency, and the score q.k as
// the sum of what each pair contributes. Only the angle between the two positions matters, so the score is a
// function of their distance: scoreAtDistance() gives it for any distance, the view draws the curve.
#include "core/model/model_config.h"

#include <span>
#include <vector>

namespace core {

struct RopePair {
    int dimA = 0; // the pair's two dimensions within the head
    int dimB = 0;
    double frequency = 0; // radians per position, as the model uses it (after rope_scaling)
    double unscaledFrequency = 0; // theta^(-2i / rotaryDim), before rope_scaling
    double wavelength = 0; // positions per full turn: 2 pi / frequency
    double q[2] = {}; // the pair of q (dimA, dimB) before the rotation
    double k[2] = {};
    double qRotated[2] = {}; // after turning by posQ * frequency
    double kRotated[2] = {}; // after turning by posK * frequency
    double score = 0; // qRotated . kRotated: this pair's part of q.k
};

struct RopeGeometry {
    bool rotates = false; // false: a NoPE layer or a model without RoPE (q.k is the plain dot product)
    bool local = false; // the layer uses the sliding-window layers' own base (gemma3 rope_local_base_freq)
    int headDim = 0;
    int rotaryDim = 0; // dimensions that rotate (partial rotary: fewer than headDim)
    int posQ = 0;
    int posK = 0;
    std::vector<RopePair> pairs; // slowest last: pair i turns at theta^(-2i / rotaryDim)
    double passScore = 0; // the part of q.k from the dimensions that do not rotate
    double score = 0; // q.k after RoPE (unscaled by 1 / sqrt(d)): sum of the pairs' scores + passScore
    double plainScore = 0; // q.k without any rotation (what it would be at distance 0)
};

// The geometry of one head of `layer` for query position posQ and key position posK. q and k: the head's vectors
// before RoPE (headDim each; QK-norm already applied where the model has it). Throws std::invalid_argument for a
// layer out of range or vectors of the wrong size.
RopeGeometry ropeGeometry(
    const ModelConfig& c, int layer, std::span<const float> q, std::span<const float> k, int posQ, int posK);

// q.k after RoPE when the query is `distance` positions after the key, for the same q and k (only the distance
// counts): sum over pairs of (q.k) cos(d w) + (q x k) sin(d w), plus the pass-through part.
double scoreAtDistance(const RopeGeometry& g, double distance);

// Content vectors with every pair at (1, 0) (the textbook picture: q = k, so the score is the sum of cos(d w_i) and
// its fall with distance is RoPE's alone). headDim values.
std::vector<float> unitPairVector(int headDim, int rotaryDim);

} // namespace core

#pragma once
// The most probable next tokens of a distribution (the "top 10" under the output softmax).
#include <cstdint>
#include <span>
#include <vector>

namespace core {

struct RankedToken {
    std::int32_t id = 0;
    float probability = 0;

    bool operator==(const RankedToken&) const = default;
};

// The min(n, vocab) most probable entries of `probabilities` (vocab,), best first; equal probabilities go to the
// lower id first. O(vocab log n): no full sort.
std::vector<RankedToken> topPredictions(std::span<const float> probabilities, int n);

} // namespace core

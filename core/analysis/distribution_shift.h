#pragma once
// How an intervention changed the next-token distribution: "before" (normal run) vs "after" (with the list).
#include <cstdint>
#include <span>
#include <vector>

namespace core {

struct TokenShift {
    std::int32_t id = 0;
    float logitBefore = 0, logitAfter = 0;
    double probBefore = 0, probAfter = 0;
    int rankBefore = 0, rankAfter = 0; // 0 = most probable
};

struct DistributionShift {
    double klBeforeAfter = 0; // KL(before || after) in nats
    std::vector<TokenShift> tokens; // the union of both top-n lists, most probable before first
};

// Compares two logit vectors of one vocabulary (throws core::Error when their sizes differ); `top` is how many of
// each distribution's best tokens to list.
DistributionShift distributionShift(std::span<const float> before, std::span<const float> after, int top = 10);

} // namespace core

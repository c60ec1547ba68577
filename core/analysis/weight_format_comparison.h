#pragma once
// What storing the weights differently costs: the same prompt through two copies of one model (F32 and Q4_K_M,
// say), compared block by block. The residual stream's relative error after each block shows where the rounding
// grows; at the end, the KL divergence of the next-token distributions and how the top 10 moved say whether it
// matters for what the model writes.
#include "core/analysis/top_predictions.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace core {

struct LoadedModel;

struct RankChange {
    std::int32_t id = 0;
    int referenceRank = 0; // 1-based, in the reference's distribution
    int otherRank = 0; // 1-based, in the other's
    float referenceProbability = 0;
    float otherProbability = 0;
};

struct WeightFormatComparison {
    // ||x_other − x_ref|| / ||x_ref|| of the residual stream after each block, over all positions (one per layer).
    std::vector<double> blockRelativeError;
    double logitsRelativeError = 0; // max |Δ logit| / max |logit| at the last position
    double klDivergence = 0; // KL(P_ref || P_other) of the next-token distributions, in nats
    std::vector<RankedToken> referenceTop; // the reference's top 10
    std::vector<RankedToken> otherTop; // the other's top 10
    std::vector<RankChange> changes; // every token of either top 10, with its exact rank in both
};

// Runs `tokens` through both models (one prefill each). Throws core::Error when the two are not the same model
// shape (vocabulary, layers, width), naming the field.
WeightFormatComparison compareWeightFormats(
    const LoadedModel& reference, const LoadedModel& other, std::span<const std::int32_t> tokens);

// Told after every op of the two passes (done of total ops); returning false stops the comparison.
using ComparisonProgress = std::function<bool(int done, int total)>;
// The same, reporting progress (the window's engine thread): nullopt when `progress` stopped it.
std::optional<WeightFormatComparison> compareWeightFormats(const LoadedModel& reference, const LoadedModel& other,
    std::span<const std::int32_t> tokens, const ComparisonProgress& progress);

} // namespace core

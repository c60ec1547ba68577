#include "core/analysis/top_predictions.h"

#include <algorithm>
#include <numeric>

namespace core {

std::vector<RankedToken> topPredictions(std::span<const float> probabilities, int n)
{
    const std::size_t k = std::min(std::size_t(std::max(n, 0)), probabilities.size());
    std::vector<std::int32_t> order(probabilities.size()); // (vocab,) token ids
    std::iota(order.begin(), order.end(), 0);
    const float* p = probabilities.data();
    std::partial_sort(order.begin(), order.begin() + long(k), order.end(),
        [p](std::int32_t a, std::int32_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
    std::vector<RankedToken> top(k);
    for (std::size_t i = 0; i < k; ++i)
        top[i] = { order[i], p[order[i]] };
    return top;
}

} // namespace core

#include "core/analysis/distribution_shift.h"

#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace core {

namespace {
    // rank of every id (0 = most probable; ties to the lower id)
    std::vector<int> ranksOf(std::span<const float> logits)
    {
        std::vector<std::int32_t> order(logits.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
            return logits[std::size_t(a)] > logits[std::size_t(b)]
                || (logits[std::size_t(a)] == logits[std::size_t(b)] && a < b);
        });
        std::vector<int> rank(logits.size());
        for (std::size_t r = 0; r < order.size(); ++r)
            rank[std::size_t(order[r])] = int(r);
        return rank;
    }
}

DistributionShift distributionShift(std::span<const float> before, std::span<const float> after, int top)
{
    if (before.size() != after.size())
        throw Error("distribution shift", "vocab",
            "the two distributions have " + std::to_string(before.size()) + " and " + std::to_string(after.size())
                + " entries");
    const auto p = softmaxOf(before), q = softmaxOf(after);
    DistributionShift out;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] > 0)
            out.klBeforeAfter += p[i] * (std::log(p[i]) - std::log(std::max(q[i], 1e-300)));
    const auto rb = ranksOf(before), ra = ranksOf(after);
    std::vector<std::int32_t> ids;
    for (std::size_t i = 0; i < rb.size(); ++i)
        if (rb[i] < top || ra[i] < top)
            ids.push_back(std::int32_t(i));
    std::sort(ids.begin(), ids.end(),
        [&](std::int32_t a, std::int32_t b) { return rb[std::size_t(a)] < rb[std::size_t(b)]; });
    for (auto id : ids) {
        const auto i = std::size_t(id);
        out.tokens.push_back({ id, before[i], after[i], p[i], q[i], rb[i], ra[i] });
    }
    return out;
}

} // namespace core

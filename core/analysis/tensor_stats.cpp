#include "core/analysis/tensor_stats.h"

#include <algorithm>
#include <cmath>

namespace core {

TensorStats tensorStats(std::span<const float> values)
{
    double sum = 0, sq = 0;
    float lo = INFINITY, hi = -INFINITY;
    std::size_t n = 0;
    for (float v : values) {
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
        sq += double(v) * v;
        ++n;
    }
    if (n == 0)
        return {};
    const double mean = sum / double(n);
    // E[x^2] - E[x]^2, clamped at 0 against rounding.
    return { lo, hi, float(mean), float(std::sqrt(std::max(0.0, sq / double(n) - mean * mean))), n };
}

} // namespace core

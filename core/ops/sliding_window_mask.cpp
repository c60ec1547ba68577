#include "core/ops/sliding_window_mask.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace core::ops {

void slidingWindowMask(MatRef scores, int pos0, int window)
{
    // shapes, checked in debug builds
    assert(pos0 >= 0 && window >= 1 && scores.cols() >= pos0 + scores.rows());
    const float ninf = -std::numeric_limits<float>::infinity();
    const int cols = int(scores.cols());
    for (int i = 0; i < scores.rows(); ++i) {
        const int p = pos0 + i;
        const int first = std::max(0, p - window + 1); // the oldest key still inside the window
        for (int j = 0; j < first; ++j)
            scores(i, j) = ninf;
        for (int j = p + 1; j < cols; ++j)
            scores(i, j) = ninf;
    }
}

} // namespace core::ops

#include "core/ops/soft_cap.h"

#include <cassert>
#include <cmath>

namespace core::ops {

void softCap(MatRef x, float cap)
{
    assert(cap > 0);
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            x(r, c) = cap * std::tanh(x(r, c) / cap);
}

} // namespace core::ops

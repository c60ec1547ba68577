#pragma once
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

namespace core::ops {

// out = x W^T + b      x: (T, in), W: (out, in) [or stored (in, out)], out: (T, out)
// The output features are split across the pool's threads; each thread runs one Eigen product on its slice
// (a GEMV when T == 1, so decode reads every weight exactly once, in parallel). Weights kept in their stored type
// (F16, BF16, Q8_0, Q4_K, Q5_K, Q6_K) are computed on in place by core/ops/kernels/packed_linear.h.
// `threads`: how many threads may share the work (1 = this thread only).
void linear(MatRef out, ConstMatRef x, const LinearWeight& w, int threads);

} // namespace core::ops

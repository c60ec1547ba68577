#pragma once
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

namespace core::ops {

// out = x W^T + b      x: (T, in), W: (out, in) [or stored (in, out)], out: (T, out)
// The output features are split across the OpenMP threads; each thread runs one Eigen product on its slice
// (a GEMV when T == 1, so decode reads every weight exactly once, in parallel).
void linear(MatRef out, ConstMatRef x, const LinearWeight& w);

} // namespace core::ops

#pragma once
// Rows of a weight matrix as floats, whatever type it is kept in: the dequantize-on-demand path for what reads
// weights row by row (the embedding lookup, the tensor view, the F16 product's panels).
#include "core/model/model_weights.h"

namespace core::ops {

// True when the kernels compute on this stored type directly (core/ops/kernels/packed_linear.h).
bool computesInPlace(DType t);

// dst[0..n * w.in) = rows [row0, row0 + n) of W (out, in), as floats. W must be in (out, in) layout.
void weightRows(const LinearWeight& w, int row0, int n, float* dst);

} // namespace core::ops

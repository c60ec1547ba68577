#pragma once
// The product with few activation rows (a batch of sequences, a short prompt) on weights of floats or 16-bit values,
// without the packing a general matrix product does: Eigen's GEMM copies the whole weight matrix into its blocked
// layout on every call, which for 2..32 rows costs several times the product itself (measured: 4 rows of a
// 2048 x 768 F32 product took 14x one row). Here each weight row is read once and dotted with up to four
// activation rows at a time; every output is summed in the same order whatever the number of rows, so a row
// computed in a batch is bit-identical to the row computed alone with this kernel.
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

namespace core::ops::kernels {

constexpr int kMaxSmallRows = 32;

// True for F32 (from 2 rows: Eigen's GEMV is as good for one), F16 and BF16 (from 1 row) weights in (out, in)
// layout with at most kMaxSmallRows activation rows.
bool usesSmallRows(const LinearWeight& w, int rows);

// dst (T, n) = x (T, in) W[j0 .. j0 + n)^T.
void smallRowsSlice(MatRef dst, ConstMatRef x, const LinearWeight& w, int j0);

} // namespace core::ops::kernels

#pragma once
// A large matrix made small enough to draw or to keep: each output cell is the largest finite value of the block of
// input cells it covers (attention shows where a head looks; a mean would wash a single strong key out).
#include "core/common/tensor_view.h"

#include <vector>

namespace core {

// (outRows, outCols) block maxima of `in`; outRows <= in.rows and outCols <= in.cols (clamped). A block with no
// finite value (all masked) gives 0. Equal to a copy when the sizes are the same.
std::vector<float> downsampleMax(const TensorView& in, int outRows, int outCols);

} // namespace core

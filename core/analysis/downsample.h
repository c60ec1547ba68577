#pragma once
// A large matrix made small enough to draw or to keep: each output cell is the largest finite value of the block of
// input cells it covers (attention shows where a head looks; a mean would wash a single strong key out).
#include "core/common/tensor_view.h"

#include <vector>

namespace core {

// (outRows, outCols) block maxima of `in`; outRows <= in.rows and outCols <= in.cols (clamped). A block with no
// finite value (all masked) gives 0. Equal to a copy when the sizes are the same.
std::vector<float> downsampleMax(const TensorView& in, int outRows, int outCols);

// (outRows, outCols) blocks of any tensor, each the finite value of largest magnitude it covers, sign kept (a heatmap
// of activations must show a strong negative as strongly as a strong positive, and the tensor's largest magnitude
// survives exactly). A block with no finite value keeps its first entry (-inf of a masked score stays masked).
std::vector<float> downsampleExtreme(const TensorView& in, int outRows, int outCols);

} // namespace core

#pragma once
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

namespace core::ops {

// Row-wise over (T, dim). in and out may be the same memory.
// LayerNorm: (x - mean) / sqrt(var + eps) * w + b      RMSNorm: x / sqrt(mean(x^2) + eps) * w
void layerNorm(MatRef out, ConstMatRef in, const NormWeight& w, float eps);
void rmsNorm(MatRef out, ConstMatRef in, const NormWeight& w, float eps);

} // namespace core::ops

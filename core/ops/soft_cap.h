#pragma once
#include "core/common/tensor_view.h"

namespace core::ops {

// In place: x = cap * tanh(x / cap). Large values bend smoothly towards +-cap, small ones pass almost unchanged
// (Gemma 2's attention scores with cap 50 and its logits with cap 30).
void softCap(MatRef x, float cap);

} // namespace core::ops

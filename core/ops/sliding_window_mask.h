#pragma once
#include "core/common/tensor_view.h"

namespace core::ops {

// scores[i, j] = -inf where key j is after query i's position p = pos0 + i (the causal mask) or at least `window`
// positions before it (p - j >= window): each query sees itself and the window - 1 keys before it, as Mistral's and
// Gemma's sliding-window layers (transformers' sliding_window_overlay, llama.cpp's LLAMA_SWA_TYPE_STANDARD).
void slidingWindowMask(MatRef scores, int pos0, int window);

} // namespace core::ops

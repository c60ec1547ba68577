#pragma once
#include "core/common/tensor_view.h"
#include "core/model/model_config.h"

namespace core::ops {

// In place on up (T, hidden). relu: max(0, x); gelu: x * Phi(x) (erf); gelu_tanh: GPT-2's tanh approximation;
// swiglu: up = silu(gate) * up with silu(g) = g / (1 + e^-g); geglu_tanh: up = gelu_tanh(gate) * up (Gemma).
// `threads`: how many threads may share the rows (the result is the same for any number).
void activate(MatRef up, ConstMatRef gate, Activation kind, int threads = 1);
// Row-wise softmax over logits (R, vocab) into probs.
void softmaxInto(MatRef probs, ConstMatRef logits);

} // namespace core::ops

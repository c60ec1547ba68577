#pragma once
#include "core/common/tensor_view.h"

namespace core::ops {

// One attention head, in four visible steps.
// scores (T, ctx) = q (T, d) k^T (d, ctx) * scale
void attentionScores(MatRef scores, ConstMatRef q, ConstMatRef k, float scale, int threads = 1);
// scores[i, j] = -inf where key j is after query i's position (pos0 + i): a token cannot see the future.
void causalMask(MatRef scores, int pos0);
// Row-wise softmax in place; -inf entries become 0.
void softmaxRows(MatRef x);
// out (T, d) = probs (T, ctx) v (ctx, d)
void attentionMix(MatRef out, ConstMatRef probs, ConstMatRef v, int threads = 1);
// Long prefills split rows (queries) across `threads`; decode (one row) runs on the calling thread.

} // namespace core::ops

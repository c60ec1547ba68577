#pragma once
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

#include <cstdint>
#include <span>

namespace core::ops {

// x (T, dim) = embedding rows of the tokens        table: (vocab, dim)
// (rows are read in the table's stored type and converted: ops::weightRows)
void embed(MatRef x, std::span<const std::int32_t> tokens, const LinearWeight& table);
// x (T, dim) += table rows [pos0, pos0 + T)          table: (maxPositions, dim), learned or sin/cos
void addPositions(MatRef x, int pos0, const float* table);
// RoPE, rotate_half convention: for each head, pairs (i, i + rotaryDim/2) of its first rotaryDim dimensions rotate by
// angle pos * inv_freq[i]; the other headDim - rotaryDim dimensions pass unchanged (partial rotary).
// x: (T, nHeads * headDim); cos/sin: (maxPositions, rotaryDim / 2). rotaryDim 0: headDim.
void rope(MatRef x, int pos0, int nHeads, int headDim, const float* cosTable, const float* sinTable, int rotaryDim = 0);

} // namespace core::ops

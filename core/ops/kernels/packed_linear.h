#pragma once
// The product of activations with a matrix kept in its stored type (LinearWeight::packed), one slice of output
// features at a time (ops::linear splits the features over the threads and adds the bias):
// - F16 / BF16: rows are converted to floats into a small panel that stays in cache, and the panel goes through
//   the same product as F32 weights (f32_gemm.h; also block types with many rows when the build lacks AVX512-VNNI);
// - block types with few rows (decode, a batch of sequences): the activation rows are rounded to 8-bit blocks
//   once and every weight row is dotted with them block by block, reading each weight byte once (block_dot.h);
// - block types with many rows (a prefill): the same 8-bit activations, multiplied in integer tiles (block_gemm.h).
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"
#include "core/ops/kernels/activation_blocks.h"
#include "core/ops/kernels/block_gemm.h"
#include "core/ops/kernels/f32_gemm.h"

#include <vector>

namespace core::ops::kernels {

// Up to this many activation rows a block-quantized product uses block dots; each row is then computed exactly as
// it would be alone, so a batch of up to this many sequences decodes to the same numbers as one sequence. Above
// it the integer tiles of block_gemm.h (equal up to float rounding), or float panels without them.
constexpr int kMaxBlockDotRows = 32;

// True when the product rounds the activations to 8-bit blocks (block dots or integer tiles).
bool usesBlockDots(const LinearWeight& w, int rows);

// The activation rows (T, in) rounded to the blocks W's type pairs with.
class BlockActivations {
public:
    void prepare(ConstMatRef x, DType weightType);
    const ActivationBlock32* row32(int t) const { return m_small.data() + std::size_t(t) * m_perRow; }
    const ActivationBlock256* row256(int t) const { return m_large.data() + std::size_t(t) * m_perRow; }
    // Above kMaxBlockDotRows rows, the same rounding laid out for the integer tiles.
    const BlockGemmActivations& manyRows() const { return m_many; }

private:
    BlockGemmActivations m_many;
    std::vector<ActivationBlock32> m_small;
    std::vector<ActivationBlock256> m_large;
    std::size_t m_perRow = 0;
};

// dst (T, n) = x W[j0 .. j0 + n)^T by block dots or, above kMaxBlockDotRows rows, integer tiles (usesBlockDots).
void blockDotSlice(MatRef dst, const BlockActivations& x, const LinearWeight& w, int j0);
// dst (T, n) = x W[j0 .. j0 + n)^T through float panels; each panel goes through the blocked F32 product when
// `gemm` (x packed for it) is given, else through Eigen's.
void panelSlice(MatRef dst, ConstMatRef x, const LinearWeight& w, int j0, const GemmActivations* gemm);

} // namespace core::ops::kernels

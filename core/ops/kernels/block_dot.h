#pragma once
// Dot products of one packed weight row with one activation row rounded to 8-bit blocks: integer products summed
// per block, then scaled by the two blocks' scales, the way llama.cpp's ggml_vec_dot_*_q8_* do it (block layouts:
// core/formats/quant/dequantize.cpp). AVX2 (with AVX512-VNNI when the build targets it), or plain C++.
#include "core/ops/kernels/activation_blocks.h"

#include <cstdint>

namespace core::ops::kernels {

// out[r] = row . x[r] for r < rows: `row` holds nBlocks weight blocks of the named type, each x[r] the activation
// blocks of the same count. Each weight block is unpacked once for up to four activation rows (a batch or a short
// prompt costs less than that many single rows); every out[r] is the same number as with rows = 1.
void dotQ8_0(const std::uint8_t* row, const ActivationBlock32* const* x, int rows, int nBlocks, float* out);
void dotQ4_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out);
void dotQ5_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out);
void dotQ6_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out);

} // namespace core::ops::kernels

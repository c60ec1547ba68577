#pragma once
// Dot products of one packed weight row with one activation row rounded to 8-bit blocks: integer products summed
// per block, then scaled by the two blocks' scales, the way llama.cpp's ggml_vec_dot_*_q8_* do it (block layouts:
// core/formats/quant/dequantize.cpp). AVX2 (with AVX512-VNNI when the build targets it), or plain C++.
#include "core/ops/kernels/activation_blocks.h"

#include <cstdint>

namespace core::ops::kernels {

// `row` holds nBlocks weight blocks of the named type; x the activation blocks of the same count.
float dotQ8_0(const std::uint8_t* row, const ActivationBlock32* x, int nBlocks);
float dotQ4_K(const std::uint8_t* row, const ActivationBlock256* x, int nBlocks);
float dotQ5_K(const std::uint8_t* row, const ActivationBlock256* x, int nBlocks);
float dotQ6_K(const std::uint8_t* row, const ActivationBlock256* x, int nBlocks);

} // namespace core::ops::kernels

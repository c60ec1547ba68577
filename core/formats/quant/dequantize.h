#pragma once
// GGML's block-quantized formats turned back into floats, bit for bit as the reference does it (llama.cpp
// ggml-quants.c dequantize_row_*, gguf-py gguf/quants.py): same block layouts, same order of float operations.
// This file is compiled with -ffp-contract=off so that no multiply-add is fused into one rounding.
//
// A row of n values of type t is n / blockElements(t) blocks of blockBytes(t) bytes each (core/formats/dtype.h);
// every block format stores its scales as IEEE half.
#include "core/formats/dtype.h"

#include <cstdint>

namespace core::quant {

// out[0..n) = the values of the blocks. n must be a multiple of blockElements(t); blocks must hold
// storedBytes(t, n) bytes (unaligned is fine). t must be a block-quantized type (isQuantized(t)).
void dequantize(DType t, const std::uint8_t* blocks, float* out, std::int64_t n);

// One block each: blocks of 32 (Q4_0 .. Q8_0) or 256 (k-quants) values.
void dequantizeQ4_0(const std::uint8_t* block, float* out);
void dequantizeQ4_1(const std::uint8_t* block, float* out);
void dequantizeQ5_0(const std::uint8_t* block, float* out);
void dequantizeQ5_1(const std::uint8_t* block, float* out);
void dequantizeQ8_0(const std::uint8_t* block, float* out);
void dequantizeQ2_K(const std::uint8_t* block, float* out);
void dequantizeQ3_K(const std::uint8_t* block, float* out);
void dequantizeQ4_K(const std::uint8_t* block, float* out);
void dequantizeQ5_K(const std::uint8_t* block, float* out);
void dequantizeQ6_K(const std::uint8_t* block, float* out);

// The 6-bit scale and min of sub-block j (0..7) packed in the 12 scale bytes of a Q4_K / Q5_K block
// (llama.cpp get_scale_min_k4).
void scaleMinK4(int j, const std::uint8_t* scales, std::uint8_t& scale, std::uint8_t& min);

} // namespace core::quant

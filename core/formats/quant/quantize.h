#pragma once
// Floats into GGML blocks, as llama.cpp's reference quantizers do it (ggml-quants.c quantize_row_q8_0_ref,
// quantize_row_q4_0_ref): the same scale, the same rounding, the same half conversion, so that quantizing an F32
// tensor gives the bytes llama-quantize writes (checked against the fixtures made by llama-quantize). Compiled
// with -ffp-contract=off like dequantize.cpp. The k-quants (quantize_k.cpp) follow the reference path llama-quantize
// takes without an importance matrix (quantize_row_q4_K_ref, quantize_row_q6_K_ref): per sub-block a weighted
// least-squares search for scale and min, then the scales themselves quantized to 6 or 8 bits.
#include "core/formats/dtype.h"

#include <cstdint>
#include <vector>

namespace core::quant {

// One block of 32 values each.
void quantizeQ8_0(const float* values, std::uint8_t* block);
void quantizeQ4_0(const float* values, std::uint8_t* block);
void quantizeQ5_0(const float* values, std::uint8_t* block);
// One super-block of 256 values each.
void quantizeQ4_K(const float* values, std::uint8_t* block);
void quantizeQ6_K(const float* values, std::uint8_t* block);

bool canQuantize(DType t); // Q8_0, Q4_0, Q5_0, Q4_K, Q6_K
// n values (a multiple of blockElements(t)) into storedBytes(t, n) bytes; canQuantize(t).
std::vector<std::uint8_t> quantize(DType t, const float* values, std::int64_t n);

} // namespace core::quant

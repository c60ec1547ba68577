#pragma once
// Floats into GGML blocks, as llama.cpp's reference quantizers do it (ggml-quants.c quantize_row_q8_0_ref,
// quantize_row_q4_0_ref): the same scale, the same rounding, the same half conversion, so that quantizing an F32
// tensor gives the bytes llama-quantize writes (checked against the fixtures made by llama-quantize). Compiled
// with -ffp-contract=off like dequantize.cpp. Only the simple formats: the k-quants' scale search is not here.
#include "core/formats/dtype.h"

#include <cstdint>
#include <vector>

namespace core::quant {

// One block of 32 values each.
void quantizeQ8_0(const float* values, std::uint8_t* block);
void quantizeQ4_0(const float* values, std::uint8_t* block);

// n values (a multiple of 32) into storedBytes(t, n) bytes; t is Q8_0 or Q4_0.
std::vector<std::uint8_t> quantize(DType t, const float* values, std::int64_t n);

} // namespace core::quant

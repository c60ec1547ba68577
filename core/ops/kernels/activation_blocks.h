#pragma once
// Activation rows rounded to 8-bit blocks, the form the quantized dot products read, as llama.cpp does (its Q8_0,
// whose scale is a half, and Q8_K, whose scale is a float): our products then round like llama.cpp's.
#include <cstdint>
#include <vector>

namespace core::ops::kernels {

// 32 values: value i ~ d * qs[i]. Paired with Q8_0 weights.
struct ActivationBlock32 {
    float d;
    std::int8_t qs[32];
};

// 256 values (one k-quant super-block): value i ~ d * qs[i]; bsums[g] = sum of qs[16 g .. 16 g + 15], which the
// k-quants need to apply their per-sub-block minimum (Q4_K, Q5_K) or offset (Q6_K) without touching qs again.
struct ActivationBlock256 {
    float d;
    std::int8_t qs[256];
    std::int16_t bsums[16];
};

// x[0..n) into n / 32 (resp. n / 256) blocks: d = max |x| / 127, qs = round(x / d).
void quantizeActivations(const float* x, int n, ActivationBlock32* out);
void quantizeActivations(const float* x, int n, ActivationBlock256* out);

} // namespace core::ops::kernels

#include "core/ops/kernels/activation_blocks.h"

#include "core/common/half.h"

#include <algorithm>
#include <cmath>

namespace core::ops::kernels {

namespace {
    // One block of `n` values; returns d and writes qs.
    float roundBlock(const float* x, int n, std::int8_t* qs)
    {
        float amax = 0.0f;
        for (int i = 0; i < n; ++i)
            amax = std::max(amax, std::fabs(x[i]));
        const float d = amax / 127.0f;
        const float id = d > 0.0f ? 1.0f / d : 0.0f;
        for (int i = 0; i < n; ++i)
            qs[i] = std::int8_t(std::lrintf(x[i] * id)); // |x * id| <= 127 by construction
        return d;
    }
} // namespace

void quantizeActivations(const float* x, int n, ActivationBlock32* out)
{
    // llama.cpp stores this scale as half (block_q8_0); so do we, so that Q8_0 products match its numbers.
    for (int b = 0; b < n / 32; ++b)
        out[b].d = f16ToFloat(floatToF16(roundBlock(x + 32 * b, 32, out[b].qs)));
}

void quantizeActivations(const float* x, int n, ActivationBlock256* out)
{
    for (int b = 0; b < n / 256; ++b) {
        out[b].d = roundBlock(x + 256 * b, 256, out[b].qs);
        for (int g = 0; g < 16; ++g) {
            int s = 0;
            for (int i = 0; i < 16; ++i)
                s += out[b].qs[16 * g + i];
            out[b].bsums[g] = std::int16_t(s);
        }
    }
}

} // namespace core::ops::kernels

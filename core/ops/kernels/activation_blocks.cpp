#include "core/ops/kernels/activation_blocks.h"

#include "core/common/half.h"

#include <algorithm>
#include <cmath>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace core::ops::kernels {

namespace {
    // One block of `n` values; returns d and writes qs.
    float roundBlock(const float* x, int n, std::int8_t* qs)
    {
#if defined(__AVX2__)
        // The same numbers as the loop below: max |x| is exact in any order, and the conversion rounds to nearest
        // even as lrintf does in the default rounding mode. (n is 32 or 256.)
        const __m256 signBit = _mm256_set1_ps(-0.0f);
        __m256 m = _mm256_setzero_ps();
        for (int i = 0; i < n; i += 8)
            m = _mm256_max_ps(
                _mm256_andnot_ps(signBit, _mm256_loadu_ps(x + i)), m); // a NaN is skipped, as std::max does
        __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float d = _mm_cvtss_f32(m4) / 127.0f;
        const __m256 id = _mm256_set1_ps(d > 0.0f ? 1.0f / d : 0.0f);
        for (int i = 0; i < n; i += 8) {
            const __m256i q = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + i), id));
            const __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
            _mm_storel_epi64(reinterpret_cast<__m128i*>(qs + i), _mm_packs_epi16(q16, q16));
        }
        return d;
#else
        float amax = 0.0f;
        for (int i = 0; i < n; ++i)
            amax = std::max(amax, std::fabs(x[i]));
        const float d = amax / 127.0f;
        const float id = d > 0.0f ? 1.0f / d : 0.0f;
        for (int i = 0; i < n; ++i)
            qs[i] = std::int8_t(std::lrintf(x[i] * id)); // |x * id| <= 127 by construction
        return d;
#endif
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

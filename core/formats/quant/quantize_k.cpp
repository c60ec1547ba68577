// The k-quant writers (Q4_K, Q6_K) of quantize.h, step for step as llama.cpp's reference quantizers round: the same
// search, the same float operations in the same order (compiled with -ffp-contract=off), so the bytes equal those
// llama-quantize writes without an importance matrix (tst_quantize checks them against its files).
#include "core/formats/quant/dequantize.h"
#include "core/formats/quant/quantize.h"

#include "core/common/half.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace core::quant {

namespace {
    constexpr int kSuper = 256; // values per super-block (QK_K)

    void putHalf(std::uint8_t* p, float v)
    {
        const std::uint16_t h = floatToF16(v);
        std::memcpy(p, &h, 2);
    }
    float getHalf(const std::uint8_t* p)
    {
        std::uint16_t h;
        std::memcpy(&h, p, 2);
        return f16ToFloat(h);
    }

    // Round to nearest, ties to even, by adding 1.5 * 2^23 (the reference's trick; |v| < 2^22).
    int nearestInt(float v)
    {
        const float shifted = v + 12582912.f;
        std::int32_t bits;
        std::memcpy(&bits, &shifted, 4);
        return (bits & 0x007fffff) - 0x00400000;
    }

    // Scale and min of one sub-block for an unsigned code 0..nmax: start from the range [min(x, 0), max(x)], then
    // try nstep + 1 wider or narrower grids and keep the weighted least-squares fit of the codes with the smallest
    // weighted squared error. Returns the scale, sets *negMin = −min (≥ 0) and the codes in L.
    float fitScaleMin(int n, int nmax, const float* x, const float* w, std::uint8_t* L, float* negMin,
        std::uint8_t* Ltry, float rmin, float rdelta, int nstep)
    {
        float min = x[0], max = x[0];
        float sumW = w[0];
        float sumX = sumW * x[0];
        for (int i = 1; i < n; ++i) {
            if (x[i] < min)
                min = x[i];
            if (x[i] > max)
                max = x[i];
            sumW += w[i];
            sumX += w[i] * x[i];
        }
        if (min > 0)
            min = 0;
        if (max == min) {
            std::fill(L, L + n, std::uint8_t(0));
            *negMin = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; ++i) {
            const int l = nearestInt(iscale * (x[i] - min));
            L[i] = std::uint8_t(std::max(0, std::min(nmax, l)));
            const float diff = scale * L[i] + min - x[i];
            bestError += w[i] * (diff * diff);
        }
        for (int step = 0; step <= nstep; ++step) {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; ++i) {
                const int l = std::max(0, std::min(nmax, nearestInt(iscale * (x[i] - min))));
                Ltry[i] = std::uint8_t(l);
                sumL += w[i] * l;
                sumL2 += w[i] * l * l;
                sumXL += w[i] * l * x[i];
            }
            const float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float tryScale = (sumW * sumXL - sumX * sumL) / det;
                float tryMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (tryMin > 0) {
                    tryMin = 0;
                    tryScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; ++i) {
                    const float diff = tryScale * Ltry[i] + tryMin - x[i];
                    error += w[i] * (diff * diff);
                }
                if (error < bestError) {
                    std::copy(Ltry, Ltry + n, L);
                    bestError = error;
                    scale = tryScale;
                    min = tryMin;
                }
            }
        }
        *negMin = -min;
        return scale;
    }

    // Scale of one sub-block for a signed code −nmax..nmax−1, weights x² (rmse_type 1): the least-squares scale of
    // the codes at 19 grids around nmax / max|x|, keeping the one that explains most of x.
    float fitScaleSigned(int n, int nmax, const float* x, std::int8_t* L)
    {
        float max = 0, amax = 0;
        for (int i = 0; i < n; ++i) {
            const float ax = std::fabs(x[i]);
            if (ax > amax) {
                amax = ax;
                max = x[i];
            }
        }
        if (amax < 1e-15f) { // all zero
            std::fill(L, L + n, std::int8_t(0));
            return 0.f;
        }
        const auto code = [nmax](float v) { return std::max(-nmax, std::min(nmax - 1, nearestInt(v))); };
        float iscale = -nmax / max;
        float sumLX = 0, sumL2 = 0;
        for (int i = 0; i < n; ++i) {
            const int l = code(iscale * x[i]);
            L[i] = std::int8_t(l + nmax);
            const float w = x[i] * x[i];
            sumLX += w * x[i] * l;
            sumL2 += w * l * l;
        }
        float scale = sumL2 != 0 ? sumLX / sumL2 : 0.0f;
        float best = scale * sumLX;
        for (int step = -9; step <= 9; ++step) {
            if (step == 0)
                continue;
            iscale = -(nmax + 0.1f * step) / max;
            sumLX = sumL2 = 0;
            for (int i = 0; i < n; ++i) {
                const int l = code(iscale * x[i]);
                const float w = x[i] * x[i];
                sumLX += w * x[i] * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
                for (int i = 0; i < n; ++i)
                    L[i] = std::int8_t(nmax + code(iscale * x[i]));
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }
} // namespace

// block_q4_K { f16 d, dmin; u8 scales[12]; u8 qs[128]; }: 8 sub-blocks of 32, value = d * sc_j * q − dmin * m_j
// with 6-bit sc_j, m_j packed as scaleMinK4 reads them, 4-bit q (sub-blocks 2k and 2k+1 share the bytes 32k..32k+31,
// low and high nibble).
void quantizeQ4_K(const float* x, std::uint8_t* block)
{
    std::uint8_t L[kSuper], Ltry[32];
    float w[32], scales[8], mins[8];
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 8; ++j) {
        const float* xs = x + 32 * j;
        float sumX2 = 0;
        for (int l = 0; l < 32; ++l)
            sumX2 += xs[l] * xs[l];
        const float rms = std::sqrt(sumX2 / 32);
        for (int l = 0; l < 32; ++l)
            w[l] = rms + std::fabs(xs[l]);
        scales[j] = fitScaleMin(32, 15, xs, w, L + 32 * j, &mins[j], Ltry, -1.f, 0.1f, 20);
        maxScale = std::max(maxScale, scales[j]); // scales and mins are ≥ 0 (the min is subtracted)
        maxMin = std::max(maxMin, mins[j]);
    }
    std::uint8_t* packed = block + 4;
    std::memset(packed, 0, 12);
    const float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
    const float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
    for (int j = 0; j < 8; ++j) {
        const std::uint8_t ls = std::uint8_t(std::min(63, int(std::uint8_t(nearestInt(invScale * scales[j])))));
        const std::uint8_t lm = std::uint8_t(std::min(63, int(std::uint8_t(nearestInt(invMin * mins[j])))));
        if (j < 4) { // 6 bits each in the low bits of bytes j (scale) and j + 4 (min)
            packed[j] = ls;
            packed[j + 4] = lm;
        } else { // low nibbles in byte j + 4, the top 2 bits in the spare top bits of bytes j − 4 and j
            packed[j + 4] = std::uint8_t((ls & 0xF) | ((lm & 0xF) << 4));
            packed[j - 4] |= std::uint8_t((ls >> 4) << 6);
            packed[j] |= std::uint8_t((lm >> 4) << 6);
        }
    }
    putHalf(block, maxScale / 63.f);
    putHalf(block + 2, maxMin / 63.f);
    // The codes again, against the scales as stored (rounded to 6 bits and half).
    const float d = getHalf(block), dmin = getHalf(block + 2);
    for (int j = 0; j < 8; ++j) {
        std::uint8_t sc, m;
        scaleMinK4(j, packed, sc, m);
        const float dj = d * sc;
        if (dj == 0)
            continue;
        const float mj = dmin * m;
        for (int i = 0; i < 32; ++i)
            L[32 * j + i] = std::uint8_t(std::max(0, std::min(15, nearestInt((x[32 * j + i] + mj) / dj))));
    }
    std::uint8_t* qs = block + 16;
    for (int j = 0; j < kSuper; j += 64, qs += 32)
        for (int l = 0; l < 32; ++l)
            qs[l] = std::uint8_t(L[j + l] | (L[j + l + 32] << 4));
}

// block_q6_K { u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d; }: 16 sub-blocks of 16, value = d * scale_j * (q − 32)
// with an 8-bit signed scale_j and a 6-bit q (low 4 bits in ql, high 2 in qh; see dequantizeQ6_K for the order).
void quantizeQ6_K(const float* x, std::uint8_t* block)
{
    std::int8_t L[kSuper];
    float scales[16];
    float maxScale = 0, maxAbsScale = 0;
    for (int j = 0; j < 16; ++j) {
        scales[j] = fitScaleSigned(16, 32, x + 16 * j, L + 16 * j);
        if (std::fabs(scales[j]) > maxAbsScale) {
            maxAbsScale = std::fabs(scales[j]);
            maxScale = scales[j];
        }
    }
    std::uint8_t* ql = block;
    std::uint8_t* qh = block + 128;
    std::int8_t* sc = reinterpret_cast<std::int8_t*>(block + 192);
    if (maxAbsScale < 1e-15f) { // all zero: an all-zero block
        std::memset(block, 0, 210);
        return;
    }
    const float iscale = -128.f / maxScale;
    putHalf(block + 208, 1 / iscale);
    for (int j = 0; j < 16; ++j)
        sc[j] = std::int8_t(std::min(127, nearestInt(iscale * scales[j])));
    const float d = getHalf(block + 208);
    for (int j = 0; j < 16; ++j) {
        const float dj = d * sc[j];
        if (dj == 0)
            continue;
        for (int i = 0; i < 16; ++i)
            L[16 * j + i] = std::int8_t(std::max(-32, std::min(31, nearestInt(x[16 * j + i] / dj))) + 32);
    }
    for (int j = 0; j < kSuper; j += 128, ql += 64, qh += 32)
        for (int l = 0; l < 32; ++l) {
            const auto q = [&](int k) { return std::uint8_t(L[j + l + 32 * k]); };
            ql[l] = std::uint8_t((q(0) & 0xF) | ((q(2) & 0xF) << 4));
            ql[l + 32] = std::uint8_t((q(1) & 0xF) | ((q(3) & 0xF) << 4));
            qh[l] = std::uint8_t((q(0) >> 4) | ((q(1) >> 4) << 2) | ((q(2) >> 4) << 4) | ((q(3) >> 4) << 6));
        }
}

} // namespace core::quant

#include "core/ops/kernels/block_dot.h"

#include "core/ops/kernels/block_fields.h"

#include <cstring>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define IE_BLOCK_DOT_AVX2 1
#endif

namespace core::ops::kernels {

namespace {
    // sum_j mins[j] * (sum of the activations of sub-block j), the part of a Q4_K / Q5_K dot the minimum adds.
    int minTerm(const std::uint8_t mins[8], const std::int16_t bsums[16])
    {
        int s = 0;
        for (int j = 0; j < 8; ++j)
            s += int(mins[j]) * (bsums[2 * j] + bsums[2 * j + 1]);
        return s;
    }

#if IE_BLOCK_DOT_AVX2
    // acc + per 32-bit lane the sum of four u8 * s8 products.
    inline __m256i dotU8S8(__m256i acc, __m256i u, __m256i s)
    {
#if defined(__AVX512VNNI__) && defined(__AVX512VL__)
        return _mm256_dpbusd_epi32(acc, u, s);
#else
        // maddubs cannot saturate here: every u is <= 127 and every s >= -128, so pairs stay within +-32512.
        return _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1)));
#endif
    }

    inline float sumLanes(__m256 v)
    {
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }

    inline __m256i load32(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
#endif
} // namespace

// block_q8_0 { f16 d; i8 qs[32]; }
template <int R> void dotQ8_0Rows(const std::uint8_t* row, const ActivationBlock32* const* x, int nBlocks, float* out)
{
#if IE_BLOCK_DOT_AVX2
    __m256 acc[R];
    for (int r = 0; r < R; ++r)
        acc[r] = _mm256_setzero_ps();
    for (int b = 0; b < nBlocks; ++b) {
        const std::uint8_t* blk = row + 34 * b;
        const __m256i w = load32(blk + 2);
        // |w| times a with w's sign: unsigned by signed, which the 8-bit multiply-add needs. (|w| is taken as
        // unsigned, so w = -128 gives 128; our activations are within +-127, so the sign flip never overflows.)
        const __m256i aw = _mm256_abs_epi8(w);
        const float dw = halfAt(blk);
        for (int r = 0; r < R; ++r) {
            const __m256i p = dotU8S8(_mm256_setzero_si256(), aw, _mm256_sign_epi8(load32(x[r][b].qs), w));
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(dw * x[r][b].d), _mm256_cvtepi32_ps(p), acc[r]);
        }
    }
    for (int r = 0; r < R; ++r)
        out[r] = sumLanes(acc[r]);
#else
    for (int r = 0; r < R; ++r) {
        float sum = 0.0f;
        for (int b = 0; b < nBlocks; ++b) {
            const std::uint8_t* blk = row + 34 * b;
            const auto* w = reinterpret_cast<const std::int8_t*>(blk + 2);
            int s = 0;
            for (int i = 0; i < 32; ++i)
                s += int(w[i]) * x[r][b].qs[i];
            sum += halfAt(blk) * x[r][b].d * float(s);
        }
        out[r] = sum;
    }
#endif
}

// block_q4_K { f16 d, dmin; u8 scales[12]; u8 qs[128]; }: 8 sub-blocks of 32, value = d * sc * q - dmin * m.
// Byte l of chunk c (32 bytes) holds value 64 c + l in its low nibble and value 64 c + 32 + l in its high one.
template <int R> void dotQ4_KRows(const std::uint8_t* row, const ActivationBlock256* const* x, int nBlocks, float* out)
{
    float sum[R] = {};
#if IE_BLOCK_DOT_AVX2
    __m256 acc[R];
    for (int r = 0; r < R; ++r)
        acc[r] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0F);
#endif
    for (int b = 0; b < nBlocks; ++b) {
        const std::uint8_t* blk = row + 144 * b;
        const std::uint8_t* qs = blk + 16;
        std::uint8_t sc[8], mn[8];
        scalesAndMins(blk + 4, sc, mn);
        const float d = halfAt(blk), dmin = halfAt(blk + 2);
        for (int r = 0; r < R; ++r)
            sum[r] -= dmin * x[r][b].d * float(minTerm(mn, x[r][b].bsums));
#if IE_BLOCK_DOT_AVX2
        __m256i si[R];
        for (int r = 0; r < R; ++r)
            si[r] = _mm256_setzero_si256();
        for (int c = 0; c < 4; ++c) {
            const __m256i q = load32(qs + 32 * c);
            const __m256i lo = _mm256_and_si256(q, low4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
            const __m256i s0 = _mm256_set1_epi32(sc[2 * c]), s1 = _mm256_set1_epi32(sc[2 * c + 1]);
            for (int r = 0; r < R; ++r) {
                const std::int8_t* a = x[r][b].qs + 64 * c;
                const __m256i p0 = dotU8S8(_mm256_setzero_si256(), lo, load32(a));
                const __m256i p1 = dotU8S8(_mm256_setzero_si256(), hi, load32(a + 32));
                si[r] = _mm256_add_epi32(si[r], _mm256_mullo_epi32(p0, s0));
                si[r] = _mm256_add_epi32(si[r], _mm256_mullo_epi32(p1, s1));
            }
        }
        for (int r = 0; r < R; ++r)
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(d * x[r][b].d), _mm256_cvtepi32_ps(si[r]), acc[r]);
#else
        for (int r = 0; r < R; ++r) {
            const std::int8_t* a = x[r][b].qs;
            int si = 0;
            for (int c = 0; c < 4; ++c) {
                int s0 = 0, s1 = 0;
                for (int l = 0; l < 32; ++l) {
                    s0 += int(qs[32 * c + l] & 0xF) * a[64 * c + l];
                    s1 += int(qs[32 * c + l] >> 4) * a[64 * c + 32 + l];
                }
                si += sc[2 * c] * s0 + sc[2 * c + 1] * s1;
            }
            sum[r] += d * x[r][b].d * float(si);
        }
#endif
    }
    for (int r = 0; r < R; ++r) {
#if IE_BLOCK_DOT_AVX2
        sum[r] += sumLanes(acc[r]);
#endif
        out[r] = sum[r];
    }
}

// block_q5_K { f16 d, dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]; }: as Q4_K, the fifth bit of value 64 c + l in
// bit 2 c of qh[l] and of value 64 c + 32 + l in bit 2 c + 1.
template <int R> void dotQ5_KRows(const std::uint8_t* row, const ActivationBlock256* const* x, int nBlocks, float* out)
{
    float sum[R] = {};
#if IE_BLOCK_DOT_AVX2
    __m256 acc[R];
    for (int r = 0; r < R; ++r)
        acc[r] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    const __m256i one = _mm256_set1_epi8(1);
#endif
    for (int b = 0; b < nBlocks; ++b) {
        const std::uint8_t* blk = row + 176 * b;
        const std::uint8_t* qh = blk + 16;
        const std::uint8_t* qs = blk + 48;
        std::uint8_t sc[8], mn[8];
        scalesAndMins(blk + 4, sc, mn);
        const float d = halfAt(blk), dmin = halfAt(blk + 2);
        for (int r = 0; r < R; ++r)
            sum[r] -= dmin * x[r][b].d * float(minTerm(mn, x[r][b].bsums));
#if IE_BLOCK_DOT_AVX2
        const __m256i h = load32(qh);
        __m256i si[R];
        for (int r = 0; r < R; ++r)
            si[r] = _mm256_setzero_si256();
        for (int c = 0; c < 4; ++c) {
            const __m256i q = load32(qs + 32 * c);
            const __m256i h0 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2 * c), one), 4);
            const __m256i h1 = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2 * c + 1), one), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(q, low4), h0);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q, 4), low4), h1);
            const __m256i s0 = _mm256_set1_epi32(sc[2 * c]), s1 = _mm256_set1_epi32(sc[2 * c + 1]);
            for (int r = 0; r < R; ++r) {
                const std::int8_t* a = x[r][b].qs + 64 * c;
                const __m256i p0 = dotU8S8(_mm256_setzero_si256(), lo, load32(a));
                const __m256i p1 = dotU8S8(_mm256_setzero_si256(), hi, load32(a + 32));
                si[r] = _mm256_add_epi32(si[r], _mm256_mullo_epi32(p0, s0));
                si[r] = _mm256_add_epi32(si[r], _mm256_mullo_epi32(p1, s1));
            }
        }
        for (int r = 0; r < R; ++r)
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(d * x[r][b].d), _mm256_cvtepi32_ps(si[r]), acc[r]);
#else
        for (int r = 0; r < R; ++r) {
            const std::int8_t* a = x[r][b].qs;
            int si = 0;
            for (int c = 0; c < 4; ++c) {
                int s0 = 0, s1 = 0;
                for (int l = 0; l < 32; ++l) {
                    const int q0 = (qs[32 * c + l] & 0xF) | (((qh[l] >> (2 * c)) & 1) << 4);
                    const int q1 = (qs[32 * c + l] >> 4) | (((qh[l] >> (2 * c + 1)) & 1) << 4);
                    s0 += q0 * a[64 * c + l];
                    s1 += q1 * a[64 * c + 32 + l];
                }
                si += sc[2 * c] * s0 + sc[2 * c + 1] * s1;
            }
            sum[r] += d * x[r][b].d * float(si);
        }
#endif
    }
    for (int r = 0; r < R; ++r) {
#if IE_BLOCK_DOT_AVX2
        sum[r] += sumLanes(acc[r]);
#endif
        out[r] = sum[r];
    }
}

// block_q6_K { u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d; }: value = d * scales[v / 16] * (q - 32) with a 6-bit q.
// In half n (128 values), byte l < 32 of ql / qh gives values l (ql[l] low, qh bits 0-1), 32 + l (ql[32 + l] low,
// bits 2-3), 64 + l (ql[l] high, bits 4-5) and 96 + l (ql[32 + l] high, bits 6-7).
template <int R> void dotQ6_KRows(const std::uint8_t* row, const ActivationBlock256* const* x, int nBlocks, float* out)
{
    float sum[R] = {};
#if IE_BLOCK_DOT_AVX2
    __m256 acc[R];
    for (int r = 0; r < R; ++r)
        acc[r] = _mm256_setzero_ps();
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    const __m256i two = _mm256_set1_epi8(3);
#endif
    for (int b = 0; b < nBlocks; ++b) {
        const std::uint8_t* blk = row + 210 * b;
        const auto* scales = reinterpret_cast<const std::int8_t*>(blk + 192);
        const float dw = halfAt(blk + 208);
        // The -32 of every q, applied once per 16 values through the activation sums.
        for (int r = 0; r < R; ++r) {
            int offset = 0;
            for (int g = 0; g < 16; ++g)
                offset += scales[g] * x[r][b].bsums[g];
            sum[r] -= dw * x[r][b].d * float(32 * offset);
        }
#if IE_BLOCK_DOT_AVX2
        __m256i si[R];
        for (int r = 0; r < R; ++r)
            si[r] = _mm256_setzero_si256();
        for (int n = 0; n < 2; ++n) {
            const std::uint8_t* ql = blk + 64 * n;
            const __m256i qlA = load32(ql), qlB = load32(ql + 32), qh = load32(blk + 128 + 32 * n);
            const __m256i q[4] = {
                _mm256_or_si256(_mm256_and_si256(qlA, low4), _mm256_slli_epi16(_mm256_and_si256(qh, two), 4)),
                _mm256_or_si256(
                    _mm256_and_si256(qlB, low4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), two), 4)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(qlA, 4), low4),
                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), two), 4)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(qlB, 4), low4),
                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), two), 4)),
            };
            for (int k = 0; k < 4; ++k) {
                // Lanes 0-3 cover values 0-15 of these 32, lanes 4-7 values 16-31: two scales.
                const int g = 8 * n + 2 * k;
                const __m256i s = _mm256_setr_epi32(scales[g], scales[g], scales[g], scales[g], scales[g + 1],
                    scales[g + 1], scales[g + 1], scales[g + 1]);
                for (int r = 0; r < R; ++r) {
                    const __m256i p = dotU8S8(_mm256_setzero_si256(), q[k], load32(x[r][b].qs + 128 * n + 32 * k));
                    si[r] = _mm256_add_epi32(si[r], _mm256_mullo_epi32(p, s));
                }
            }
        }
        for (int r = 0; r < R; ++r)
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(dw * x[r][b].d), _mm256_cvtepi32_ps(si[r]), acc[r]);
#else
        for (int r = 0; r < R; ++r) {
            int si = 0;
            for (int n = 0; n < 2; ++n) {
                const std::uint8_t* ql = blk + 64 * n;
                const std::uint8_t* qh = blk + 128 + 32 * n;
                const std::int8_t* a = x[r][b].qs + 128 * n;
                const std::int8_t* sc = scales + 8 * n;
                for (int l = 0; l < 32; ++l) {
                    const int q1 = (ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4);
                    const int q2 = (ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4);
                    const int q3 = (ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4);
                    const int q4 = (ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4);
                    const int is = l / 16;
                    si += sc[is] * q1 * a[l] + sc[is + 2] * q2 * a[l + 32] + sc[is + 4] * q3 * a[l + 64]
                        + sc[is + 6] * q4 * a[l + 96];
                }
            }
            sum[r] += dw * x[r][b].d * float(si);
        }
#endif
    }
    for (int r = 0; r < R; ++r) {
#if IE_BLOCK_DOT_AVX2
        sum[r] += sumLanes(acc[r]);
#endif
        out[r] = sum[r];
    }
}

namespace {
    // Rows in groups of up to kRowGroup: each weight block is unpacked once per group.
    template <typename Block, void (*One)(const std::uint8_t*, const Block* const*, int, float*),
        void (*Two)(const std::uint8_t*, const Block* const*, int, float*),
        void (*Four)(const std::uint8_t*, const Block* const*, int, float*)>
    void grouped(const std::uint8_t* row, const Block* const* x, int rows, int nBlocks, float* out)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
            Four(row, x + r, nBlocks, out + r);
        for (; r + 2 <= rows; r += 2)
            Two(row, x + r, nBlocks, out + r);
        for (; r < rows; ++r)
            One(row, x + r, nBlocks, out + r);
    }
} // namespace

void dotQ8_0(const std::uint8_t* row, const ActivationBlock32* const* x, int rows, int nBlocks, float* out)
{
    grouped<ActivationBlock32, dotQ8_0Rows<1>, dotQ8_0Rows<2>, dotQ8_0Rows<4>>(row, x, rows, nBlocks, out);
}
void dotQ4_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out)
{
    grouped<ActivationBlock256, dotQ4_KRows<1>, dotQ4_KRows<2>, dotQ4_KRows<4>>(row, x, rows, nBlocks, out);
}
void dotQ5_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out)
{
    grouped<ActivationBlock256, dotQ5_KRows<1>, dotQ5_KRows<2>, dotQ5_KRows<4>>(row, x, rows, nBlocks, out);
}
void dotQ6_K(const std::uint8_t* row, const ActivationBlock256* const* x, int rows, int nBlocks, float* out)
{
    grouped<ActivationBlock256, dotQ6_KRows<1>, dotQ6_KRows<2>, dotQ6_KRows<4>>(row, x, rows, nBlocks, out);
}

} // namespace core::ops::kernels

#include "core/ops/kernels/block_gemm.h"

#include "core/ops/kernels/activation_blocks.h"
#include "core/ops/kernels/block_fields.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512DQ__) && defined(__AVX512VNNI__)                  \
    && defined(__AVX512VL__) && defined(__F16C__)
#include <immintrin.h>
#define IE_BLOCK_GEMM 1
#endif

namespace core::ops::kernels {

bool blockGemmAvailable()
{
#if IE_BLOCK_GEMM
    return true;
#else
    return false;
#endif
}

void BlockGemmActivations::prepare(ConstMatRef x, DType weightType)
{
    const int T = int(x.rows()), in = int(x.cols());
    const bool small = weightType == DType::Q8_0;
    m_block = small ? 32 : 256;
    // Q8_0 rows are read 64 values (two blocks) at a time: pad to a multiple of 64 (the weight panel pads with 0).
    m_padded = small ? (in + 63) / 64 * 64 : in;
    const std::size_t blocks = std::size_t(m_padded / m_block);
    m_values.assign(std::size_t(T) * std::size_t(m_padded), 128);
    m_scales.assign(std::size_t(T) * blocks, 0.0f);
    m_groupSums.resize(small ? 0 : std::size_t(T) * std::size_t(m_padded / 16));
    // The same rounding as block_dot.h's activations (quantizeActivations), rearranged: values contiguous.
    std::vector<float> row;
    std::vector<ActivationBlock32> b32(small ? blocks : 0);
    std::vector<ActivationBlock256> b256(small ? 0 : blocks);
    for (int t = 0; t < T; ++t) {
        const float* v = x.row(t).data();
        if (x.innerStride() != 1) {
            row.assign(x.row(t).begin(), x.row(t).end());
            v = row.data();
        }
        std::uint8_t* q = m_values.data() + std::size_t(t) * std::size_t(m_padded);
        float* d = m_scales.data() + std::size_t(t) * blocks;
        if (small) {
            quantizeActivations(v, in, b32.data());
            for (int b = 0; b < in / 32; ++b) {
                d[b] = b32[std::size_t(b)].d;
                // q + 128, unsigned: the 8-bit multiply-add takes one unsigned operand (the weights' sums undo it).
                for (int i = 0; i < 32; ++i)
                    q[32 * b + i] = std::uint8_t(b32[std::size_t(b)].qs[i] + 128);
            }
            continue;
        }
        quantizeActivations(v, in, b256.data());
        float* gs = m_groupSums.data() + std::size_t(t) * std::size_t(m_padded / 16);
        for (std::size_t b = 0; b < blocks; ++b) {
            d[b] = b256[b].d;
            std::memcpy(q + 256 * b, b256[b].qs, 256);
            for (int g = 0; g < 16; ++g)
                gs[16 * b + std::size_t(g)] = b256[b].d * float(b256[b].bsums[g]);
        }
    }
}

#if IE_BLOCK_GEMM
namespace {
    // Weight rows held at once by the tile (and unpacked together into the panel), activation rows per tile.
    template <bool Q8> constexpr int kTileW = Q8 ? 4 : 5;
    template <bool Q8> constexpr int kTileA = Q8 ? 4 : 2;

    // A few weight rows unpacked. Q8_0: q as signed bytes, per 4 values -128 * their sum (which cancels the +128
    // of the activations), a scale per block. k-quants: value = d * sc * q - o with q in 0..63 as unsigned bytes,
    // sc (16-bit) and o per group of 16 values, d per block.
    struct Panel {
        int padded = 0;
        std::vector<std::uint8_t> q;
        std::vector<std::int32_t> correction; // Q8_0
        std::vector<std::int16_t> sc; // k-quants
        std::vector<float> d;
        std::vector<float> o; // k-quants
        const std::uint8_t* qRow(int r) const { return q.data() + std::size_t(r) * std::size_t(padded); }
        const std::int32_t* correctionRow(int r) const
        {
            return correction.data() + std::size_t(r) * std::size_t(padded / 4);
        }
        const std::int16_t* scRow(int r) const { return sc.data() + std::size_t(r) * std::size_t(padded / 16); }
        const float* dRow(int r, int block) const { return d.data() + std::size_t(r) * std::size_t(padded / block); }
        const float* oRow(int r) const { return o.data() + std::size_t(r) * std::size_t(padded / 16); }
    };

    __m256i load32(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
    void store32(void* p, __m256i v) { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }

    // One Q4_K / Q5_K block: 8 sub-blocks of 32 with a 6-bit scale and min each (layouts: block_dot.cpp).
    void unpackQ45_K(const std::uint8_t* blk, bool five, std::uint8_t* q, std::int16_t* sc, float* d, float* o)
    {
        std::uint8_t s[8], m[8];
        scalesAndMins(blk + 4, s, m);
        const float dmin = halfAt(blk + 2);
        *d = halfAt(blk);
        const std::uint8_t* qs = blk + (five ? 48 : 16);
        const __m256i low4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
        const __m256i h = five ? load32(blk + 16) : _mm256_setzero_si256();
        for (int c = 0; c < 4; ++c) {
            const __m256i v = load32(qs + 32 * c);
            __m256i lo = _mm256_and_si256(v, low4), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low4);
            if (five) {
                lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2 * c), one), 4));
                hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2 * c + 1), one), 4));
            }
            store32(q + 64 * c, lo);
            store32(q + 64 * c + 32, hi);
        }
        for (int j = 0; j < 8; ++j) {
            sc[2 * j] = sc[2 * j + 1] = s[j];
            o[2 * j] = o[2 * j + 1] = dmin * float(m[j]);
        }
    }

    // One Q6_K block: value = d * scales[g] * (q - 32), 16 groups of 16.
    void unpackQ6_K(const std::uint8_t* blk, std::uint8_t* q, std::int16_t* sc, float* d, float* o)
    {
        const auto* scales = reinterpret_cast<const std::int8_t*>(blk + 192);
        *d = halfAt(blk + 208);
        const __m256i low4 = _mm256_set1_epi8(0x0F), three = _mm256_set1_epi8(3);
        for (int n = 0; n < 2; ++n) {
            const std::uint8_t* ql = blk + 64 * n;
            const __m256i qlA = load32(ql), qlB = load32(ql + 32), qh = load32(blk + 128 + 32 * n);
            std::uint8_t* dst = q + 128 * n;
            store32(
                dst, _mm256_or_si256(_mm256_and_si256(qlA, low4), _mm256_slli_epi16(_mm256_and_si256(qh, three), 4)));
            store32(dst + 32,
                _mm256_or_si256(_mm256_and_si256(qlB, low4),
                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), three), 4)));
            store32(dst + 64,
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(qlA, 4), low4),
                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), three), 4)));
            store32(dst + 96,
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(qlB, 4), low4),
                    _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), three), 4)));
        }
        for (int g = 0; g < 16; ++g) {
            sc[g] = scales[g];
            o[g] = 32.0f * *d * float(scales[g]);
        }
    }

    // Rows [row0, row0 + rows) of W into the panel.
    void unpack(Panel& p, const LinearWeight& w, int row0, int rows, int padded)
    {
        p.padded = padded;
        const bool small = w.dtype == DType::Q8_0;
        const int blocks = padded / (small ? 32 : 256);
        p.q.assign(std::size_t(rows) * std::size_t(padded), 0);
        p.d.assign(std::size_t(rows) * std::size_t(blocks), 0.0f);
        if (small)
            p.correction.resize(std::size_t(rows) * std::size_t(padded / 4));
        else {
            p.sc.resize(std::size_t(rows) * std::size_t(padded / 16));
            p.o.resize(std::size_t(rows) * std::size_t(padded / 16));
        }
        for (int r = 0; r < rows; ++r) {
            const std::uint8_t* src = w.packed + std::size_t(row0 + r) * w.rowBytes;
            std::uint8_t* q = p.q.data() + std::size_t(r) * std::size_t(padded);
            float* d = p.d.data() + std::size_t(r) * std::size_t(blocks);
            if (small) {
                for (int b = 0; b < w.in / 32; ++b) {
                    d[b] = halfAt(src + 34 * b);
                    std::memcpy(q + 32 * b, src + 34 * b + 2, 32);
                }
                auto* corr = p.correction.data() + std::size_t(r) * std::size_t(padded / 4);
                const __m512i bias = _mm512_set1_epi8(char(0x80)); // 128 as the unsigned operand
                for (int k = 0; k < padded / 64; ++k) {
                    const __m512i sum
                        = _mm512_dpbusd_epi32(_mm512_setzero_si512(), bias, _mm512_loadu_si512(q + 64 * k));
                    _mm512_storeu_si512(corr + 16 * k, _mm512_sub_epi32(_mm512_setzero_si512(), sum));
                }
                continue;
            }
            std::int16_t* sc = p.sc.data() + std::size_t(r) * std::size_t(padded / 16);
            float* o = p.o.data() + std::size_t(r) * std::size_t(padded / 16);
            for (int b = 0; b < blocks; ++b) {
                if (w.dtype == DType::Q6_K)
                    unpackQ6_K(src + 210 * b, q + 256 * b, sc + 16 * b, d + b, o + 16 * b);
                else
                    unpackQ45_K(src + (w.dtype == DType::Q5_K ? 176 : 144) * b, w.dtype == DType::Q5_K, q + 256 * b,
                        sc + 16 * b, d + b, o + 16 * b);
            }
        }
    }

    // [d[0] x 8, d[1] x 8]: the scales of two consecutive 32-value blocks, matching the lanes of one product.
    __m512 twoScales(const float* d)
    {
        return _mm512_insertf32x8(_mm512_castps256_ps512(_mm256_set1_ps(d[0])), _mm256_set1_ps(d[1]), 1);
    }

    // out(t0 + j, i) = weight row i . activation row t0 + j, for RW weight rows and RA activation rows.
    template <int RW, int RA> void tileQ8_0(const Panel& p, const BlockGemmActivations& x, int t0, MatRef dst, int c0)
    {
        __m512 acc[RW][RA];
        for (int i = 0; i < RW; ++i)
            for (int j = 0; j < RA; ++j)
                acc[i][j] = _mm512_setzero_ps();
        for (int k = 0; k < p.padded / 64; ++k) {
            __m512i w[RW], corr[RW];
            __m512 dw[RW];
            for (int i = 0; i < RW; ++i) {
                w[i] = _mm512_loadu_si512(p.qRow(i) + 64 * k);
                corr[i] = _mm512_loadu_si512(p.correctionRow(i) + 16 * k);
                dw[i] = twoScales(p.dRow(i, 32) + 2 * k);
            }
            for (int j = 0; j < RA; ++j) {
                const __m512i a = _mm512_loadu_si512(x.values(t0 + j) + 64 * k);
                const __m512 da = twoScales(x.scales(t0 + j) + 2 * k);
                for (int i = 0; i < RW; ++i) {
                    // Exact integer sums of q_w * q_x per 4 values: (q_x + 128) q_w - 128 q_w.
                    const __m512i s = _mm512_dpbusd_epi32(corr[i], a, w[i]);
                    acc[i][j] = _mm512_fmadd_ps(_mm512_mul_ps(dw[i], da), _mm512_cvtepi32_ps(s), acc[i][j]);
                }
            }
        }
        for (int i = 0; i < RW; ++i)
            for (int j = 0; j < RA; ++j)
                dst(t0 + j, c0 + i) = _mm512_reduce_add_ps(acc[i][j]);
    }

    // The scales of four groups of 16 values, each repeated for the 8 pairs of values of its group (the 16-bit
    // lanes of a maddubs result).
    __m512i fourScales(const std::int16_t* sc)
    {
        const __m512i group = _mm512_set_epi16(
            3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        return _mm512_permutexvar_epi16(
            group, _mm512_castsi128_si512(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(sc))));
    }

    template <int RW, int RA> void tileK(const Panel& p, const BlockGemmActivations& x, int t0, MatRef dst, int c0)
    {
        __m512 acc[RW][RA];
        for (int i = 0; i < RW; ++i)
            for (int j = 0; j < RA; ++j)
                acc[i][j] = _mm512_setzero_ps();
        for (int b = 0; b < p.padded / 256; ++b) {
            __m512i s[RW][RA];
            for (int i = 0; i < RW; ++i)
                for (int j = 0; j < RA; ++j)
                    s[i][j] = _mm512_setzero_si512();
            for (int c = 0; c < 4; ++c) {
                __m512i w[RW], sc[RW];
                for (int i = 0; i < RW; ++i) {
                    w[i] = _mm512_loadu_si512(p.qRow(i) + 256 * b + 64 * c);
                    sc[i] = fourScales(p.scRow(i) + 16 * b + 4 * c);
                }
                for (int j = 0; j < RA; ++j) {
                    const __m512i a = _mm512_loadu_si512(x.values(t0 + j) + 256 * b + 64 * c);
                    // q <= 63 and |q_x| <= 127: pairs stay within +-16002, no saturation; then times the scale.
                    for (int i = 0; i < RW; ++i)
                        s[i][j] = _mm512_dpwssd_epi32(s[i][j], _mm512_maddubs_epi16(w[i], a), sc[i]);
                }
            }
            for (int i = 0; i < RW; ++i) {
                const __m512 o = _mm512_loadu_ps(p.oRow(i) + 16 * b);
                const float dw = p.dRow(i, 256)[b];
                for (int j = 0; j < RA; ++j) {
                    const __m512 scale = _mm512_set1_ps(dw * x.scales(t0 + j)[b]);
                    acc[i][j] = _mm512_fmadd_ps(scale, _mm512_cvtepi32_ps(s[i][j]), acc[i][j]);
                    acc[i][j] = _mm512_fnmadd_ps(o, _mm512_loadu_ps(x.groupSums(t0 + j) + 16 * b), acc[i][j]);
                }
            }
        }
        for (int i = 0; i < RW; ++i)
            for (int j = 0; j < RA; ++j)
                dst(t0 + j, c0 + i) = _mm512_reduce_add_ps(acc[i][j]);
    }

    // All activation rows from t0 on, RA at a time, then the rest with smaller tiles.
    template <int RW, int RA, bool Q8>
    void allRows(const Panel& p, const BlockGemmActivations& x, int t0, int T, MatRef dst, int c0)
    {
        for (; t0 + RA <= T; t0 += RA) {
            if constexpr (Q8)
                tileQ8_0<RW, RA>(p, x, t0, dst, c0);
            else
                tileK<RW, RA>(p, x, t0, dst, c0);
        }
        if constexpr (RA > 1)
            allRows<RW, RA - 1, Q8>(p, x, t0, T, dst, c0);
    }

    // A panel of `rows` <= RW weight rows (fewer at the end of a slice) times all activation rows.
    template <bool Q8, int RW = kTileW<Q8>>
    void panelRows(const Panel& p, const BlockGemmActivations& x, int rows, int t0, int t1, MatRef dst, int c0)
    {
        if (rows == RW)
            allRows<RW, kTileA<Q8>, Q8>(p, x, t0, t1, dst, c0);
        else if constexpr (RW > 1)
            panelRows<Q8, RW - 1>(p, x, rows, t0, t1, dst, c0);
    }
} // namespace

void blockGemmSlice(MatRef dst, const BlockGemmActivations& x, const LinearWeight& w, int j0)
{
    assert(w.dtype == DType::Q8_0 || w.dtype == DType::Q4_K || w.dtype == DType::Q5_K || w.dtype == DType::Q6_K);
    const int n = int(dst.cols());
    const bool q8 = w.dtype == DType::Q8_0;
    thread_local Panel panel;
    // Activation rows in chunks of about 256 KB, which stay in L2 while every panel of weight rows goes past them;
    // a panel (a few KB) is unpacked once per chunk and then read from L1 for every activation row of the chunk.
    const int T = int(dst.rows());
    const int chunk = std::max(64, (1 << 18) / x.padded());
    const int tileW = q8 ? kTileW<true> : kTileW<false>;
    for (int t0 = 0; t0 < T; t0 += chunk) {
        const int t1 = std::min(T, t0 + chunk);
        for (int r0 = 0; r0 < n; r0 += tileW) {
            const int rows = std::min(tileW, n - r0);
            unpack(panel, w, j0 + r0, rows, x.padded());
            if (q8)
                panelRows<true>(panel, x, rows, t0, t1, dst, r0);
            else
                panelRows<false>(panel, x, rows, t0, t1, dst, r0);
        }
    }
}
#else
void blockGemmSlice(MatRef, const BlockGemmActivations&, const LinearWeight&, int)
{
    assert(false && "blockGemmAvailable() is false in this build");
}
#endif

} // namespace core::ops::kernels

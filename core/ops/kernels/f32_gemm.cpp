#include "core/ops/kernels/f32_gemm.h"

#include "core/ops/kernels/small_rows.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <utility>

#if defined(__AVX512F__)
#include <immintrin.h>
#define IE_F32_GEMM_AVX512 1
#endif

namespace core::ops::kernels {

bool usesF32GemmRows(int rows)
{
#if IE_F32_GEMM_AVX512
    return rows > kMaxSmallRows;
#else
    (void)rows;
    return false;
#endif
}

bool usesF32Gemm(const LinearWeight& w, int rows)
{
#if IE_F32_GEMM_AVX512
    return w.data && !w.packed && !w.storedInOut && rows >= kMinF32GemmRows;
#else
    (void)w;
    (void)rows;
    return false;
#endif
}

#if IE_F32_GEMM_AVX512
namespace {
    // dst[c * ldd + r] = src[r * lds + c] (+ dst when Add) for an 8 x 8 block: the packing of the activations and
    // the write-back of the tiles, 24 shuffles instead of 64 scalar moves.
    template <bool Add> inline void transpose8x8(const float* src, std::int64_t lds, float* dst, std::int64_t ldd)
    {
        __m256 r[8], t[8];
        for (int i = 0; i < 8; ++i)
            r[i] = _mm256_loadu_ps(src + i * lds);
        for (int i = 0; i < 8; i += 2) {
            t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
            t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
        }
        for (int i = 0; i < 8; i += 4) {
            r[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
            r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
            r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
            r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
        }
        // r[0..3]: columns 0, 1, 2, 3 of rows 0-3 (low half) and 4-7 of rows 0-3 (high half); r[4..7] rows 4-7
        for (int i = 0; i < 4; ++i) {
            t[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
            t[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
        }
        for (int i = 0; i < 8; ++i) {
            float* d = dst + i * ldd;
            _mm256_storeu_ps(d, Add ? _mm256_add_ps(_mm256_loadu_ps(d), t[i]) : t[i]);
        }
    }
} // namespace
#endif

void GemmActivations::prepare(ConstMatRef x)
{
    m_rows = int(x.rows());
    m_cols = int(x.cols());
    m_strips = (m_rows + kStripWidth - 1) / kStripWidth;
    // Every float is written below (the last strip's missing tokens as zeros), so no clearing first.
    m_data.resize(std::size_t(m_strips) * m_cols * kStripWidth);
    if (const int padded = m_strips * kStripWidth - m_rows; padded > 0) {
        float* last = m_data.data() + std::size_t(m_strips - 1) * m_cols * kStripWidth;
        for (int k = 0; k < m_cols; ++k)
            std::fill_n(last + std::size_t(k) * kStripWidth + (kStripWidth - padded), padded, 0.0f);
    }
    for (int s = 0; s < m_strips; ++s) {
        float* dst = m_data.data() + std::size_t(s) * m_cols * kStripWidth;
        const int t0 = s * kStripWidth, tn = std::min(kStripWidth, m_rows - t0);
        int t = 0, k = 0;
#if IE_F32_GEMM_AVX512
        // 8 x 8 blocks through registers, then the edges one by one.
        if (x.innerStride() == 1)
            for (; t + 8 <= tn; t += 8)
                for (k = 0; k + 8 <= m_cols; k += 8)
                    transpose8x8<false>(x.data() + (t0 + t) * x.outerStride() + k, x.outerStride(),
                        dst + std::size_t(k) * kStripWidth + t, kStripWidth);
#endif
        for (int r = 0; r < tn; ++r)
            for (int c = r < t ? k : 0; c < m_cols; ++c)
                dst[std::size_t(c) * kStripWidth + r] = x(t0 + r, c);
    }
}

#if IE_F32_GEMM_AVX512
namespace {
    // Rows of W x 16-token vectors held in zmm accumulators: 8 x 3 = 24 of the 32 registers, 3 for the strip's
    // vectors, one for the broadcast. Per k: 3 vector loads and 8 broadcasts feed 24 FMAs. (Measured on the
    // prefill shapes against 6 x 4, 12 x 2 and 14 x 2: as fast or faster, within this machine's noise.)
    constexpr int kTileRows = 8;
    constexpr int kTileVectors = GemmActivations::kStripVectors;
    constexpr int kWidth = GemmActivations::kStripWidth;
    // K is cut into blocks of at most kMaxBlock so that a strip's block (48 x 1024 floats, 192 KB) and a group's
    // block of W rows (about kGroupFloats) stay in L2 together while the tiles pass over them. Blocks after the first
    // add to the output.
    constexpr int kMaxBlock = 1024;
    constexpr int kGroupFloats = 1 << 15;

    // tile[r * kWidth + t] = sum_k w[r * ld + k] * xs[k * kWidth + t] for r < MR, t < 16 * NV.
    template <int MR, int NV> void tileProduct(const float* w, std::int64_t ld, const float* xs, int K, float* tile)
    {
        __m512 acc[MR][NV];
        for (int r = 0; r < MR; ++r)
            for (int v = 0; v < NV; ++v)
                acc[r][v] = _mm512_setzero_ps();
        const float* rows[MR];
        for (int r = 0; r < MR; ++r)
            rows[r] = w + r * ld;
        const auto step = [&](int k) {
            __m512 b[NV];
            for (int v = 0; v < NV; ++v)
                b[v] = _mm512_load_ps(xs + std::size_t(k) * kWidth + 16 * v);
            for (int r = 0; r < MR; ++r) {
                const __m512 a = _mm512_set1_ps(rows[r][k]);
                for (int v = 0; v < NV; ++v)
                    acc[r][v] = _mm512_fmadd_ps(a, b[v], acc[r][v]);
            }
        };
        // Sixteen steps per loop turn; the hardware prefetcher streams the W rows (software prefetching measured
        // slower).
        int k = 0;
        for (; k + 16 <= K; k += 16)
            for (int i = 0; i < 16; ++i)
                step(k + i);
        for (; k < K; ++k)
            step(k);
        for (int r = 0; r < MR; ++r)
            for (int v = 0; v < NV; ++v)
                _mm512_store_ps(tile + r * kWidth + 16 * v, acc[r][v]);
    }

    using TileFn = void (*)(const float*, std::int64_t, const float*, int, float*);

    template <int MR, int... NV>
    constexpr std::array<TileFn, sizeof...(NV)> rowOfTiles(std::integer_sequence<int, NV...>)
    {
        return { &tileProduct<MR, NV + 1>... };
    }

    template <int... MR>
    constexpr std::array<std::array<TileFn, kTileVectors>, sizeof...(MR)> tableOfTiles(
        std::integer_sequence<int, MR...>)
    {
        return { rowOfTiles<MR + 1>(std::make_integer_sequence<int, kTileVectors> {})... };
    }

    // kTiles[mr - 1][nv - 1]: smaller tiles for the last rows of a group and the last tokens of a prompt.
    constexpr auto kTiles = tableOfTiles(std::make_integer_sequence<int, kTileRows> {});
} // namespace
#endif

void f32GemmSlice(MatRef dst, const GemmActivations& x, const float* w, std::int64_t ld)
{
#if IE_F32_GEMM_AVX512
    const int T = x.rows(), K = x.cols(), n = int(dst.cols());
    assert(dst.rows() == T);
    // Equal blocks of K (768 in one, 2048 = 2 x 1024); blocks after the first add to the output.
    const int kBlocks = (K + kMaxBlock - 1) / kMaxBlock;
    const int kc = (K + kBlocks - 1) / kBlocks;
    const int group = std::max(kTileRows, kGroupFloats / kc / kTileRows * kTileRows);
    alignas(64) float tile[kTileRows * kWidth];
    float* out = dst.data();
    const std::int64_t ldo = dst.outerStride();
    for (int k0 = 0; k0 < K; k0 += kc) {
        const int kn = std::min(kc, K - k0);
        for (int g0 = 0; g0 < n; g0 += group) {
            const int gn = std::min(group, n - g0);
            for (int s = 0; s < x.strips(); ++s) {
                const int t0 = s * kWidth, tn = std::min(kWidth, T - t0);
                const int vectors = (tn + 15) / 16;
                const float* xs = x.strip(s) + std::size_t(k0) * kWidth;
                for (int r0 = g0; r0 < g0 + gn; r0 += kTileRows) {
                    const int mr = std::min(kTileRows, g0 + gn - r0);
                    kTiles[mr - 1][vectors - 1](w + r0 * ld + k0, ld, xs, kn, tile);
                    // Tokens are along the lanes: transpose into the output rows.
                    int t = 0;
                    if (mr == kTileRows)
                        for (; t + 8 <= tn; t += 8) {
                            float* o = out + (t0 + t) * ldo + r0;
                            if (k0 == 0)
                                transpose8x8<false>(tile + t, kWidth, o, ldo);
                            else
                                transpose8x8<true>(tile + t, kWidth, o, ldo);
                        }
                    for (; t < tn; ++t) {
                        float* o = out + (t0 + t) * ldo + r0;
                        for (int r = 0; r < mr; ++r)
                            o[r] = (k0 == 0 ? 0.0f : o[r]) + tile[r * kWidth + t];
                    }
                }
            }
        }
    }
#else
    (void)dst;
    (void)x;
    (void)w;
    (void)ld;
    assert(false && "f32GemmSlice needs AVX-512 (usesF32Gemm is false without it)");
#endif
}

} // namespace core::ops::kernels

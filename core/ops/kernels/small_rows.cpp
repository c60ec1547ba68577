#include "core/ops/kernels/small_rows.h"

#include "core/common/half.h"

#include <cstring>

#if defined(__AVX2__) && defined(__FMA__) && defined(__F16C__)
#include <immintrin.h>
#define IE_SMALL_ROWS_AVX2 1
#endif

namespace core::ops::kernels {

bool usesSmallRows(const LinearWeight& w, int rows)
{
    if (w.storedInOut || rows > kMaxSmallRows)
        return false;
    if (!w.packed)
        return rows >= 2;
    return w.dtype == DType::F16 || w.dtype == DType::BF16;
}

namespace {
    float scalarWeight(const LinearWeight& w, const std::uint8_t* row, int i)
    {
        if (!w.packed)
            return reinterpret_cast<const float*>(row)[i];
        std::uint16_t h;
        std::memcpy(&h, row + 2 * std::size_t(i), 2);
        return w.dtype == DType::F16 ? f16ToFloat(h) : bf16ToFloat(h);
    }

#if IE_SMALL_ROWS_AVX2
    template <DType T> inline __m256 load8(const std::uint8_t* row, int i)
    {
        if constexpr (T == DType::F32)
            return _mm256_loadu_ps(reinterpret_cast<const float*>(row) + i);
        const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * std::size_t(i)));
        if constexpr (T == DType::F16)
            return _mm256_cvtph_ps(h);
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16)); // BF16: the top half
    }

    inline float sumLanes(__m256 v)
    {
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }

    // out[r] = row . x[r] for R rows; two 8-wide accumulators per row (16 values a step), then the tail.
    template <DType T, int R>
    void dotRows(const LinearWeight& w, const std::uint8_t* row, const float* const* x, float* out)
    {
        __m256 acc[R][2];
        for (int r = 0; r < R; ++r)
            acc[r][0] = acc[r][1] = _mm256_setzero_ps();
        int i = 0;
        for (; i + 16 <= w.in; i += 16) {
            const __m256 w0 = load8<T>(row, i), w1 = load8<T>(row, i + 8);
            for (int r = 0; r < R; ++r) {
                acc[r][0] = _mm256_fmadd_ps(w0, _mm256_loadu_ps(x[r] + i), acc[r][0]);
                acc[r][1] = _mm256_fmadd_ps(w1, _mm256_loadu_ps(x[r] + i + 8), acc[r][1]);
            }
        }
        for (int r = 0; r < R; ++r) {
            float s = sumLanes(_mm256_add_ps(acc[r][0], acc[r][1]));
            for (int k = i; k < w.in; ++k)
                s += scalarWeight(w, row, k) * x[r][k];
            out[r] = s;
        }
    }

    template <DType T>
    void dotGroups(const LinearWeight& w, const std::uint8_t* row, const float* const* x, int rows, float* out)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
            dotRows<T, 4>(w, row, x + r, out + r);
        for (; r + 2 <= rows; r += 2)
            dotRows<T, 2>(w, row, x + r, out + r);
        for (; r < rows; ++r)
            dotRows<T, 1>(w, row, x + r, out + r);
    }
#endif
} // namespace

void smallRowsSlice(MatRef dst, ConstMatRef x, const LinearWeight& w, int j0)
{
    const int T = int(dst.rows()), n = int(dst.cols());
    const std::size_t rowBytes = w.packed ? w.rowBytes : std::size_t(w.ld) * sizeof(float);
    const auto* base = w.packed ? w.packed : reinterpret_cast<const std::uint8_t*>(w.data);
    const float* rows[kMaxSmallRows];
    for (int t = 0; t < T; ++t)
        rows[t] = x.row(t).data(); // activation rows are contiguous (row-major buffers)
    float out[kMaxSmallRows];
    for (int j = 0; j < n; ++j) {
        const std::uint8_t* row = base + std::size_t(j0 + j) * rowBytes;
#if IE_SMALL_ROWS_AVX2
        const DType type = w.packed ? w.dtype : DType::F32;
        if (type == DType::F32)
            dotGroups<DType::F32>(w, row, rows, T, out);
        else if (type == DType::F16)
            dotGroups<DType::F16>(w, row, rows, T, out);
        else
            dotGroups<DType::BF16>(w, row, rows, T, out);
#else
        for (int t = 0; t < T; ++t) {
            float s = 0.0f;
            for (int k = 0; k < w.in; ++k)
                s += scalarWeight(w, row, k) * rows[t][k];
            out[t] = s;
        }
#endif
        for (int t = 0; t < T; ++t)
            dst(t, j) = out[t];
    }
}

} // namespace core::ops::kernels

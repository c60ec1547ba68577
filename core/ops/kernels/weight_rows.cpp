#include "core/ops/kernels/weight_rows.h"

#include "core/common/half.h"
#include "core/formats/quant/dequantize.h"

#include <cassert>
#include <cstring>

#if defined(__F16C__) && defined(__AVX2__)
#include <immintrin.h>
#endif

namespace core::ops {

bool computesInPlace(DType t)
{
    return t == DType::F16 || t == DType::BF16 || t == DType::Q8_0 || t == DType::Q4_K || t == DType::Q5_K
        || t == DType::Q6_K;
}

namespace {
    void f16Row(const std::uint8_t* src, float* dst, int n)
    {
        int i = 0;
#if defined(__F16C__) && defined(__AVX2__)
        for (; i + 8 <= n; i += 8)
            _mm256_storeu_ps(
                dst + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 2 * std::size_t(i)))));
#endif
        for (; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, src + 2 * std::size_t(i), 2);
            dst[i] = f16ToFloat(h);
        }
    }

    void bf16Row(const std::uint8_t* src, float* dst, int n)
    {
        // A bfloat16 is the top half of a float: widen each to 32 bits, shifted up (vectorises to one shift).
        for (int i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, src + 2 * std::size_t(i), 2);
            const std::uint32_t bits = std::uint32_t(h) << 16;
            std::memcpy(dst + i, &bits, 4);
        }
    }
} // namespace

void weightRows(const LinearWeight& w, int row0, int n, float* dst)
{
    assert(w.valid() && !w.storedInOut && row0 >= 0 && row0 + n <= w.out);
    for (int r = 0; r < n; ++r) {
        float* out = dst + std::size_t(r) * w.in;
        if (!w.packed) {
            std::memcpy(out, w.data + std::size_t(row0 + r) * w.ld, std::size_t(w.in) * sizeof(float));
            continue;
        }
        const std::uint8_t* src = w.packed + std::size_t(row0 + r) * w.rowBytes;
        switch (w.dtype) {
        case DType::F16:
            f16Row(src, out, w.in);
            break;
        case DType::BF16:
            bf16Row(src, out, w.in);
            break;
        default:
            quant::dequantize(w.dtype, src, out, w.in);
            break;
        }
    }
}

} // namespace core::ops

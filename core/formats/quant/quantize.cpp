#include "core/formats/quant/quantize.h"

#include "core/common/half.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace core::quant {

namespace {
    void putHalf(std::uint8_t* p, float v)
    {
        const std::uint16_t h = floatToF16(v);
        std::memcpy(p, &h, 2);
    }
} // namespace

// d = max |x| / 127, q = round(x / d) (half away from zero, as roundf), d stored as half
void quantizeQ8_0(const float* x, std::uint8_t* block)
{
    float amax = 0.0f;
    for (int j = 0; j < 32; ++j)
        amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / ((1 << 7) - 1);
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(block, d);
    for (int j = 0; j < 32; ++j) {
        const float x0 = x[j] * id;
        block[2 + j] = std::uint8_t(std::int8_t(std::roundf(x0)));
    }
}

// d = (the value of largest magnitude, with its sign) / -8, q = min(15, int(x / d + 8.5)); value j in the low nibble
// of qs[j], value j + 16 in the high nibble
void quantizeQ4_0(const float* x, std::uint8_t* block)
{
    float amax = 0.0f;
    float max = 0.0f;
    for (int j = 0; j < 32; ++j) {
        const float v = x[j];
        if (amax < std::fabs(v)) {
            amax = std::fabs(v);
            max = v;
        }
    }
    const float d = max / -8;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(block, d);
    for (int j = 0; j < 16; ++j) {
        const float x0 = x[j] * id;
        const float x1 = x[16 + j] * id;
        const std::uint8_t xi0 = std::uint8_t(std::min<int>(15, std::int8_t(x0 + 8.5f)));
        const std::uint8_t xi1 = std::uint8_t(std::min<int>(15, std::int8_t(x1 + 8.5f)));
        block[2 + j] = std::uint8_t(xi0 | (xi1 << 4));
    }
}

std::vector<std::uint8_t> quantize(DType t, const float* values, std::int64_t n)
{
    assert((t == DType::Q8_0 || t == DType::Q4_0) && n % 32 == 0);
    const std::int64_t bytes = blockBytes(t);
    std::vector<std::uint8_t> out(std::size_t(n / 32 * bytes));
    for (std::int64_t b = 0; b < n / 32; ++b) {
        if (t == DType::Q8_0)
            quantizeQ8_0(values + 32 * b, out.data() + b * bytes);
        else
            quantizeQ4_0(values + 32 * b, out.data() + b * bytes);
    }
    return out;
}

} // namespace core::quant

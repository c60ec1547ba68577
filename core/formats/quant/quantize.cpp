#include "core/formats/quant/quantize.h"

#include "core/common/half.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace core::quant {

namespace {
    // The value of largest magnitude among a 32-value block, with its sign (the first one on a tie, as GGML).
    float signedAbsMax(const float* x)
    {
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < 32; ++j)
            if (amax < std::fabs(x[j])) {
                amax = std::fabs(x[j]);
                max = x[j];
            }
        return max;
    }

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
    const float max = signedAbsMax(x);
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

// As Q4_0 with 5 bits: d = (the value of largest magnitude) / -16, q = min(31, int(x / d + 16.5)); the low nibbles
// as in Q4_0, the fifth bit of value j in bit j of the 32-bit qh (stored after d, before the nibbles)
void quantizeQ5_0(const float* x, std::uint8_t* block)
{
    const float max = signedAbsMax(x);
    const float d = max / -16;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(block, d);
    std::uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        const std::uint8_t xi0 = std::uint8_t(std::min<int>(31, std::int8_t(x[j] * id + 16.5f)));
        const std::uint8_t xi1 = std::uint8_t(std::min<int>(31, std::int8_t(x[16 + j] * id + 16.5f)));
        block[6 + j] = std::uint8_t((xi0 & 0x0F) | ((xi1 & 0x0F) << 4));
        qh |= std::uint32_t((xi0 & 0x10u) >> 4) << j;
        qh |= std::uint32_t((xi1 & 0x10u) >> 4) << (j + 16);
    }
    std::memcpy(block + 2, &qh, 4); // little-endian, as the reference's memcpy on the machines it runs on
}

bool canQuantize(DType t)
{
    return t == DType::Q8_0 || t == DType::Q4_0 || t == DType::Q5_0 || t == DType::Q4_K || t == DType::Q6_K;
}

std::vector<std::uint8_t> quantize(DType t, const float* values, std::int64_t n)
{
    assert(canQuantize(t) && n % blockElements(t) == 0);
    const std::int64_t elements = blockElements(t), bytes = blockBytes(t);
    void (*one)(const float*, std::uint8_t*) = t == DType::Q8_0 ? quantizeQ8_0
        : t == DType::Q4_0                                      ? quantizeQ4_0
        : t == DType::Q5_0                                      ? quantizeQ5_0
        : t == DType::Q4_K                                      ? quantizeQ4_K
                                                                : quantizeQ6_K;
    std::vector<std::uint8_t> out(std::size_t(n / elements * bytes));
    for (std::int64_t b = 0; b < n / elements; ++b)
        one(values + elements * b, out.data() + b * bytes);
    return out;
}

} // namespace core::quant

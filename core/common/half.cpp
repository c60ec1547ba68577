#include "core/common/half.h"

namespace core {

std::uint16_t floatToF16(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint16_t sign = std::uint16_t((x >> 16) & 0x8000);
    const std::uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) // inf or nan
        return sign | 0x7c00 | (absx > 0x7f800000u ? 0x200 : 0);
    if (absx >= 0x477ff000u) // rounds to >= 65520: overflow to inf
        return sign | 0x7c00;
    if (absx < 0x38800000u) { // result is subnormal or zero
        if (absx < 0x33000000u)
            return sign;
        const std::uint32_t e = absx >> 23;
        const std::uint32_t m = (absx & 0x7fffff) | 0x800000;
        const int shift = 126 - int(e); // value = m * 2^(e-150); half subnormal unit = 2^-24
        std::uint32_t v = m >> shift;
        const std::uint32_t rem = m & ((1u << shift) - 1);
        const std::uint32_t halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (v & 1)))
            ++v;
        return sign | std::uint16_t(v);
    }
    std::uint32_t v = ((absx >> 13) - ((127 - 15) << 10));
    const std::uint32_t rem = absx & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (v & 1)))
        ++v;
    return sign | std::uint16_t(v);
}

} // namespace core

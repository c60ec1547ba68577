#pragma once
// The half-precision scales inside GGML blocks (d, dmin), read and written at a byte address: blocks are packed, so
// the 2 bytes may be unaligned. For the block codecs of this folder only.
#include "core/common/half.h"

#include <cstdint>
#include <cstring>

namespace core::quant {

inline float halfAt(const std::uint8_t* p)
{
    std::uint16_t h;
    std::memcpy(&h, p, 2);
    return f16ToFloat(h);
}

} // namespace core::quant

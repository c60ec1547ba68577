#pragma once
// Fields of GGML weight blocks as the integer kernels read them (block_dot.cpp, block_gemm.cpp); the layouts are
// described in core/formats/quant/dequantize.cpp.
#include "core/common/half.h"

#include <cstdint>
#include <cstring>

#if defined(__F16C__)
#include <immintrin.h>
#endif

namespace core::ops::kernels {

// A half-precision scale at a byte address (blocks are packed: the 2 bytes may be unaligned).
inline float halfAt(const std::uint8_t* p)
{
    std::uint16_t h;
    std::memcpy(&h, p, 2);
#if defined(__F16C__)
    return _cvtsh_ss(h);
#else
    return f16ToFloat(h);
#endif
}

// The 8 six-bit scales and 8 mins of a Q4_K / Q5_K block (12 packed bytes), all at once with 32-bit masks as
// llama.cpp's vec_dot does (the same values as quant::scaleMinK4 per sub-block, tst_kernels).
inline void scalesAndMins(const std::uint8_t* packed, std::uint8_t scales[8], std::uint8_t mins[8])
{
    constexpr std::uint32_t kmask1 = 0x3f3f3f3f, kmask2 = 0x0f0f0f0f, kmask3 = 0x03030303;
    std::uint32_t u[3];
    std::memcpy(u, packed, 12);
    // bytes 0-3: scales 0-3 (low 6 bits); bytes 4-7: mins 0-3; bytes 8-11: low nibbles scales 4-7, high
    // nibbles mins 4-7; the top 2 bits of bytes 0-7 are the high bits of scales / mins 4-7.
    const std::uint32_t sc[2] = { u[0] & kmask1, (u[2] & kmask2) | (((u[0] >> 6) & kmask3) << 4) };
    const std::uint32_t mn[2] = { u[1] & kmask1, ((u[2] >> 4) & kmask2) | (((u[1] >> 6) & kmask3) << 4) };
    std::memcpy(scales, sc, 8);
    std::memcpy(mins, mn, 8);
}

} // namespace core::ops::kernels

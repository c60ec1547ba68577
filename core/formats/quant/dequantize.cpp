#include "core/formats/quant/dequantize.h"

#include "core/formats/quant/block_half.h"

#include <cassert>
#include <cstring>

namespace core::quant {

// block_q4_0 { f16 d; u8 qs[16]; }: value j = (low nibble of qs[j] - 8) * d, value j + 16 = (high nibble - 8) * d
void dequantizeQ4_0(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const std::uint8_t* qs = block + 2;
    for (int j = 0; j < 16; ++j) {
        const int x0 = (qs[j] & 0x0F) - 8;
        const int x1 = (qs[j] >> 4) - 8;
        out[j] = float(x0) * d;
        out[j + 16] = float(x1) * d;
    }
}

// block_q4_1 { f16 d, m; u8 qs[16]; }: value = nibble * d + m
void dequantizeQ4_1(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const float m = halfAt(block + 2);
    const std::uint8_t* qs = block + 4;
    for (int j = 0; j < 16; ++j) {
        const int x0 = qs[j] & 0x0F;
        const int x1 = qs[j] >> 4;
        out[j] = float(x0) * d + m;
        out[j + 16] = float(x1) * d + m;
    }
}

// block_q5_0 { f16 d; u8 qh[4]; u8 qs[16]; }: the 5th bit of value j is bit j of the 32-bit qh
void dequantizeQ5_0(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    std::uint32_t qh;
    std::memcpy(&qh, block + 2, 4);
    const std::uint8_t* qs = block + 6;
    for (int j = 0; j < 16; ++j) {
        const std::uint8_t xh0 = ((qh >> (j + 0)) << 4) & 0x10;
        const std::uint8_t xh1 = ((qh >> (j + 12))) & 0x10;
        const int x0 = ((qs[j] & 0x0F) | xh0) - 16;
        const int x1 = ((qs[j] >> 4) | xh1) - 16;
        out[j] = float(x0) * d;
        out[j + 16] = float(x1) * d;
    }
}

// block_q5_1 { f16 d, m; u8 qh[4]; u8 qs[16]; }: value = 5-bit q * d + m
void dequantizeQ5_1(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const float m = halfAt(block + 2);
    std::uint32_t qh;
    std::memcpy(&qh, block + 4, 4);
    const std::uint8_t* qs = block + 8;
    for (int j = 0; j < 16; ++j) {
        const std::uint8_t xh0 = ((qh >> (j + 0)) << 4) & 0x10;
        const std::uint8_t xh1 = ((qh >> (j + 12))) & 0x10;
        const int x0 = (qs[j] & 0x0F) | xh0;
        const int x1 = (qs[j] >> 4) | xh1;
        out[j] = float(x0) * d + m;
        out[j + 16] = float(x1) * d + m;
    }
}

// block_q8_0 { f16 d; i8 qs[32]; }: value = qs[j] * d
void dequantizeQ8_0(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const std::uint8_t* qs = block + 2;
    for (int j = 0; j < 32; ++j)
        out[j] = float(std::int8_t(qs[j])) * d;
}

// block_q2_K { u8 scales[16]; u8 qs[64]; f16 d, dmin; }: 16 sub-blocks of 16 values; scales[i] holds a 4-bit
// scale (low) and a 4-bit min (high); value = d * scale * q - dmin * min with 2-bit q.
void dequantizeQ2_K(const std::uint8_t* block, float* out)
{
    const std::uint8_t* scales = block;
    const std::uint8_t* q = block + 16;
    const float d = halfAt(block + 80);
    const float min = halfAt(block + 82);
    int is = 0;
    for (int n = 0; n < 256; n += 128) {
        int shift = 0;
        for (int j = 0; j < 4; ++j) {
            for (int half16 = 0; half16 < 2; ++half16) {
                const std::uint8_t sc = scales[is++];
                const float dl = d * float(sc & 0xF);
                const float ml = min * float(sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *out++ = dl * float((q[l + 16 * half16] >> shift) & 3) - ml;
            }
            shift += 2;
        }
        q += 32;
    }
}

// block_q3_K { u8 hmask[32]; u8 qs[64]; u8 scales[12]; f16 d; }: 16 sub-blocks of 16 values with 6-bit signed
// scales (stored + 32); value = d * (scale - 32) * (2-bit q - (high bit clear ? 4 : 0)).
void dequantizeQ3_K(const std::uint8_t* block, float* out)
{
    constexpr std::uint32_t kmask1 = 0x03030303;
    constexpr std::uint32_t kmask2 = 0x0f0f0f0f;
    const std::uint8_t* hm = block;
    const std::uint8_t* q = block + 32;
    const float dAll = halfAt(block + 108);

    // Unpack the 16 6-bit scales: low 4 bits in bytes 0..7 (two per byte), high 2 bits in bytes 8..11.
    std::uint32_t aux[4];
    std::memcpy(aux, block + 96, 12);
    const std::uint32_t tmp = aux[2];
    aux[2] = ((aux[0] >> 4) & kmask2) | (((tmp >> 4) & kmask1) << 4);
    aux[3] = ((aux[1] >> 4) & kmask2) | (((tmp >> 6) & kmask1) << 4);
    aux[0] = (aux[0] & kmask2) | (((tmp >> 0) & kmask1) << 4);
    aux[1] = (aux[1] & kmask2) | (((tmp >> 2) & kmask1) << 4);
    std::int8_t scales[16];
    std::memcpy(scales, aux, 16);

    int is = 0;
    std::uint8_t m = 1;
    for (int n = 0; n < 256; n += 128) {
        int shift = 0;
        for (int j = 0; j < 4; ++j) {
            for (int half16 = 0; half16 < 2; ++half16) {
                const float dl = dAll * float(scales[is++] - 32);
                for (int l = 16 * half16; l < 16 * half16 + 16; ++l) {
                    const int v = int(std::int8_t((q[l] >> shift) & 3)) - ((hm[l] & m) ? 0 : 4);
                    *out++ = dl * float(v);
                }
            }
            shift += 2;
            m <<= 1;
        }
        q += 32;
    }
}

void scaleMinK4(int j, const std::uint8_t* q, std::uint8_t& scale, std::uint8_t& min)
{
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        min = (q[j + 4] >> 4) | ((q[j - 0] >> 6) << 4);
    }
}

// block_q4_K { f16 d, dmin; u8 scales[12]; u8 qs[128]; }: 8 sub-blocks of 32 values with 6-bit scale and min;
// value = d * scale * q - dmin * min with 4-bit q (low nibbles then high nibbles of each 32 bytes).
void dequantizeQ4_K(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const float min = halfAt(block + 2);
    const std::uint8_t* scales = block + 4;
    const std::uint8_t* q = block + 16;
    int is = 0;
    for (int j = 0; j < 256; j += 64) {
        std::uint8_t sc, m;
        scaleMinK4(is + 0, scales, sc, m);
        const float d1 = d * float(sc);
        const float m1 = min * float(m);
        scaleMinK4(is + 1, scales, sc, m);
        const float d2 = d * float(sc);
        const float m2 = min * float(m);
        for (int l = 0; l < 32; ++l)
            *out++ = d1 * float(q[l] & 0xF) - m1;
        for (int l = 0; l < 32; ++l)
            *out++ = d2 * float(q[l] >> 4) - m2;
        q += 32;
        is += 2;
    }
}

// block_q5_K { f16 d, dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]; }: as Q4_K with a 5th bit from qh.
void dequantizeQ5_K(const std::uint8_t* block, float* out)
{
    const float d = halfAt(block);
    const float min = halfAt(block + 2);
    const std::uint8_t* scales = block + 4;
    const std::uint8_t* qh = block + 16;
    const std::uint8_t* ql = block + 48;
    int is = 0;
    std::uint8_t u1 = 1, u2 = 2;
    for (int j = 0; j < 256; j += 64) {
        std::uint8_t sc, m;
        scaleMinK4(is + 0, scales, sc, m);
        const float d1 = d * float(sc);
        const float m1 = min * float(m);
        scaleMinK4(is + 1, scales, sc, m);
        const float d2 = d * float(sc);
        const float m2 = min * float(m);
        for (int l = 0; l < 32; ++l)
            *out++ = d1 * float((ql[l] & 0xF) + (qh[l] & u1 ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l)
            *out++ = d2 * float((ql[l] >> 4) + (qh[l] & u2 ? 16 : 0)) - m2;
        ql += 32;
        is += 2;
        u1 <<= 2;
        u2 <<= 2;
    }
}

// block_q6_K { u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d; }: 16 sub-blocks of 16 values with 8-bit signed
// scales; value = d * scale * (6-bit q - 32).
void dequantizeQ6_K(const std::uint8_t* block, float* out)
{
    const std::uint8_t* ql = block;
    const std::uint8_t* qh = block + 128;
    const std::int8_t* sc = reinterpret_cast<const std::int8_t*>(block + 192);
    const float d = halfAt(block + 208);
    for (int n = 0; n < 256; n += 128) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = int(std::int8_t((ql[l + 0] & 0xF) | (((qh[l] >> 0) & 3) << 4))) - 32;
            const int q2 = int(std::int8_t((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4))) - 32;
            const int q3 = int(std::int8_t((ql[l + 0] >> 4) | (((qh[l] >> 4) & 3) << 4))) - 32;
            const int q4 = int(std::int8_t((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4))) - 32;
            out[l + 0] = d * float(sc[is + 0]) * float(q1);
            out[l + 32] = d * float(sc[is + 2]) * float(q2);
            out[l + 64] = d * float(sc[is + 4]) * float(q3);
            out[l + 96] = d * float(sc[is + 6]) * float(q4);
        }
        out += 128;
        ql += 64;
        qh += 32;
        sc += 8;
    }
}

void dequantize(DType t, const std::uint8_t* blocks, float* out, std::int64_t n)
{
    using BlockFn = void (*)(const std::uint8_t*, float*);
    BlockFn fn = nullptr;
    switch (t) {
    case DType::Q4_0:
        fn = dequantizeQ4_0;
        break;
    case DType::Q4_1:
        fn = dequantizeQ4_1;
        break;
    case DType::Q5_0:
        fn = dequantizeQ5_0;
        break;
    case DType::Q5_1:
        fn = dequantizeQ5_1;
        break;
    case DType::Q8_0:
        fn = dequantizeQ8_0;
        break;
    case DType::Q2_K:
        fn = dequantizeQ2_K;
        break;
    case DType::Q3_K:
        fn = dequantizeQ3_K;
        break;
    case DType::Q4_K:
        fn = dequantizeQ4_K;
        break;
    case DType::Q5_K:
        fn = dequantizeQ5_K;
        break;
    case DType::Q6_K:
        fn = dequantizeQ6_K;
        break;
    default:
        assert(false && "not a block-quantized type");
        return;
    }
    const std::int64_t per = blockElements(t);
    const std::int64_t bytes = blockBytes(t);
    assert(n % per == 0);
    for (std::int64_t b = 0; b < n / per; ++b)
        fn(blocks + b * bytes, out + b * per);
}

} // namespace core::quant

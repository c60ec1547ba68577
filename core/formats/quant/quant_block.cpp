#include "core/formats/quant/quant_block.h"

#include "core/formats/quant/block_half.h"
#include "core/formats/quant/dequantize.h"

#include <cstring>

namespace core::quant {

namespace {
    // 32-value blocks: `bits` 4 or 5, the nibbles at qs (value j low, j + 16 high), the fifth bits in qh (or none).
    void smallCodes(QuantBlock& b, const std::uint8_t* qs, const std::uint8_t* qh)
    {
        std::uint32_t high = 0;
        if (qh)
            std::memcpy(&high, qh, 4);
        for (int i = 0; i < 32; ++i) {
            const int nibble = i < 16 ? qs[i] & 0xF : qs[i - 16] >> 4;
            b.codes.push_back(nibble | (qh ? int((high >> i) & 1) << 4 : 0));
        }
    }

    // Q4_K / Q5_K: 8 sub-blocks of 32; sub-blocks 2c and 2c + 1 share the 32 bytes of chunk c (low, high nibble),
    // Q5_K's fifth bit of value l of sub-block j is bit j of qh[l].
    void kCodes4And5(QuantBlock& b, const std::uint8_t* block, bool five)
    {
        b.d = halfAt(block);
        b.min = halfAt(block + 2);
        const std::uint8_t* ql = block + (five ? 48 : 16);
        const std::uint8_t* qh = block + 16;
        for (int j = 0; j < 8; ++j) {
            std::uint8_t sc, m;
            scaleMinK4(j, block + 4, sc, m);
            b.subBlocks.push_back({ 32 * j, 32, sc, m });
            const float dj = b.d * float(sc);
            const float mj = *b.min * float(m);
            for (int l = 0; l < 32; ++l) {
                const std::uint8_t byte = ql[32 * (j / 2) + l];
                const int q = (j % 2 == 0 ? byte & 0xF : byte >> 4) + (five && (qh[l] >> j & 1) ? 16 : 0);
                b.codes.push_back(q);
                b.values.push_back(dj * float(q) - mj);
            }
        }
    }
} // namespace

bool canDecodeBlock(DType t) { return isQuantized(t); }

QuantBlock decodeBlock(DType t, const std::uint8_t* block)
{
    QuantBlock b;
    b.type = t;
    switch (t) {
    case DType::Q8_0:
        b.d = halfAt(block);
        for (int i = 0; i < 32; ++i) {
            b.codes.push_back(std::int8_t(block[2 + i]));
            b.values.push_back(float(b.codes.back()) * b.d);
        }
        break;
    case DType::Q4_0:
    case DType::Q5_0:
        b.d = halfAt(block);
        b.codeOffset = t == DType::Q4_0 ? 8 : 16;
        smallCodes(b, block + (t == DType::Q4_0 ? 2 : 6), t == DType::Q4_0 ? nullptr : block + 2);
        for (int q : b.codes)
            b.values.push_back(float(q - b.codeOffset) * b.d);
        break;
    case DType::Q4_1:
    case DType::Q5_1:
        b.d = halfAt(block);
        b.min = halfAt(block + 2);
        smallCodes(b, block + (t == DType::Q4_1 ? 4 : 8), t == DType::Q4_1 ? nullptr : block + 4);
        for (int q : b.codes)
            b.values.push_back(float(q) * b.d + *b.min);
        break;
    case DType::Q4_K:
    case DType::Q5_K:
        kCodes4And5(b, block, t == DType::Q5_K);
        break;
    case DType::Q6_K: { // ql[128] qh[64] scales[16] d; value i: half h, in it l = i % 32 and k = (i % 128) / 32
        const std::uint8_t* ql = block;
        const std::uint8_t* qh = block + 128;
        const auto* sc = reinterpret_cast<const std::int8_t*>(block + 192);
        b.d = halfAt(block + 208);
        b.codeOffset = 32;
        for (int j = 0; j < 16; ++j)
            b.subBlocks.push_back({ 16 * j, 16, sc[j], std::nullopt });
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, k = (i % 128) / 32, l = i % 32;
            const std::uint8_t low = ql[64 * h + l + 32 * (k % 2)];
            const int q = ((k < 2 ? low & 0xF : low >> 4) | ((qh[32 * h + l] >> (2 * k)) & 3) << 4);
            b.codes.push_back(q);
            b.values.push_back(b.d * float(sc[i / 16]) * float(q - 32));
        }
        break;
    }
    case DType::Q2_K: { // scales[16] qs[64] d dmin; value i: half h, shift pair k = (i % 128) / 32, byte l = i % 32
        b.d = halfAt(block + 80);
        b.min = halfAt(block + 82);
        for (int j = 0; j < 16; ++j)
            b.subBlocks.push_back({ 16 * j, 16, block[j] & 0xF, block[j] >> 4 });
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, k = (i % 128) / 32, l = i % 32;
            const int q = (block[16 + 32 * h + l] >> (2 * k)) & 3;
            const QuantBlock::SubBlock& s = b.subBlocks[std::size_t(i / 16)];
            b.codes.push_back(q);
            b.values.push_back(b.d * float(s.scale) * float(q) - *b.min * float(*s.min));
        }
        break;
    }
    default: // Q3_K: values and d only
        b.d = halfAt(block + 108);
        b.values.resize(std::size_t(blockElements(t)));
        dequantize(t, block, b.values.data(), blockElements(t));
        break;
    }
    return b;
}

} // namespace core::quant

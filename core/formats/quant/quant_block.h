#pragma once
// One quantized block taken apart into what it stores, for the tensor view: the scale(s) as stored (halves), the
// sub-block scales and mins of the k-quants (small integers), the integer code of every value, and the value each
// code stands for. The values are computed here from those fields with the reference's float operations (not by
// calling dequantize.cpp), so tst_quantblock can hold the fields against the fixtures' dequantized values bit for bit.
//
//   Q8_0  value = d · q                       (q signed 8-bit)
//   Q4_0  value = d · (q − 8)                 Q5_0  value = d · (q − 16)
//   Q4_1  value = d · q + m                   Q5_1  value = d · q + m
//   Q4_K  value = (d · sc_j) · q − dmin · m_j   8 sub-blocks of 32, 6-bit sc_j and m_j, 4-bit q   (Q5_K: 5-bit q)
//   Q6_K  value = (d · sc_j) · (q − 32)         16 sub-blocks of 16, signed 8-bit sc_j, 6-bit q
//   Q2_K  value = (d · sc_j) · q − dmin · m_j   16 sub-blocks of 16, 4-bit sc_j and m_j, 2-bit q
//   Q3_K  values and d only (its 6-bit signed scales and high-bit mask are not taken apart here)
#include "core/formats/dtype.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace core::quant {

struct QuantBlock {
    DType type = DType::F32;
    float d = 0; // the block's scale (k-quants: the super-block scale the sub-block scales multiply)
    std::optional<float> min; // Q4_1 / Q5_1 m; k-quants dmin
    struct SubBlock {
        int first = 0; // index of its first value in the block
        int count = 0;
        int scale = 0; // sc_j as stored
        std::optional<int> min; // m_j as stored (Q4_K, Q5_K, Q2_K)
    };
    std::vector<SubBlock> subBlocks; // k-quants only
    std::vector<int> codes; // the stored integer of each value (before the offset); empty for Q3_K
    int codeOffset = 0; // subtracted from a code before scaling: 8 (Q4_0), 16 (Q5_0), 32 (Q6_K), else 0
    std::vector<float> values; // what the block stands for, blockElements(type) of them
};

bool canDecodeBlock(DType t); // every block-quantized type (isQuantized)
// `block` holds blockBytes(t) bytes.
QuantBlock decodeBlock(DType t, const std::uint8_t* block);

} // namespace core::quant

#pragma once
// Block-quantized weights (Q8_0, Q4_K, Q5_K, Q6_K) times many activation rows (a prefill) in integers, as llama.cpp
// computes its prefill: the activations are rounded to 8-bit blocks once (the same numbers block_dot.h reads), a
// few weight rows at a time are unpacked once into a small panel of 8-bit values with their scales, and a register
// tile of weight rows x activation rows multiplies them with 8-bit multiply-adds (AVX512-VNNI), each weight vector
// used for every activation row of the tile and each activation vector for every weight row.
//
// Each output is the same sum as block_dot.h's up to float rounding (the integer block products are exact in both;
// the per-block scales are summed in another order), so not bit-identical: rows above kMaxBlockDotRows only.
// Needs AVX512-BW and AVX512-VNNI at build time (blockGemmAvailable()); otherwise packed_linear uses float panels.
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

#include <cstdint>
#include <vector>

namespace core::ops::kernels {

// True when this build has the integer many-row kernel.
bool blockGemmAvailable();

// The activation rows (T, in) in the form the tile kernel reads, for weights of type Q8_0 or a k-quant.
class BlockGemmActivations {
public:
    void prepare(ConstMatRef x, DType weightType);

    // Per row: `padded` 8-bit values (Q8_0: q + 128 as unsigned, k-quants: q as signed) ...
    const std::uint8_t* values(int t) const { return m_values.data() + std::size_t(t) * std::size_t(m_padded); }
    // ... one scale per block (Q8_0: 32 values, k-quants: 256) ...
    const float* scales(int t) const { return m_scales.data() + std::size_t(t) * std::size_t(m_padded / m_block); }
    // ... and, k-quants only, scale * (sum of the 16 q of group g) per group of 16 values.
    const float* groupSums(int t) const { return m_groupSums.data() + std::size_t(t) * std::size_t(m_padded / 16); }
    int padded() const { return m_padded; }

private:
    std::vector<std::uint8_t> m_values;
    std::vector<float> m_scales;
    std::vector<float> m_groupSums;
    int m_padded = 0;
    int m_block = 32;
};

// dst (T, n) = x W[j0 .. j0 + n)^T for T activation rows prepared above (blockGemmAvailable() only).
void blockGemmSlice(MatRef dst, const BlockGemmActivations& x, const LinearWeight& w, int j0);

} // namespace core::ops::kernels

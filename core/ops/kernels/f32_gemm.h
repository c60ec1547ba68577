#pragma once
// The F32 matrix product for many activation rows (a prompt of 16 tokens and more): out (T, n) = x (T, in) W^T with
// W (n, in) row-major, as the model stores it. Eigen's general product re-packs W on every call and blocks poorly
// for T = 64..512 on AVX-512; this one never copies W at all. Instead the activations are packed once per call,
// transposed into strips of 48 tokens (k-major, zero-padded), shared read-only by all threads; their total size is
// that of x. The register tile is 8 rows of W x one strip (3 zmm vectors of 16 tokens): per input index k the
// strip's 3 vectors are loaded once, each W row's value is broadcast straight from the row (W rows are read in
// order, so the hardware prefetcher streams them), 24 FMAs. K is cut into blocks of <= 1024 and W rows into groups
// of about 128 KB per block, so a group and a strip's block stay in L2 while every strip passes by: W comes from
// memory once per product. The tile (tokens along the lanes) is transposed into the output via a stack buffer.
#include "core/common/tensor_view.h"
#include "core/model/model_weights.h"

#include <vector>

namespace core::ops::kernels {

// From this many activation rows F32 weights go through this kernel instead of the small-row one (measured on
// 768 x 2048 by thread CPU time: small rows faster at 8 rows, this kernel ~2x faster at 16 and 32).
constexpr int kMinF32GemmRows = 16;

// True where this kernel runs on F32 weights: AVX-512 builds, (out, in) layout, at least kMinF32GemmRows rows.
bool usesF32Gemm(const LinearWeight& w, int rows);
// True where it runs on float panels of weights converted on the fly (F16, BF16, block types): more than 32 rows
// (up to 32 the small-row kernel and the block dots compute on the stored type directly).
bool usesF32GemmRows(int rows);

// The activations in the kernel's layout, prepared once by the calling thread and read by all of them.
class GemmActivations {
public:
    void prepare(ConstMatRef x);
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    int strips() const { return m_strips; }
    // Strip s: cols() x kStripWidth floats, k-major (token t of the strip at [k * kStripWidth + t]).
    const float* strip(int s) const { return m_data.data() + std::size_t(s) * m_cols * kStripWidth; }

    static constexpr int kStripVectors = 3;
    static constexpr int kStripWidth = 16 * kStripVectors;

private:
    std::vector<float, Eigen::aligned_allocator<float>> m_data;
    int m_rows = 0, m_cols = 0, m_strips = 0;
};

// dst (T, n) = x W^T for the n rows of W starting at `w` (row stride ld floats, each row x.cols() long).
void f32GemmSlice(MatRef dst, const GemmActivations& x, const float* w, std::int64_t ld);

} // namespace core::ops::kernels

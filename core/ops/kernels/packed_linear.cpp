#include "core/ops/kernels/packed_linear.h"

#include "core/ops/kernels/block_dot.h"
#include "core/ops/kernels/f32_gemm.h"
#include "core/ops/kernels/weight_rows.h"

#include <algorithm>
#include <cassert>

namespace core::ops::kernels {

bool usesBlockDots(const LinearWeight& w, int rows)
{
    const bool blockType
        = w.dtype == DType::Q8_0 || w.dtype == DType::Q4_K || w.dtype == DType::Q5_K || w.dtype == DType::Q6_K;
    return w.packed && blockType && (rows <= kMaxBlockDotRows || blockGemmAvailable());
}

void BlockActivations::prepare(ConstMatRef x, DType weightType)
{
    const int T = int(x.rows()), in = int(x.cols());
    if (T > kMaxBlockDotRows) {
        m_many.prepare(x, weightType);
        return;
    }
    // Rows are contiguous in the activation buffers; copy a strided one first.
    const bool small = weightType == DType::Q8_0;
    m_perRow = std::size_t(in / (small ? 32 : 256));
    if (small)
        m_small.resize(m_perRow * T);
    else
        m_large.resize(m_perRow * T);
    std::vector<float> row;
    for (int t = 0; t < T; ++t) {
        const float* values = x.row(t).data();
        if (x.innerStride() != 1) {
            row.assign(x.row(t).begin(), x.row(t).end());
            values = row.data();
        }
        if (small)
            quantizeActivations(values, in, m_small.data() + m_perRow * t);
        else
            quantizeActivations(values, in, m_large.data() + m_perRow * t);
    }
}

void blockDotSlice(MatRef dst, const BlockActivations& x, const LinearWeight& w, int j0)
{
    const int T = int(dst.rows()), n = int(dst.cols());
    if (T > kMaxBlockDotRows) {
        blockGemmSlice(dst, x.manyRows(), w, j0);
        return;
    }
    const bool small = w.dtype == DType::Q8_0;
    const int blocks = int(w.in / (small ? 32 : 256));
    std::vector<const ActivationBlock32*> x32;
    std::vector<const ActivationBlock256*> x256;
    for (int t = 0; t < T; ++t) {
        if (small)
            x32.push_back(x.row32(t));
        else
            x256.push_back(x.row256(t));
    }
    std::vector<float> column(static_cast<std::size_t>(T));
    // Weight row outer, activation rows inner: a row (<= a few KB) is read from memory once and stays in L1.
    for (int j = 0; j < n; ++j) {
        const std::uint8_t* row = w.packed + std::size_t(j0 + j) * w.rowBytes;
        switch (w.dtype) {
        case DType::Q8_0:
            dotQ8_0(row, x32.data(), T, blocks, column.data());
            break;
        case DType::Q4_K:
            dotQ4_K(row, x256.data(), T, blocks, column.data());
            break;
        case DType::Q5_K:
            dotQ5_K(row, x256.data(), T, blocks, column.data());
            break;
        case DType::Q6_K:
            dotQ6_K(row, x256.data(), T, blocks, column.data());
            break;
        default:
            assert(false && "not a block-dot type");
            break;
        }
        for (int t = 0; t < T; ++t)
            dst(t, j) = column[std::size_t(t)];
    }
}

void panelSlice(MatRef dst, ConstMatRef x, const LinearWeight& w, int j0, const GemmActivations* gemm)
{
    // A panel of about 128 KB: converted once, read by the product from L2 (1 MB or more on current x86).
    const int n = int(dst.cols());
    const int panelRows = std::clamp((1 << 15) / std::max(1, w.in) / 8 * 8, 8, 256);
    thread_local std::vector<float> panel;
    panel.resize(std::size_t(panelRows) * w.in);
    for (int p0 = 0; p0 < n; p0 += panelRows) {
        const int rows = std::min(panelRows, n - p0);
        weightRows(w, j0 + p0, rows, panel.data());
        if (gemm) {
            f32GemmSlice(dst.middleCols(p0, rows), *gemm, panel.data(), w.in);
            continue;
        }
        const ConstMatMap W(panel.data(), rows, w.in, Eigen::OuterStride<>(w.in));
        dst.middleCols(p0, rows).noalias() = x * W.transpose();
    }
}

} // namespace core::ops::kernels

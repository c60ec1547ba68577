#pragma once
// Row-major matrix types and views used across core. Shapes are always (rows, cols).
#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace core {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vec = Eigen::VectorXf;
using MatMap = Eigen::Map<RowMatrix, 0, Eigen::OuterStride<>>;
using ConstMatMap = Eigen::Map<const RowMatrix, 0, Eigen::OuterStride<>>;
// Kernel parameters: any row-major matrix, map or block with unit inner stride, without a copy.
using MatRef = Eigen::Ref<RowMatrix, 0, Eigen::OuterStride<>>;
using ConstMatRef = Eigen::Ref<const RowMatrix, 0, Eigen::OuterStride<>>;

// A 2-D window onto float memory: rows x cols, row i starts at data + i * stride.
struct TensorView {
    const float* data = nullptr;
    int rows = 0;
    int cols = 0;
    int stride = 0;

    float at(int r, int c) const { return data[std::int64_t(r) * stride + c]; }
    ConstMatMap map() const { return ConstMatMap(data, rows, cols, Eigen::OuterStride<>(stride)); }
    // Copy into a dense row-major vector (rows * cols).
    std::vector<float> copy() const
    {
        std::vector<float> out(std::size_t(rows) * cols);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                out[std::size_t(r) * cols + c] = at(r, c);
        return out;
    }
};

} // namespace core

#include "core/ops/positions.h"

#include "core/ops/kernels/weight_rows.h"

#include <cassert>

namespace core::ops {

void embed(MatRef x, std::span<const std::int32_t> tokens, const LinearWeight& table)
{
    // shapes, checked in debug builds
    assert(table.valid() && x.rows() == std::int64_t(tokens.size()) && x.cols() == table.in);
    for (std::size_t t = 0; t < tokens.size(); ++t)
        weightRows(table, tokens[t], 1, x.row(Eigen::Index(t)).data());
}

void addPositions(MatRef x, int pos0, const float* table)
{
    // shapes, checked in debug builds
    assert(table && pos0 >= 0);
    const int dim = int(x.cols());
    for (int t = 0; t < x.rows(); ++t)
        x.row(t) += Eigen::Map<const Eigen::RowVectorXf>(table + std::int64_t(pos0 + t) * dim, dim);
}

void rope(MatRef x, int pos0, int nHeads, int headDim, const float* cosTable, const float* sinTable, int rotaryDim)
{
    if (rotaryDim <= 0)
        rotaryDim = headDim;
    // shapes, checked in debug builds
    assert(cosTable && sinTable && x.cols() == std::int64_t(nHeads) * headDim && rotaryDim % 2 == 0
        && rotaryDim <= headDim);
    const int half = rotaryDim / 2;
    for (int t = 0; t < x.rows(); ++t) {
        const float* c = cosTable + std::int64_t(pos0 + t) * half;
        const float* s = sinTable + std::int64_t(pos0 + t) * half;
        for (int h = 0; h < nHeads; ++h) {
            float* v = &x(t, h * headDim);
            for (int i = 0; i < half; ++i) {
                const float a = v[i], b = v[i + half];
                v[i] = a * c[i] - b * s[i];
                v[i + half] = b * c[i] + a * s[i];
            }
        }
    }
}

} // namespace core::ops

#include "core/ops/norm.h"

#include <cassert>

#include <cmath>

namespace core::ops {

void layerNorm(MatRef out, ConstMatRef in, const NormWeight& w, float eps)
{
    // shapes, checked in debug builds
    assert(w.weight && out.rows() == in.rows() && out.cols() == in.cols());
    const int dim = int(in.cols());
    Eigen::Map<const Eigen::RowVectorXf> gamma(w.weight, dim);
    for (int r = 0; r < in.rows(); ++r) {
        const float mean = in.row(r).mean();
        const float var = (in.row(r).array() - mean).square().mean();
        const float inv = 1.0f / std::sqrt(var + eps);
        out.row(r) = ((in.row(r).array() - mean) * inv * gamma.array()).matrix();
        if (w.bias)
            out.row(r) += Eigen::Map<const Eigen::RowVectorXf>(w.bias, dim);
    }
}

void rmsNorm(MatRef out, ConstMatRef in, const NormWeight& w, float eps)
{
    // shapes, checked in debug builds
    assert(w.weight && out.rows() == in.rows() && out.cols() == in.cols());
    const int dim = int(in.cols());
    Eigen::Map<const Eigen::RowVectorXf> gamma(w.weight, dim);
    for (int r = 0; r < in.rows(); ++r) {
        const float inv = 1.0f / std::sqrt(in.row(r).squaredNorm() / dim + eps);
        out.row(r) = (in.row(r).array() * inv * gamma.array()).matrix();
    }
}

} // namespace core::ops

#include "core/ops/activation.h"

#include <cassert>

#include <cmath>

namespace core::ops {

void activate(MatRef up, ConstMatRef gate, Activation kind)
{
    // shapes, checked in debug builds
    assert((kind != Activation::SwiGlu && kind != Activation::GeGluTanh)
        || (gate.rows() == up.rows() && gate.cols() == up.cols()));
    const int rows = int(up.rows()), cols = int(up.cols());
    for (int r = 0; r < rows; ++r) {
        float* u = &up(r, 0);
        switch (kind) {
        case Activation::Relu:
            for (int i = 0; i < cols; ++i)
                u[i] = u[i] > 0.0f ? u[i] : 0.0f;
            break;
        case Activation::Gelu:
            for (int i = 0; i < cols; ++i)
                u[i] = 0.5f * u[i] * (1.0f + std::erf(u[i] * 0.70710678118654752f));
            break;
        case Activation::GeluTanh:
            for (int i = 0; i < cols; ++i) {
                const float x = u[i];
                u[i] = 0.5f * x * (1.0f + std::tanh(0.7978845608028654f * (x + 0.044715f * x * x * x)));
            }
            break;
        case Activation::SwiGlu: {
            const float* g = gate.data() + std::int64_t(r) * gate.outerStride();
            for (int i = 0; i < cols; ++i)
                u[i] = g[i] / (1.0f + std::exp(-g[i])) * u[i];
            break;
        }
        case Activation::GeGluTanh: {
            const float* g = gate.data() + std::int64_t(r) * gate.outerStride();
            for (int i = 0; i < cols; ++i) {
                const float x = g[i];
                u[i] = 0.5f * x * (1.0f + std::tanh(0.7978845608028654f * (x + 0.044715f * x * x * x))) * u[i];
            }
            break;
        }
        }
    }
}

void softmaxInto(MatRef probs, ConstMatRef logits)
{
    // shapes, checked in debug builds
    assert(probs.rows() == logits.rows() && probs.cols() == logits.cols());
    for (int r = 0; r < logits.rows(); ++r) {
        const float m = logits.row(r).maxCoeff();
        probs.row(r) = (logits.row(r).array() - m).exp().matrix();
        probs.row(r) /= probs.row(r).sum();
    }
}

} // namespace core::ops

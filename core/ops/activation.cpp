#include "core/ops/activation.h"

#include "core/common/thread_pool.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace core::ops {

namespace {
    void activateRows(MatRef up, ConstMatRef gate, Activation kind, int r0, int r1)
    {
        const int cols = int(up.cols());
        for (int r = r0; r < r1; ++r) {
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
} // namespace

void activate(MatRef up, ConstMatRef gate, Activation kind, int threads)
{
    // shapes, checked in debug builds
    assert((kind != Activation::SwiGlu && kind != Activation::GeGluTanh)
        || (gate.rows() == up.rows() && gate.cols() == up.cols()));
    // A prefill's rows spread over the threads (a 512-token SwiGLU is a million exponentials); every element is
    // computed the same way on any thread, so the result does not depend on `threads`.
    const int rows = int(up.rows());
    const bool parallel = threads > 1 && std::int64_t(rows) * up.cols() >= (1 << 16);
    const int chunks = parallel ? std::min(rows, threads * 4) : 1;
    ThreadPool::instance().parallelFor(chunks, parallel ? threads : 1, [&](int c) {
        activateRows(up, gate, kind, int(std::int64_t(rows) * c / chunks), int(std::int64_t(rows) * (c + 1) / chunks));
    });
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

#include "core/ops/attention.h"

#include <cassert>

#include "core/common/thread_pool.h"

#include <cmath>
#include <limits>

namespace core::ops {

void attentionScores(MatRef scores, ConstMatRef q, ConstMatRef k, float scale, int threads)
{
    // shapes, checked in debug builds
    assert(q.cols() == k.cols() && scores.rows() == q.rows() && scores.cols() == k.rows());
    const int T = int(q.rows());
    // Prefill: rows are independent, split them across threads; decode (T == 1) is one small GEMV.
    const int blocks = (T + 15) / 16;
    ThreadPool::instance().parallelFor(blocks, T >= 64 ? threads : 1, [&](int b) {
        const int r0 = b * 16, n = std::min(16, T - r0);
        scores.middleRows(r0, n).noalias() = scale * (q.middleRows(r0, n) * k.transpose());
    });
}

void causalMask(MatRef scores, int pos0)
{
    // shapes, checked in debug builds
    assert(pos0 >= 0 && scores.cols() >= pos0 + scores.rows());
    const float ninf = -std::numeric_limits<float>::infinity();
    for (int i = 0; i < scores.rows(); ++i)
        for (int j = pos0 + i + 1; j < scores.cols(); ++j)
            scores(i, j) = ninf;
}

void softmaxRows(MatRef x)
{
    for (int r = 0; r < x.rows(); ++r) {
        auto row = x.row(r);
        const float m = row.maxCoeff();
        if (!std::isfinite(m)) { // a row with nothing visible: define it as all zeros
            row.setZero();
            continue;
        }
        row = (row.array() - m).exp().matrix();
        row /= row.sum();
    }
}

void attentionMix(MatRef out, ConstMatRef probs, ConstMatRef v, int threads)
{
    // shapes, checked in debug builds
    assert(probs.cols() == v.rows() && out.rows() == probs.rows() && out.cols() == v.cols());
    const int T = int(probs.rows());
    const int blocks = (T + 15) / 16;
    ThreadPool::instance().parallelFor(blocks, T >= 64 ? threads : 1, [&](int b) {
        const int r0 = b * 16, n = std::min(16, T - r0);
        out.middleRows(r0, n).noalias() = probs.middleRows(r0, n) * v;
    });
}

} // namespace core::ops

#include "core/ops/linear.h"

#include <cassert>

#include "core/common/thread_pool.h"
#include "core/ops/kernels/f32_gemm.h"
#include "core/ops/kernels/packed_linear.h"
#include "core/ops/kernels/small_rows.h"

#include <algorithm>

namespace core::ops {

void linear(MatRef out, ConstMatRef x, const LinearWeight& w, int threads)
{
    // shapes, checked in debug builds
    assert(w.valid() && x.cols() == w.in && out.cols() == w.out && out.rows() == x.rows());
    const int nOut = w.out;
    // Work must be worth waking a thread for: below ~256k multiply-adds (a 512 x 512 matrix-vector product,
    // ~0.05 ms on one core) one thread does it, so the tiny teaching models never pay for synchronisation.
    const bool parallel = threads > 1 && std::int64_t(nOut) * w.in * x.rows() >= (1 << 18);
    // A few chunks per thread, handed out dynamically: when another process takes part of a core, the other
    // threads pick up its share. Boundaries on multiples of 16 rows keep
    // every slice SIMD-aligned when W is aligned.
    const int chunks = parallel ? std::min(threads * 4, std::max(1, nOut / 64)) : 1;
    const int step = ((nOut + chunks - 1) / chunks + 15) / 16 * 16;
    // Block-quantized weights: the activations are rounded to 8-bit blocks once, for all threads.
    const bool blockDots = kernels::usesBlockDots(w, int(x.rows()));
    // From 16 rows (a prompt) on F32 weights, or above 32 on the float panels of other types: our blocked product
    // (core/ops/kernels/f32_gemm.h) on activations packed once here for all threads.
    const bool f32Gemm = kernels::usesF32Gemm(w, int(x.rows()));
    // Few rows on float / 16-bit weights: no packing of the weights (core/ops/kernels/small_rows.h).
    const bool smallRows = !f32Gemm && kernels::usesSmallRows(w, int(x.rows())) && x.innerStride() == 1;
    const bool gemm = f32Gemm || (w.packed && !blockDots && !smallRows && kernels::usesF32GemmRows(int(x.rows())));
    // The caller's own buffers, reused across calls; the helper threads read them through these pointers (naming a
    // thread_local inside the lambda would give each thread its own, empty one).
    thread_local kernels::BlockActivations callerBlocks;
    const kernels::BlockActivations* blocks = &callerBlocks;
    if (blockDots)
        callerBlocks.prepare(x, w.dtype);
    thread_local kernels::GemmActivations callerGemm;
    const kernels::GemmActivations* gemmRows = gemm ? &callerGemm : nullptr;
    if (gemm)
        callerGemm.prepare(x);

    ThreadPool::instance().parallelFor(chunks, parallel ? threads : 1, [&](int c) {
        const int j0 = std::min(nOut, c * step);
        const int n = std::min(nOut, j0 + step) - j0;
        if (n <= 0)
            return;
        auto dst = out.middleCols(j0, n);
        if (blockDots) {
            kernels::blockDotSlice(dst, *blocks, w, j0);
        } else if (smallRows) {
            kernels::smallRowsSlice(dst, x, w, j0);
        } else if (w.packed) {
            kernels::panelSlice(dst, x, w, j0, gemmRows);
        } else if (gemm) {
            kernels::f32GemmSlice(dst, *gemmRows, w.data + std::int64_t(j0) * w.ld, w.ld);
        } else if (!w.storedInOut) {
            ConstMatMap W(w.data + std::int64_t(j0) * w.ld, n, w.in, Eigen::OuterStride<>(w.ld)); // (n, in)
            dst.noalias() = x * W.transpose();
        } else {
            ConstMatMap W(w.data + j0, w.in, n, Eigen::OuterStride<>(w.ld)); // (in, n)
            dst.noalias() = x * W;
        }
        if (w.bias)
            dst.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(w.bias + j0, n);
    });
}

} // namespace core::ops

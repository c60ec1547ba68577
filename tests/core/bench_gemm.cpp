// Not a test: times the F32 products of a prefill on one thread, by this thread's CPU time (so a busy machine
// slows the wall clock, not the figure), on the 110M-shaped Llama's matrices for 64- and 512-token prompts:
// Eigen's product (what linear() ran before core/ops/kernels/f32_gemm.h) and our blocked kernel, in GFLOP/s
// beside one core's FMA peak measured by the same clock.
//   build/tests/core/bench_gemm [repeats]
#include "core/ops/kernels/f32_gemm.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

#include <immintrin.h>

namespace {

double threadSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

template <typename F> double bestSeconds(int repeats, F&& f)
{
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const double t0 = threadSeconds();
        f();
        best = std::min(best, threadSeconds() - t0);
    }
    return best;
}

// One core's FP32 peak by the same clock: independent 16-wide FMAs (AVX-512 or two 8-wide AVX2).
double peakGflops()
{
    constexpr int kChains = 12;
    constexpr long kIterations = 20'000'000;
    __m256 acc[kChains][2];
    for (int c = 0; c < kChains; ++c)
        acc[c][0] = acc[c][1] = _mm256_set1_ps(float(c));
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    const double t0 = threadSeconds();
    for (long i = 0; i < kIterations; ++i)
        for (int c = 0; c < kChains; ++c)
            for (int h = 0; h < 2; ++h)
                acc[c][h] = _mm256_fmadd_ps(acc[c][h], a, b);
    const double s = threadSeconds() - t0;
    float sum = 0;
    for (int c = 0; c < kChains; ++c)
        sum += _mm256_cvtss_f32(acc[c][0]) + _mm256_cvtss_f32(acc[c][1]);
    std::printf("(checksum %g)\n", double(sum));
    return kIterations * kChains * 16 * 2.0 / s / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const double peak = std::max(peakGflops(), peakGflops());
    std::printf("one core's FP32 FMA peak: %.1f GFLOP/s\n", peak);
    std::printf("%5s %6s %6s | %14s %6s | %14s %6s | max rel diff\n", "T", "in", "out", "Eigen GFLOP/s", "peak",
        "kernel GFLOP/s", "peak");
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const int shapes[][2] = { { 768, 768 }, { 768, 2048 }, { 2048, 768 }, { 768, 32000 } };
    for (int T : { 64, 512 }) {
        for (const auto& shape : shapes) {
            const int in = shape[0], out = shape[1];
            core::RowMatrix x(T, in), W(out, in), eigenOut(T, out), ours(T, out);
            for (float* p : { x.data(), W.data() })
                for (Eigen::Index i = 0; i < (p == x.data() ? x.size() : W.size()); ++i)
                    p[i] = normal(rng);
            const double flops = 2.0 * T * in * double(out);
            const int reps = out > 10000 ? std::max(1, repeats / 2) : repeats;
            const double eigenS = bestSeconds(reps, [&] { eigenOut.noalias() = x * W.transpose(); });
            core::ops::kernels::GemmActivations packed;
            const double oursS = bestSeconds(reps, [&] {
                packed.prepare(x);
                core::ops::kernels::f32GemmSlice(ours, packed, W.data(), in);
            });
            const double diff = ((ours - eigenOut).cwiseAbs().maxCoeff()) / eigenOut.cwiseAbs().maxCoeff();
            std::printf("%5d %6d %6d | %14.1f %5.0f%% | %14.1f %5.0f%% | %.1e\n", T, in, out, flops / eigenS / 1e9,
                100 * flops / eigenS / 1e9 / peak, flops / oursS / 1e9, 100 * flops / oursS / 1e9 / peak, diff);
        }
    }
    return 0;
}

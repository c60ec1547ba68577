#include "core/bench/fma_peak.h"

#include "core/common/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

namespace core {

namespace {
    constexpr int kChains = 12; // independent accumulators: enough to cover FMA latency x 2 pipes
    constexpr long kIterations = 60'000'000;

    // kIterations x kChains vector FMAs; returns a value depending on all of them so nothing is optimised away.
    float fmaLoop(float seed)
    {
#if defined(__AVX2__) && defined(__FMA__)
        __m256 acc[kChains];
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm256_set1_ps(seed + float(c));
        const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
        for (long i = 0; i < kIterations; ++i)
            for (int c = 0; c < kChains; ++c)
                acc[c] = _mm256_fmadd_ps(acc[c], a, b);
        __m256 s = acc[0];
        for (int c = 1; c < kChains; ++c)
            s = _mm256_add_ps(s, acc[c]);
        return _mm256_cvtss_f32(s);
#else
        float acc[kChains];
        for (int c = 0; c < kChains; ++c)
            acc[c] = seed + float(c);
        for (long i = 0; i < kIterations; ++i)
            for (int c = 0; c < kChains; ++c)
                acc[c] = acc[c] * 0.999999f + 1e-7f;
        float s = 0;
        for (float v : acc)
            s += v;
        return s;
#endif
    }

    constexpr double kFloats =
#if defined(__AVX2__) && defined(__FMA__)
        8.0;
#else
        1.0;
#endif
} // namespace

FmaPeak measureFmaPeak(int repeats)
{
    ThreadPool& pool = ThreadPool::instance();
    const int threads = pool.threadCount();
    FmaPeak peak;
    peak.vectorFloats = kFloats;
    std::atomic<float> sink { 0 };
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        pool.parallelFor(threads, threads, [&](int c) { sink.store(fmaLoop(float(c)), std::memory_order_relaxed); });
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        peak.measured = std::max(peak.measured, threads * kIterations * kChains * kFloats * 2.0 / s);
    }
    return peak;
}

} // namespace core

#include "core/bench/bandwidth.h"

#include "core/common/thread_pool.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <vector>

namespace core {

double measureReadBandwidth(std::size_t bytes, int repeats)
{
    const std::size_t n = bytes / sizeof(float);
    std::vector<float> buffer(n);
    auto& pool = ThreadPool::instance();
    const int threads = pool.threadCount();
    pool.parallelFor(threads, threads, [&](int t) { // touch every page before timing
        for (std::size_t i = n * t / threads; i < n * (t + 1) / threads; ++i)
            buffer[i] = float(i & 1023);
    });
    double best = 0.0;
    volatile float sink = 0.0f;
    std::vector<float> partial(std::size_t(threads), 0.0f);
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        // Each thread sums its contiguous share with Eigen's vectorised, multi-accumulator reduction: a plain
        // float loop would be bound by the add latency, not by memory.
        pool.parallelFor(threads, threads, [&](int t) {
            const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
            partial[std::size_t(t)]
                = Eigen::Map<const Eigen::VectorXf>(buffer.data() + begin, Eigen::Index(end - begin)).sum();
        });
        float total = 0.0f;
        for (float p : partial)
            total += p;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        sink = total;
        best = std::max(best, double(bytes) / s);
    }
    (void)sink;
    return best;
}

} // namespace core

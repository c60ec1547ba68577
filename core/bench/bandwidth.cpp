#include "core/bench/bandwidth.h"

#include <Eigen/Core>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace core {

double measureReadBandwidth(std::size_t bytes, int repeats)
{
    const std::size_t n = bytes / sizeof(float);
    std::vector<float> buffer(n);
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) // first touch by the thread that will read it
        buffer[i] = float(i & 1023);
    double best = 0.0;
    volatile float sink = 0.0f;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        // Each thread sums its contiguous share with Eigen's vectorised, multi-accumulator reduction: a plain
        // float loop would be bound by the add latency, not by memory.
        float total = 0.0f;
#pragma omp parallel reduction(+ : total)
        {
            const std::size_t t = std::size_t(omp_get_thread_num()), nt = std::size_t(omp_get_num_threads());
            const std::size_t begin = n * t / nt, end = n * (t + 1) / nt;
            total += Eigen::Map<const Eigen::VectorXf>(buffer.data() + begin, Eigen::Index(end - begin)).sum();
        }
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        sink = total;
        best = std::max(best, double(bytes) / s);
    }
    (void)sink;
    return best;
}

} // namespace core

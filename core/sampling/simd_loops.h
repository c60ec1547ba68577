#pragma once
// The whole-vocabulary loops of the sampler, written so the compiler vectorizes them (`#pragma omp simd`, enabled
// for this module by -fopenmp-simd). Sums whose value matters use eight fixed lanes, so their rounding is the same
// whatever the vector width of the machine.
#include "core/sampling/fast_exp.h"

#include <cstddef>
#include <limits>
#include <span>

namespace core::simd {

inline float maxOf(std::span<const float> values)
{
    float m = -std::numeric_limits<float>::infinity();
    const float* v = values.data();
    const size_t n = values.size();
#pragma omp simd reduction(max : m)
    for (size_t i = 0; i < n; ++i)
        m = v[i] > m ? v[i] : m;
    return m;
}

// out[i] = fastExp(in[i] - reference)
inline void expShifted(std::span<const float> in, float reference, std::span<float> out)
{
    const float* x = in.data();
    float* y = out.data();
    const size_t n = in.size();
#pragma omp simd
    for (size_t i = 0; i < n; ++i)
        y[i] = fastExp(x[i] - reference);
}

// sum of f(i) in double over eight fixed lanes (lane l takes i = l, l + 8, ...): deterministic.
template <class F> double laneSum(size_t n, F f)
{
    double lanes[8] = {};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
#pragma omp simd
        for (size_t l = 0; l < 8; ++l)
            lanes[l] += f(i + l);
    }
    for (; i < n; ++i)
        lanes[i % 8] += f(i);
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

} // namespace core::simd

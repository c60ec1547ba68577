#pragma once
// Statistics of a tensor as the tensor panel shows them: min, max, mean, standard deviation.
#include <cstddef>
#include <span>

namespace core {

struct TensorStats {
    float min = 0;
    float max = 0;
    float mean = 0;
    float std = 0; // population standard deviation (divides by count)
    std::size_t count = 0; // finite values counted
};

// Over the finite values of `values` (n,): -inf entries (masked attention scores) and NaN are left out. All zero
// when no value is finite. Sums in double.
TensorStats tensorStats(std::span<const float> values);

} // namespace core

#pragma once
// The KV cache: for every layer, the keys and values of every position seen so far, so a decode step
// computes k and v for one new token and attends over the stored rows instead of recomputing the prompt.
#include "core/model/model_config.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace core {

class KvCache {
public:
    KvCache() = default;
    // Room for `capacity` positions (at most the model's context length); allocated up front.
    KvCache(const ModelConfig& config, int capacity);

    int length() const { return m_length; } // positions stored
    int capacity() const { return m_capacity; }
    int layers() const { return int(m_keys.size()); }
    int rowWidth() const { return m_width; } // nKvHeads * headDim

    float* keys(int layer) { return m_keys[std::size_t(layer)].data(); } // (capacity, rowWidth)
    float* values(int layer) { return m_values[std::size_t(layer)].data(); } // (capacity, rowWidth)
    const float* keys(int layer) const { return m_keys[std::size_t(layer)].data(); }
    const float* values(int layer) const { return m_values[std::size_t(layer)].data(); }

    void setLength(int n) { m_length = n; } // the executor commits a pass; rewinding forgets positions
    // Copy the first `length()` rows of every layer from another cache (beam search forks).
    void copyFrom(const KvCache& other);

    std::uint64_t bytesPerToken() const { return std::uint64_t(2) * layers() * m_width * sizeof(float); }
    std::uint64_t bytesUsed() const { return bytesPerToken() * std::uint64_t(m_length); }
    std::uint64_t bytesReserved() const { return bytesPerToken() * std::uint64_t(m_capacity); }

private:
    int m_length = 0;
    int m_capacity = 0;
    int m_width = 0;
    // Aligned like the executor's buffers, so reductions over cached rows are reproducible bit for bit.
    using Rows = std::vector<float, Eigen::aligned_allocator<float>>;
    std::vector<Rows> m_keys;
    std::vector<Rows> m_values;
};

} // namespace core

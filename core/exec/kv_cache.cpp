#include "core/exec/kv_cache.h"

#include "core/common/error.h"

#include <algorithm>

namespace core {

KvCache::KvCache(const ModelConfig& config, int capacity)
    : m_capacity(capacity)
    , m_width(config.kvDim())
{
    if (capacity < 1 || capacity > config.maxPositions)
        throw Error("KV cache", "capacity",
            std::to_string(capacity) + " positions is outside [1, " + std::to_string(config.maxPositions) + "]");
    const std::size_t n = std::size_t(capacity) * m_width;
    m_keys.assign(std::size_t(config.nLayers), Rows(n, 0.0f));
    m_values.assign(std::size_t(config.nLayers), Rows(n, 0.0f));
}

void KvCache::copyFrom(const KvCache& other)
{
    if (other.m_width != m_width || other.layers() != layers() || other.m_length > m_capacity)
        throw Error("KV cache", "copy", "caches of different shapes");
    const std::size_t n = std::size_t(other.m_length) * m_width;
    for (int l = 0; l < layers(); ++l) {
        std::copy_n(other.m_keys[l].data(), n, m_keys[l].data());
        std::copy_n(other.m_values[l].data(), n, m_values[l].data());
    }
    m_length = other.m_length;
}

} // namespace core

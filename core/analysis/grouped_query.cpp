#include "core/analysis/grouped_query.h"

namespace core {

GroupedQueryMap groupedQueryMap(const ModelConfig& c, int context, int bytesPerValue)
{
    GroupedQueryMap m;
    m.heads = c.nHeads;
    m.kvHeads = c.nKvHeads > 0 ? c.nKvHeads : c.nHeads;
    m.groupSize = m.kvHeads > 0 ? m.heads / m.kvHeads : 0;
    for (int h = 0; h < m.heads && m.groupSize > 0; ++h)
        m.kvHeadOf.push_back(h / m.groupSize);
    m.context = context > 0 ? context : c.maxPositions;
    m.bytesPerValue = bytesPerValue;
    const auto bytes = [&](int kvHeads) {
        return 2ull * std::uint64_t(c.nLayers) * std::uint64_t(m.context) * std::uint64_t(kvHeads)
            * std::uint64_t(c.headDim) * std::uint64_t(bytesPerValue);
    };
    m.cacheBytes = bytes(m.kvHeads);
    m.fullMhaBytes = bytes(m.heads);
    return m;
}

} // namespace core

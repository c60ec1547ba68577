#pragma once
// Grouped-query attention as a map and a bill: which query heads read which K/V head, and what the KV cache costs
// with the model's K/V heads against full multi-head attention (one K/V head per query head) at a given context.
#include "core/model/model_config.h"

#include <cstdint>
#include <vector>

namespace core {

struct GroupedQueryMap {
    int heads = 0; // query heads
    int kvHeads = 0;
    int groupSize = 0; // query heads per K/V head
    std::vector<int> kvHeadOf; // per query head: the K/V head it reads (h / groupSize)
    // KV cache bytes for `context` positions: 2 (k and v) x layers x context x kvHeads x headDim x bytesPerValue.
    int context = 0;
    int bytesPerValue = 0;
    std::uint64_t cacheBytes = 0; // with the model's K/V heads
    std::uint64_t fullMhaBytes = 0; // with one K/V head per query head
    std::uint64_t savedBytes() const { return fullMhaBytes - cacheBytes; }
    std::uint64_t bytesPerToken() const { return context > 0 ? cacheBytes / std::uint64_t(context) : 0; }
};

// context 0: the model's usable context (maxPositions). bytesPerValue: 4 for our F32 cache.
GroupedQueryMap groupedQueryMap(const ModelConfig& c, int context = 0, int bytesPerValue = 4);

} // namespace core

#pragma once
// Where to cut a best-first ranking, without sorting the vocabulary.
//
// Rank order everywhere in the sampler: higher key first; equal keys -> lower token id first. So "top-k" and "greedy"
// are exact and reproducible even with tied logits.
//
// Sorting 150k candidates costs ~10 ms; a slider in the UI needs the whole pipeline in < 1 ms. Every cut the sampler
// makes (top-k, top-p, typical-p, the draw) only needs the boundary element, and only the first few hundred ranks
// matter in practice. So: (1) find a key threshold whose upper set already holds the count/mass asked for, with a
// few vectorized passes; if that set is small, gather and sort it. (2) Otherwise (mass spread over the bulk of
// the vocabulary) one histogram pass over the keys finds the narrow bucket where the running sum crosses the
// target, and only that bucket is gathered and sorted. Worst case (thousands of exactly equal keys in that
// bucket) falls back to halving with nth_element: O(n) expected, a few ms at 150k.
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace core {

struct RankBoundary {
    float key = 0.0f;
    int32_t token = -1;
    uint32_t index = 0; // position of the boundary element in the spans that were searched
};

// True when (key, token) ranks at or above the boundary element.
inline bool rankedAtOrAbove(float key, int32_t token, const RankBoundary& boundary)
{
    return (key > boundary.key) | ((key == boundary.key) & (token <= boundary.token)); // no branches: vectorizes
}

enum class MassRule {
    AtLeast, // first element where the running sum >= target (top-p, typical-p)
    Beyond, // first element where the running sum > target (the draw: u in [0, 1) picks from (c_{i-1}, c_i])
};

class RankSelector {
public:
    // The count-th element in rank order (count in [1, size]).
    RankBoundary byCount(std::span<const float> keys, std::span<const int32_t> tokens, size_t count);

    // The first element in rank order where the running sum of weights reaches `target`. If rounding keeps the
    // sum below target to the end, the last element with a positive weight.
    RankBoundary byMass(std::span<const float> keys, std::span<const float> weights, std::span<const int32_t> tokens,
        double target, MassRule rule);

    // Indices (into keys) of the best `count` elements, best first.
    std::vector<uint32_t> best(std::span<const float> keys, std::span<const int32_t> tokens, size_t count);

    // A 64-bit integer with the same order as the rank order (bigger = ranked first).
    static uint64_t packRank(float key, int32_t token)
    {
        key += 0.0f; // -0 -> +0: the float comparison in rankedAtOrAbove treats them as equal
        uint32_t bits;
        std::memcpy(&bits, &key, sizeof bits);
        bits = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
        return (uint64_t(bits) << 32) | uint64_t(0xFFFFFFFFu - uint32_t(token));
    }

private:
    struct Entry {
        uint64_t rank;
        float weight;
        uint32_t index;
    };
    struct Scan {
        bool reached = false;
        RankBoundary boundary;
    };

    template <class WeightOf>
    RankBoundary findBoundary(std::span<const float> keys, std::span<const int32_t> tokens, WeightOf weightOf,
        double target, MassRule rule, double margin);
    // Collects keys >= lowest (bucket < 0) or the keys of one histogram bucket into m_entries.
    template <class WeightOf>
    void gather(
        std::span<const int32_t> tokens, std::span<const float> keys, WeightOf weightOf, float lowest, int bucket);
    Scan scanEntries(std::span<const float> keys, std::span<const int32_t> tokens, double before, double target,
        MassRule rule, const Entry** fallback);

    std::vector<Entry> m_entries; // the gathered candidates, reused across calls
    std::vector<uint16_t> m_bucketIds; // (n,) histogram bucket + 1 of each key, 0 = below the histogram
    std::vector<double> m_bucketMass; // (buckets + 1,)
};

} // namespace core

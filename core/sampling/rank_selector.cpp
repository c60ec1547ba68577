#include "core/sampling/rank_selector.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace core {

namespace {
    constexpr float kNegInf = -std::numeric_limits<float>::infinity();
    constexpr size_t kSmallSet = 2048; // gather and sort directly up to this many candidates
    constexpr int kBuckets = 2048;

    float maxKey(std::span<const float> keys)
    {
        float m = kNegInf;
        for (float k : keys)
            m = k > m ? k : m;
        return m;
    }

    struct MassAndCount {
        double mass;
        size_t count;
    };

    // Sum of weightOf(i) and count over keys[i] >= threshold. Eight independent lanes so the loop vectorizes; the
    // result only decides which threshold to try, the exact cut is summed in double later.
    template <class WeightOf>
    MassAndCount sumAtOrAbove(std::span<const float> keys, float threshold, WeightOf weightOf)
    {
        float lanes[8] = {};
        uint32_t counts[8] = {};
        const size_t n = keys.size();
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            for (size_t l = 0; l < 8; ++l) {
                const bool in = keys[i + l] >= threshold;
                lanes[l] += in ? weightOf(i + l) : 0.0f;
                counts[l] += in ? 1u : 0u;
            }
        }
        MassAndCount result { 0.0, 0 };
        for (; i < n; ++i) {
            const bool in = keys[i] >= threshold;
            result.mass += in ? weightOf(i) : 0.0f;
            result.count += in ? 1 : 0;
        }
        for (size_t l = 0; l < 8; ++l) {
            result.mass += lanes[l];
            result.count += counts[l];
        }
        return result;
    }

    // The histogram bucket of a key >= lowest. One function for the histogram and the gather pass, so both put a key
    // in the same bucket bit for bit.
    inline int bucketOf(float key, float lowest, float scale)
    {
        const int b = int((key - lowest) * scale);
        return b < kBuckets ? b : kBuckets - 1;
    }
}

template <class WeightOf>
void RankSelector::gather(std::span<const float> keys, std::span<const int32_t> tokens, WeightOf weightOf,
    float lowest, int bucket, float bucketScale)
{
    m_entries.clear();
    for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] >= lowest && (bucket < 0 || bucketOf(keys[i], lowest, bucketScale) == bucket))
            m_entries.push_back({ packRank(keys[i], tokens[i]), weightOf(i), uint32_t(i) });
    }
}

RankSelector::Scan RankSelector::scanEntries(std::span<const float> keys, std::span<const int32_t> tokens,
    double before, double target, MassRule rule, const Entry** fallback)
{
    const auto reaches = [rule, target](double sum) { return rule == MassRule::AtLeast ? sum >= target : sum > target; };
    const auto byRank = [](const Entry& a, const Entry& b) { return a.rank > b.rank; };
    auto& e = m_entries;
    size_t lo = 0, hi = e.size();
    // Halve [lo, hi) until small: the best half first; keep the half where the running sum crosses the target.
    while (hi - lo > kSmallSet) {
        const size_t mid = lo + (hi - lo) / 2;
        std::nth_element(e.begin() + long(lo), e.begin() + long(mid), e.begin() + long(hi), byRank);
        double half = 0.0;
        const Entry* lowestPositive = nullptr;
        for (size_t i = lo; i < mid; ++i) {
            half += e[i].weight;
            if (e[i].weight > 0.0f && (!lowestPositive || e[i].rank < lowestPositive->rank))
                lowestPositive = &e[i];
        }
        if (reaches(before + half)) {
            hi = mid;
        } else {
            before += half;
            lo = mid;
            if (lowestPositive)
                *fallback = lowestPositive;
        }
    }
    std::sort(e.begin() + long(lo), e.begin() + long(hi), byRank);
    for (size_t i = lo; i < hi; ++i) {
        before += e[i].weight;
        if (e[i].weight > 0.0f) {
            *fallback = &e[i];
            if (reaches(before))
                return { true, { keys[e[i].index], tokens[e[i].index], e[i].index } };
        }
    }
    return { false, {} };
}

template <class WeightOf>
RankBoundary RankSelector::findBoundary(std::span<const float> keys, std::span<const int32_t> tokens,
    WeightOf weightOf, double target, MassRule rule, double margin)
{
    const auto reaches = [rule, target](double sum) { return rule == MassRule::AtLeast ? sum >= target : sum > target; };
    const Entry* fallback = nullptr;
    const float top = maxKey(keys);

    // 1. Thresholds below the best key, in key units (logits: 16 below the best is a probability ratio of 1e-7).
    //    The float estimate must clear the target by `margin`, so rounding cannot make the exact scan fall short.
    float range = 0.0f;
    if (std::isfinite(top)) {
        for (float gap : { 1.0f, 4.0f, 16.0f, 64.0f }) {
            const MassAndCount upper = sumAtOrAbove(keys, top - gap, weightOf);
            if (upper.mass >= target * (1.0 + margin)) {
                if (upper.count <= kSmallSet) {
                    gather(keys, tokens, weightOf, top - gap, -1, 0.0f);
                    const Scan scan = scanEntries(keys, tokens, 0.0, target, rule, &fallback);
                    if (scan.reached)
                        return scan.boundary;
                } else {
                    range = gap;
                }
                break;
            }
        }
    }

    // 2. Many candidates above the threshold: a histogram of [top - range, top] in kBuckets buckets locates the
    //    bucket where the running sum (best bucket first) crosses the target; only that bucket is sorted.
    if (range > 0.0f) {
        const float lowest = top - range;
        const float scale = float(kBuckets) / range;
        m_bucketMass.assign(kBuckets, 0.0);
        m_bucketCount.assign(kBuckets, 0);
        for (size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] >= lowest) {
                const int b = bucketOf(keys[i], lowest, scale);
                m_bucketMass[size_t(b)] += weightOf(i);
                ++m_bucketCount[size_t(b)];
            }
        }
        double before = 0.0;
        for (int b = kBuckets - 1; b >= 0; --b) {
            if (m_bucketCount[size_t(b)] == 0)
                continue;
            if (reaches(before + m_bucketMass[size_t(b)])) {
                gather(keys, tokens, weightOf, lowest, b, scale);
                const Scan scan = scanEntries(keys, tokens, before, target, rule, &fallback);
                if (scan.reached)
                    return scan.boundary;
                break;
            }
            before += m_bucketMass[size_t(b)];
        }
    }

    // 3. General case (the target lies far down the tail, every key is -inf, or rounding): everything.
    fallback = nullptr;
    gather(keys, tokens, weightOf, kNegInf, -1, 0.0f);
    const Scan scan = scanEntries(keys, tokens, 0.0, target, rule, &fallback);
    if (scan.reached)
        return scan.boundary;
    // The running sum never reached the target (rounding): the last candidate with a positive weight.
    const Entry& last = fallback ? *fallback : m_entries.back();
    return { keys[last.index], tokens[last.index], last.index };
}

RankBoundary RankSelector::byCount(std::span<const float> keys, std::span<const int32_t> tokens, size_t count)
{
    assert(count >= 1 && count <= keys.size());
    return findBoundary(keys, tokens, [](size_t) { return 1.0f; }, double(count), MassRule::AtLeast, 0.0);
}

RankBoundary RankSelector::byMass(std::span<const float> keys, std::span<const float> weights,
    std::span<const int32_t> tokens, double target, MassRule rule)
{
    assert(!keys.empty() && keys.size() == weights.size() && keys.size() == tokens.size());
    return findBoundary(keys, tokens, [weights](size_t i) { return weights[i]; }, target, rule, 1e-3);
}

std::vector<uint32_t> RankSelector::best(std::span<const float> keys, std::span<const int32_t> tokens, size_t count)
{
    count = std::min(count, keys.size());
    if (count == 0)
        return {};
    const RankBoundary last = byCount(keys, tokens, count);
    std::vector<uint32_t> indices;
    indices.reserve(count);
    for (size_t i = 0; i < keys.size(); ++i) {
        if (rankedAtOrAbove(keys[i], tokens[i], last))
            indices.push_back(uint32_t(i));
    }
    std::sort(indices.begin(), indices.end(), [&](uint32_t a, uint32_t b) {
        return packRank(keys[a], tokens[a]) > packRank(keys[b], tokens[b]);
    });
    return indices;
}

} // namespace core

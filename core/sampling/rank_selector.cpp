#include "core/sampling/rank_selector.h"

#include "core/sampling/simd_loops.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace core {

namespace {
    constexpr float kNegInf = -std::numeric_limits<float>::infinity();
    constexpr size_t kSmallSet = 2048; // gather and sort directly up to this many candidates
    constexpr int kBuckets = 2048;
    constexpr float kGaps[4] = { 1.0f, 4.0f, 16.0f, 64.0f }; // thresholds below the best key, in key units

    struct Upper {
        double mass[4];
        size_t count[4];
    };

    // Mass and count of the keys >= top - kGaps[g], for the four gaps in one vectorized pass. Float partial sums
    // in any order: the result only chooses a threshold, the exact cut is summed in double afterwards.
    template <class WeightOf> Upper upperSets(std::span<const float> keys, float top, WeightOf weightOf)
    {
        const float t0 = top - kGaps[0], t1 = top - kGaps[1], t2 = top - kGaps[2], t3 = top - kGaps[3];
        float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        unsigned c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        const float* k = keys.data();
        const size_t n = keys.size();
#pragma omp simd reduction(+ : m0, m1, m2, m3, c0, c1, c2, c3)
        for (size_t i = 0; i < n; ++i) {
            const float w = weightOf(i);
            m0 += k[i] >= t0 ? w : 0.0f;
            m1 += k[i] >= t1 ? w : 0.0f;
            m2 += k[i] >= t2 ? w : 0.0f;
            m3 += k[i] >= t3 ? w : 0.0f;
            c0 += k[i] >= t0 ? 1u : 0u;
            c1 += k[i] >= t1 ? 1u : 0u;
            c2 += k[i] >= t2 ? 1u : 0u;
            c3 += k[i] >= t3 ? 1u : 0u;
        }
        return { { m0, m1, m2, m3 }, { c0, c1, c2, c3 } };
    }
}

template <class WeightOf>
void RankSelector::gather(
    std::span<const int32_t> tokens, std::span<const float> keys, WeightOf weightOf, float lowest, int bucket)
{
    m_entries.clear();
    const size_t n = keys.size();
    const float* k = keys.data();
    const uint16_t* ids = m_bucketIds.data();
    const uint16_t id = uint16_t(bucket + 1);
    const auto take = [&](size_t i) { return bucket < 0 ? k[i] >= lowest : ids[i] == id; };
    // Usually a few hundred of 150k candidates qualify: test blocks of 64 in a vectorized loop and only walk the
    // blocks that hold one.
    constexpr size_t kBlock = 64;
    size_t i = 0;
    for (; i + kBlock <= n; i += kBlock) {
        unsigned any = 0;
#pragma omp simd reduction(+ : any)
        for (size_t j = i; j < i + kBlock; ++j)
            any += take(j) ? 1u : 0u;
        if (any == 0)
            continue;
        for (size_t j = i; j < i + kBlock; ++j) {
            if (take(j))
                m_entries.push_back({ packRank(k[j], tokens[j]), weightOf(j), uint32_t(j) });
        }
    }
    for (; i < n; ++i) {
        if (take(i))
            m_entries.push_back({ packRank(k[i], tokens[i]), weightOf(i), uint32_t(i) });
    }
}

RankSelector::Scan RankSelector::scanEntries(std::span<const float> keys, std::span<const int32_t> tokens,
    double before, double target, MassRule rule, const Entry** fallback)
{
    const auto reaches
        = [rule, target](double sum) { return rule == MassRule::AtLeast ? sum >= target : sum > target; };
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
RankBoundary RankSelector::findBoundary(std::span<const float> keys, std::span<const int32_t> tokens, WeightOf weightOf,
    double target, MassRule rule, double margin)
{
    const auto reaches
        = [rule, target](double sum) { return rule == MassRule::AtLeast ? sum >= target : sum > target; };
    const Entry* fallback = nullptr;
    const float top = simd::maxOf(keys);

    // 1. The smallest gap below the best key whose upper set holds the target (with a margin on the float
    //    estimate, so rounding cannot make the exact scan fall short). If that set is small, sort it.
    float range = 0.0f;
    if (std::isfinite(top)) {
        const Upper upper = upperSets(keys, top, weightOf);
        for (int g = 0; g < 4; ++g) {
            if (upper.mass[g] >= target * (1.0 + margin)) {
                if (upper.count[g] <= kSmallSet) {
                    gather(tokens, keys, weightOf, top - kGaps[g], -1);
                    const Scan scan = scanEntries(keys, tokens, 0.0, target, rule, &fallback);
                    if (scan.reached)
                        return scan.boundary;
                } else {
                    range = kGaps[g];
                }
                break;
            }
        }
    }

    // 2. Mass spread over many candidates: a histogram of [top - range, top] in kBuckets buckets (bucket ids in
    //    one vectorized pass, then the sums) finds the bucket where the running sum, best bucket first, crosses the
    //    target; only that bucket is gathered and sorted.
    if (range > 0.0f) {
        const float lowest = top - range;
        const float scale = float(kBuckets) / range;
        const size_t n = keys.size();
        m_bucketIds.resize(n);
        uint16_t* ids = m_bucketIds.data();
        const float* k = keys.data();
#pragma omp simd
        for (size_t i = 0; i < n; ++i) {
            const float position = std::min((k[i] - lowest) * scale, float(kBuckets - 1));
            ids[i] = k[i] >= lowest ? uint16_t(int(position) + 1) : uint16_t(0); // 0 = below the range
        }
        m_bucketMass.assign(kBuckets + 1, 0.0);
        for (size_t i = 0; i < n; ++i)
            m_bucketMass[ids[i]] += weightOf(i);
        double before = 0.0;
        for (int b = kBuckets - 1; b >= 0; --b) {
            const double mass = m_bucketMass[size_t(b) + 1];
            if (mass > 0.0 && reaches(before + mass)) {
                gather(tokens, keys, weightOf, lowest, b);
                const Scan scan = scanEntries(keys, tokens, before, target, rule, &fallback);
                if (scan.reached)
                    return scan.boundary;
                break;
            }
            before += mass;
        }
    }

    // 3. General case (the target lies far down the tail, every key is -inf, or rounding): everything.
    fallback = nullptr;
    gather(tokens, keys, weightOf, kNegInf, -1);
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
    return findBoundary(
        keys, tokens, [](size_t) { return 1.0f; }, double(count), MassRule::AtLeast, 0.0);
}

RankBoundary RankSelector::byMass(std::span<const float> keys, std::span<const float> weights,
    std::span<const int32_t> tokens, double target, MassRule rule)
{
    assert(!keys.empty() && keys.size() == weights.size() && keys.size() == tokens.size());
    return findBoundary(
        keys, tokens, [weights](size_t i) { return weights[i]; }, target, rule, 1e-3);
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
    std::sort(indices.begin(), indices.end(),
        [&](uint32_t a, uint32_t b) { return packRank(keys[a], tokens[a]) > packRank(keys[b], tokens[b]); });
    return indices;
}

} // namespace core

#include "core/tokenizer/unicode.h"

#include "core/tokenizer/unicode_tables.h"

#include <algorithm>
#include <cstdint>

namespace core::unicode {

namespace ud = core::unicode_data;

namespace {

    bool inRanges(const ud::CodepointRange* ranges, std::size_t n, char32_t cp)
    {
        const ud::CodepointRange* end = ranges + n;
        // First range whose last >= cp.
        const auto* it
            = std::lower_bound(ranges, end, cp, [](const ud::CodepointRange& r, char32_t c) { return r.last < c; });
        return it != end && it->first <= cp;
    }

    // Hangul syllables compose and decompose by formula (Unicode 3.12).
    constexpr char32_t sBase = 0xAC00, lBase = 0x1100, vBase = 0x1161, tBase = 0x11A7;
    constexpr int lCount = 19, vCount = 21, tCount = 28, nCount = vCount * tCount, sCount = lCount * nCount;

    const ud::Decomposition* findDecomposition(char32_t cp)
    {
        const auto* end = ud::decompositions + ud::decompositionsSize;
        const auto* it = std::lower_bound(
            ud::decompositions, end, cp, [](const ud::Decomposition& d, char32_t c) { return d.cp < c; });
        return it != end && it->cp == cp ? it : nullptr;
    }

    char32_t compose(char32_t a, char32_t b)
    {
        if (a >= lBase && a < lBase + lCount && b >= vBase && b < vBase + vCount)
            return sBase + ((a - lBase) * vCount + (b - vBase)) * tCount;
        if (a >= sBase && a < sBase + sCount && (a - sBase) % tCount == 0 && b > tBase && b < tBase + tCount)
            return a + (b - tBase);
        const auto* end = ud::compositions + ud::compositionsSize;
        const auto* it = std::lower_bound(
            ud::compositions, end, std::pair { a, b }, [](const ud::Composition& c, std::pair<char32_t, char32_t> k) {
                return c.first < k.first || (c.first == k.first && c.second < k.second);
            });
        return it != end && it->first == a && it->second == b ? it->composite : 0;
    }

    bool isCompositionSecond(char32_t cp)
    {
        if ((cp >= vBase && cp < vBase + vCount) || (cp > tBase && cp < tBase + tCount))
            return true;
        static const std::vector<char32_t> seconds = [] {
            std::vector<char32_t> v;
            for (std::size_t i = 0; i < ud::compositionsSize; ++i)
                v.push_back(ud::compositions[i].second);
            std::sort(v.begin(), v.end());
            v.erase(std::unique(v.begin(), v.end()), v.end());
            return v;
        }();
        return std::binary_search(seconds.begin(), seconds.end(), cp);
    }

} // namespace

bool isLetter(char32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return inRanges(ud::letterRanges, ud::letterRangesSize, cp);
}

bool isNumber(char32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return inRanges(ud::numberRanges, ud::numberRangesSize, cp);
}

bool isWhitespace(char32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return inRanges(ud::whitespaceRanges, ud::whitespaceRangesSize, cp);
}

int combiningClass(char32_t cp)
{
    if (cp < 0x300)
        return 0;
    const auto* end = ud::combiningClassRanges + ud::combiningClassRangesSize;
    const auto* it = std::lower_bound(
        ud::combiningClassRanges, end, cp, [](const ud::CombiningClassRange& r, char32_t c) { return r.last < c; });
    return it != end && it->first <= cp ? it->ccc : 0;
}

bool isNfcBoundary(char32_t cp)
{
    if (cp < 0x300)
        return true;
    if (cp >= sBase && cp < sBase + sCount)
        return true;
    return combiningClass(cp) == 0 && !findDecomposition(cp) && !isCompositionSecond(cp);
}

void nfc(std::vector<char32_t>& cps)
{
    // 1. Full canonical decomposition, iteratively (an explicit stack instead of recursion).
    std::vector<char32_t> d;
    d.reserve(cps.size() + 4);
    std::vector<char32_t> stack;
    for (char32_t c : cps) {
        stack.push_back(c);
        while (!stack.empty()) {
            const char32_t x = stack.back();
            stack.pop_back();
            if (x >= sBase && x < sBase + sCount) {
                const int s = static_cast<int>(x - sBase);
                d.push_back(lBase + s / nCount);
                d.push_back(vBase + (s % nCount) / tCount);
                if (s % tCount != 0)
                    d.push_back(tBase + s % tCount);
                continue;
            }
            if (const auto* dec = findDecomposition(x)) {
                if (dec->second)
                    stack.push_back(dec->second);
                stack.push_back(dec->first);
                continue;
            }
            d.push_back(x);
        }
    }
    // 2. Canonical ordering: stable sort of each run of non-starters by combining class.
    for (std::size_t i = 0; i < d.size();) {
        if (combiningClass(d[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < d.size() && combiningClass(d[j]) != 0)
            ++j;
        std::stable_sort(d.begin() + static_cast<std::ptrdiff_t>(i), d.begin() + static_cast<std::ptrdiff_t>(j),
            [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = j;
    }
    // 3. Canonical composition (the algorithm of UAX #15, with "blocked" tracked by lastClass).
    cps.clear();
    if (d.empty())
        return;
    std::size_t starterPos = 0;
    char32_t starter = d[0];
    int lastClass = combiningClass(starter) == 0 ? 0 : 256;
    cps.push_back(d[0]);
    for (std::size_t i = 1; i < d.size(); ++i) {
        const char32_t ch = d[i];
        const int cls = combiningClass(ch);
        const char32_t composite = lastClass == 256 ? 0 : compose(starter, ch);
        if (composite && (lastClass < cls || lastClass == 0)) {
            cps[starterPos] = composite;
            starter = composite;
            continue;
        }
        if (cls == 0) {
            starterPos = cps.size();
            starter = ch;
        }
        lastClass = cls;
        cps.push_back(ch);
    }
}

} // namespace core::unicode

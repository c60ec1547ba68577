#include "core/tokenizer/normalized_text.h"

#include <algorithm>

namespace core {

NormalizedText NormalizedText::fromInput(std::string_view input, std::uint32_t offset)
{
    NormalizedText t;
    t.text.assign(input);
    t.align.resize(input.size());
    for (std::uint32_t i = 0; i < input.size(); ++i)
        t.align[i] = { offset + i, offset + i + 1 };
    return t;
}

NormalizedText NormalizedText::slice(std::size_t begin, std::size_t end) const
{
    NormalizedText t;
    t.text = text.substr(begin, end - begin);
    t.align.assign(
        align.begin() + static_cast<std::ptrdiff_t>(begin), align.begin() + static_cast<std::ptrdiff_t>(end));
    return t;
}

void NormalizedText::prepend(std::string_view s)
{
    if (text.empty() || s.empty())
        return;
    const std::uint32_t at = align.front().begin;
    text.insert(0, s);
    align.insert(align.begin(), s.size(), ByteSpan { at, at });
}

ByteSpan NormalizedText::spanOf(std::size_t begin, std::size_t end) const
{
    if (begin >= end)
        return {};
    ByteSpan span = align[begin];
    for (std::size_t i = begin + 1; i < end; ++i) {
        span.begin = std::min(span.begin, align[i].begin);
        span.end = std::max(span.end, align[i].end);
    }
    return span;
}

} // namespace core

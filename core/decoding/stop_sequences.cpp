#include "core/decoding/stop_sequences.h"

#include "core/common/error.h"

#include <algorithm>

namespace core {

StopSequenceMatcher::StopSequenceMatcher(std::vector<std::string> stops, bool holdIncompleteUtf8)
    : m_stops(std::move(stops))
    , m_holdUtf8(holdIncompleteUtf8)
{
    for (std::size_t i = 0; i < m_stops.size(); ++i) {
        if (m_stops[i].empty())
            throw Error("generation parameters", "stop[" + std::to_string(i) + "]", "a stop sequence cannot be empty");
        m_longest = std::max(m_longest, m_stops[i].size());
    }
}

void StopSequenceMatcher::reset()
{
    m_text.clear();
    m_emitted = 0;
    m_flushed = false;
    m_match.reset();
}

std::string StopSequenceMatcher::append(std::string_view piece)
{
    if (m_match || m_flushed)
        return {};
    const std::size_t oldSize = m_text.size();
    m_text.append(piece);

    // A new match must end in the new bytes (older ones were found by earlier calls) and cannot start before
    // emitted(): everything before it was released because no stop string could start there.
    std::optional<StopSequenceMatch> best;
    for (std::size_t k = 0; k < m_stops.size(); ++k) {
        const std::string& stop = m_stops[k];
        const std::size_t overlap = stop.size() - 1;
        const std::size_t from = std::max(m_emitted, oldSize > overlap ? oldSize - overlap : std::size_t(0));
        const std::size_t at = m_text.find(stop, from);
        if (at == std::string::npos)
            continue;
        const std::size_t end = at + stop.size();
        if (!best || at < best->begin || (at == best->begin && end < best->end))
            best = StopSequenceMatch { int(k), stop, at, end };
    }
    if (best) {
        m_match = best;
        std::string out = m_text.substr(m_emitted, best->begin - m_emitted);
        m_emitted = best->begin;
        return out;
    }

    const std::size_t safeEnd = utf8SafeEnd(m_text.size() - heldBackTail());
    std::string out = m_text.substr(m_emitted, safeEnd - m_emitted);
    m_emitted = safeEnd;
    return out;
}

std::string StopSequenceMatcher::flush()
{
    if (m_match || m_flushed)
        return {};
    m_flushed = true;
    std::string out = m_text.substr(m_emitted);
    m_emitted = m_text.size();
    return out;
}

std::string_view StopSequenceMatcher::pending() const
{
    const std::size_t end = m_match ? m_match->begin : m_text.size();
    return std::string_view(m_text).substr(m_emitted, end - m_emitted);
}

std::string StopSequenceMatcher::visibleText() const { return m_match ? m_text.substr(0, m_match->begin) : m_text; }

// The longest suffix of the unreleased text that is a proper prefix of some stop string.
std::size_t StopSequenceMatcher::heldBackTail() const
{
    const std::size_t available = m_text.size() - m_emitted;
    std::size_t hold = 0;
    for (const std::string& stop : m_stops) {
        for (std::size_t k = std::min(stop.size() - 1, available); k > hold; --k) {
            if (m_text.compare(m_text.size() - k, k, stop, 0, k) == 0) {
                hold = k;
                break;
            }
        }
    }
    return hold;
}

// Moves `end` back to the start of a UTF-8 character that is not complete yet (a lead byte whose continuation
// bytes have not all arrived), so a terminal never receives half a character. Invalid bytes are not held.
std::size_t StopSequenceMatcher::utf8SafeEnd(std::size_t end) const
{
    if (!m_holdUtf8)
        return end;
    const auto byte = [this](std::size_t i) { return static_cast<unsigned char>(m_text[i]); };
    for (std::size_t back = 1; back <= 3 && back <= end - m_emitted; ++back) {
        const unsigned char c = byte(end - back);
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: keep looking for its lead byte
        const std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return length > back ? end - back : end;
    }
    return end;
}

} // namespace core

#pragma once
// Stop sequences on streamed text. The decoded text grows piece by piece (one token's bytes at a time); a stop
// string may span several pieces. The matcher says when one has appeared, where (byte span in the generated
// text), and what a streaming UI may print now: never text that a later match would remove, so it holds back
// exactly the tail that could still be the start of a stop string (and, optionally, an incomplete UTF-8
// character).
//
//   StopSequenceMatcher stops({ "<|im_end|>", "\n\nUser:" });
//   for each token: print(stops.append(piece)); if (stops.matched()) break;
//   if (!stops.matched()) print(stops.flush());          // generation ended for another reason
//
// When several stop strings are complete after the same piece, the one that begins first wins (then the one
// that ends first, then the first in the list), as in llama.cpp's server.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct StopSequenceMatch {
    int index = -1; // position of the stop string in the list
    std::string sequence; // the stop string
    std::size_t begin = 0; // its byte span [begin, end) in the generated text
    std::size_t end = 0;
};

class StopSequenceMatcher {
public:
    // Throws core::Error("generation parameters", "stop[i]", "a stop sequence cannot be empty").
    explicit StopSequenceMatcher(std::vector<std::string> stops = {}, bool holdIncompleteUtf8 = true);

    // Forget the text (the stop strings stay).
    void reset();

    // Appends the next decoded piece and returns the text that became safe to print (possibly empty). After a
    // match: the text before it, and nothing ever again (until reset()).
    std::string append(std::string_view piece);
    // The generation ended without a match: releases the held-back tail.
    std::string flush();

    bool matched() const { return m_match.has_value(); }
    const std::optional<StopSequenceMatch>& match() const { return m_match; }
    const std::vector<std::string>& stops() const { return m_stops; }

    const std::string& text() const { return m_text; } // everything appended, including a match and what follows
    std::size_t emitted() const { return m_emitted; } // bytes of text() handed out by append()/flush()
    std::string_view pending() const; // held back: between emitted() and the end (or the match)
    std::string visibleText() const; // the generated text with the match and everything after it removed

private:
    std::size_t heldBackTail() const;
    std::size_t utf8SafeEnd(std::size_t end) const;

    std::vector<std::string> m_stops;
    std::size_t m_longest = 0; // longest stop string, in bytes
    bool m_holdUtf8;
    std::string m_text;
    std::size_t m_emitted = 0;
    bool m_flushed = false;
    std::optional<StopSequenceMatch> m_match;
};

} // namespace core

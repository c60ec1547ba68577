#pragma once
// Which history positions the penalties look at (repetition, presence and frequency penalties): the last
// penaltyWindow tokens of the prompt and the generated tokens, or all of them when penaltyWindow is 0.
// SamplingPipeline counts its window with it; the token strip marks the same positions.
#include "core/sampling/sampling_parameters.h"

#include <cstddef>

namespace core {

struct PositionRange {
    std::size_t begin = 0;
    std::size_t end = 0; // one past the last
    std::size_t size() const { return end - begin; }
    bool contains(std::size_t position) const { return position >= begin && position < end; }
    bool operator==(const PositionRange&) const = default;
};

// The window over a history of `length` positions: [length - window, length), or [0, length) for window 0 or a
// window longer than the history.
PositionRange penaltyWindow(int window, std::size_t length);

// True when a penalty stage would change a logit: a parameter read by a penalty stage is not at its "off" value
// (repetition_penalty 1, presence_penalty 0, frequency_penalty 0; see stage_descriptor.h).
bool penaltiesActive(const SamplingParameters& parameters);

// The positions a penalty acts on: penaltyWindow(parameters.penaltyWindow, length) when penaltiesActive, else empty.
PositionRange penalisedPositions(const SamplingParameters& parameters, std::size_t length);

} // namespace core

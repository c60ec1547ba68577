#include "core/sampling/penalty_window.h"

#include "core/sampling/stage_descriptor.h"

namespace core {

PositionRange penaltyWindow(int window, std::size_t length)
{
    const std::size_t w = window > 0 ? std::size_t(window) : 0;
    return { (w == 0 || w >= length) ? 0 : length - w, length };
}

bool penaltiesActive(const SamplingParameters& parameters)
{
    for (const ParameterDescriptor& d : parameterDescriptors()) {
        const bool penalty
            = d.readBy(SamplerStageKind::RepetitionPenalty) || d.readBy(SamplerStageKind::PresenceFrequencyPenalty);
        if (penalty && d.isNumber() && d.off && d.get(parameters) != *d.off)
            return true;
    }
    return false;
}

PositionRange penalisedPositions(const SamplingParameters& parameters, std::size_t length)
{
    return penaltiesActive(parameters) ? penaltyWindow(parameters.penaltyWindow, length) : PositionRange {};
}

} // namespace core

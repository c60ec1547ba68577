#include "core/model/rope_frequencies.h"

#include <cmath>
#include <numbers>

namespace core {

std::vector<double> unscaledRopeFrequencies(const ModelConfig& c, bool local)
{
    const int dims = c.rotaryDim();
    const double theta = local && c.ropeThetaLocal > 0 ? c.ropeThetaLocal : c.ropeTheta;
    std::vector<double> inv(std::size_t(dims / 2));
    for (std::size_t i = 0; i < inv.size(); ++i)
        inv[i] = std::pow(theta, -2.0 * double(i) / dims);
    return inv;
}

std::vector<double> ropeFrequencies(const ModelConfig& c, bool local)
{
    std::vector<double> inv = unscaledRopeFrequencies(c, local);
    if (local && c.ropeThetaLocal > 0)
        return inv;
    const RopeScaling& s = c.ropeScaling;
    switch (s.kind) {
    case RopeScalingKind::None:
        break;
    case RopeScalingKind::Linear:
        for (double& f : inv)
            f /= s.factor;
        break;
    case RopeScalingKind::Llama3: {
        // transformers' _compute_llama3_parameters, in the same steps.
        const double lowWavelen = s.originalContext / s.lowFreqFactor;
        const double highWavelen = s.originalContext / s.highFreqFactor;
        for (double& f : inv) {
            const double wavelen = 2 * std::numbers::pi / f;
            if (wavelen > lowWavelen) {
                f /= s.factor; // slow pairs: stretched to the new context
            } else if (wavelen >= highWavelen) {
                const double smooth
                    = (s.originalContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
                f = (1 - smooth) * f / s.factor + smooth * f;
            } // fast pairs (wavelen < highWavelen): kept
        }
        break;
    }
    }
    return inv;
}

} // namespace core

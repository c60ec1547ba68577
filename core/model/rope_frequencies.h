#pragma once
// RoPE's rotation speeds: one frequency per rotating pair of a head, as the model's config defines them (rope_theta,
// partial rotary, rope_scaling). The weight binder builds its cos / sin tables from these; the RoPE view draws them.
#include "core/model/model_config.h"

#include <vector>

namespace core {

// inv_freq[i] = theta^(-2i / rotaryDim) for i < rotaryDim / 2, then scaled:
//   linear: inv_freq / factor (positions are squeezed by factor)
//   llama3: wavelengths 2π / inv_freq longer than original_context / low_freq_factor are divided by factor, shorter
//           than original_context / high_freq_factor kept, the ones between blended smoothly.
// `local`: the sliding-window layers' frequencies (gemma3's rope_local_base_freq, never scaled).
std::vector<double> ropeFrequencies(const ModelConfig& c, bool local = false);
// The frequencies before rope_scaling (what the view compares the scaled ones with).
std::vector<double> unscaledRopeFrequencies(const ModelConfig& c, bool local = false);

} // namespace core

#pragma once
// Llama 3's RoPE scaling from a GGUF file. llama.cpp's converter keeps it only as its result: the tensor
// rope_freqs.weight, one divisor per rotating pair (unscaled / scaled frequency). We recover the parameters the
// Hugging Face config had (factor, and the two wavelength bounds as original context and high_freq_factor with
// low_freq_factor 1, as in every Llama 3.x config) and check that they give back every factor, so the run uses the
// same frequencies llama.cpp does and the model card and the RoPE view can still say what the scaling is.
#include "core/model/model_config.h"

#include <string>
#include <vector>

namespace core {

// `c`: the file's config without scaling (rope_theta, head and rotary sizes). factors: rope_freqs.weight.
// Returns kind None for factors that are all 1. Throws core::Error(path, "rope_freqs.weight", ...) naming the pair
// when no Llama 3 scaling gives the factors (within 1e-5 relative), or for a wrong count or a factor <= 0.
RopeScaling llama3ScalingFromFactors(const ModelConfig& c, const std::vector<double>& factors, const std::string& path);

} // namespace core

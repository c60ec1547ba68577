#pragma once
// What beam search needs from a model. EngineBeamBackend implements it over the real engine (one KV cache per
// slot, copy-on-branch); tests implement it over toy tables.
#include <cstdint>
#include <span>

namespace core {

class BeamBackend {
public:
    virtual ~BeamBackend() = default;
    virtual int vocabSize() const = 0;
    // Process the prompt; afterwards exactly one live slot (0) exists.
    virtual void start(std::span<const std::int32_t> prompt) = 0;
    // Log-probabilities (log-softmax) of the next token for live slot `slot`, size vocabSize().
    virtual std::span<const float> nextLogProbs(int slot) = 0;
    // Re-form the live slots: new slot i continues old slot parents[i] and appends tokens[i]
    // (the backend copies/forks state as needed) and runs the forward pass for those tokens.
    virtual void advance(std::span<const int> parents, std::span<const std::int32_t> tokens) = 0;
};

} // namespace core

#pragma once
// The seeded random numbers of a generation: std::mt19937_64 (its output sequence is fixed by the C++ standard)
// turned into doubles in [0, 1) by our own arithmetic, because std::uniform_real_distribution and
// std::discrete_distribution differ between standard libraries. Same seed -> same numbers on every machine.
//
// The session draws one uniform number per step and hands it to SamplingPipeline::run; the record keeps it, so a
// re-run with other parameters (a slider in the UI) reuses the same number and shows how the choice moves.
#include <cstdint>
#include <random>

namespace core {

class RandomSource {
public:
    explicit RandomSource(uint64_t seed = 0);

    void reseed(uint64_t seed);
    // The top 53 bits of one 64-bit output, times 2^-53: exact, uniform on a grid of 2^53 points in [0, 1).
    double nextUniform();

    uint64_t seed() const { return m_seed; }
    uint64_t drawCount() const { return m_draws; }

private:
    std::mt19937_64 m_engine;
    uint64_t m_seed = 0;
    uint64_t m_draws = 0;
};

} // namespace core

#include "core/sampling/random_source.h"

namespace core {

RandomSource::RandomSource(uint64_t seed)
    : m_engine(seed)
    , m_seed(seed)
{
}

void RandomSource::reseed(uint64_t seed)
{
    m_engine.seed(seed);
    m_seed = seed;
    m_draws = 0;
}

double RandomSource::nextUniform()
{
    ++m_draws;
    return double(m_engine() >> 11) * 0x1.0p-53;
}

} // namespace core

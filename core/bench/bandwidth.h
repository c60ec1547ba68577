#pragma once
// Memory bandwidth as the machine delivers it to a reading loop like decode's: the ceiling for decode speed,
// since every decode step must stream every weight from memory once.
#include <cstddef>

namespace core {

// Best of `repeats` passes summing a buffer of `bytes` (much larger than the caches) with the current
// thread pool's thread count. Returns bytes per second.
double measureReadBandwidth(std::size_t bytes = std::size_t(1) << 30, int repeats = 5);

} // namespace core

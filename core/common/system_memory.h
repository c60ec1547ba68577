#pragma once
// How much memory a model may take before we refuse to load it. A model whose weights do not fit is refused with
// the numbers, before anything large is allocated, instead of the system's out-of-memory killer ending the program
// halfway through a load.
#include <cstdint>
#include <optional>
#include <string>

namespace core {

// The memory this process may still fill: /proc/meminfo's MemAvailable + SwapFree, capped by the environment
// variable IE_MEMORY_LIMIT (bytes, or with a K/M/G suffix: "4G") when it is set. nullopt when neither is known
// (not Linux, no limit set): nothing is refused then.
std::optional<std::uint64_t> memoryBudgetBytes();

// "12.3 GiB", "512 MiB": for messages.
std::string formatBytes(std::uint64_t bytes);

} // namespace core

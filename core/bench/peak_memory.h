#pragma once
// The process's peak resident memory (Linux: VmHWM in /proc/self/status), and a reset of that peak (writing 5 to
// /proc/self/clear_refs), so one run can report the peak of each phase separately. 0 where not available.
#include <cstdint>

namespace core {

void resetPeakResident();
std::uint64_t peakResidentBytes();
std::uint64_t residentBytes(); // VmRSS now

} // namespace core

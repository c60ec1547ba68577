#include "core/bench/peak_memory.h"

#include <fstream>
#include <string>

namespace core {

namespace {
    std::uint64_t statusField(const char* name)
    {
        std::ifstream f("/proc/self/status");
        std::string line;
        const std::string key = std::string(name) + ":";
        while (std::getline(f, line))
            if (line.rfind(key, 0) == 0)
                return std::stoull(line.substr(key.size())) * 1024; // "VmHWM:   123456 kB"
        return 0;
    }
} // namespace

void resetPeakResident()
{
    std::ofstream f("/proc/self/clear_refs");
    if (f)
        f << "5";
}

std::uint64_t peakResidentBytes() { return statusField("VmHWM"); }
std::uint64_t residentBytes() { return statusField("VmRSS"); }

} // namespace core

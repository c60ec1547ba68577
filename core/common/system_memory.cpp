#include "core/common/system_memory.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace core {

namespace {
    std::optional<std::uint64_t> parseLimit(const char* text)
    {
        if (!text || !*text)
            return std::nullopt;
        char* end = nullptr;
        const double value = std::strtod(text, &end);
        if (end == text || !(value > 0) || value > 1e18)
            return std::nullopt;
        double scale = 1;
        switch (*end) {
        case 'k':
        case 'K':
            scale = 1024.0;
            break;
        case 'm':
        case 'M':
            scale = 1024.0 * 1024;
            break;
        case 'g':
        case 'G':
            scale = 1024.0 * 1024 * 1024;
            break;
        case 't':
        case 'T':
            scale = 1024.0 * 1024 * 1024 * 1024;
            break;
        default:
            break;
        }
        return std::uint64_t(value * scale);
    }

    std::optional<std::uint64_t> availableFromProc()
    {
        std::ifstream in("/proc/meminfo");
        if (!in)
            return std::nullopt;
        std::optional<std::uint64_t> available, swapFree;
        std::string key;
        std::uint64_t kib = 0;
        std::string unit;
        while (in >> key >> kib) {
            std::getline(in, unit);
            if (key == "MemAvailable:")
                available = kib * 1024;
            else if (key == "SwapFree:")
                swapFree = kib * 1024;
        }
        if (!available)
            return std::nullopt;
        return *available + swapFree.value_or(0);
    }
}

std::optional<std::uint64_t> memoryBudgetBytes()
{
    const std::optional<std::uint64_t> machine = availableFromProc();
    const std::optional<std::uint64_t> limit = parseLimit(std::getenv("IE_MEMORY_LIMIT"));
    if (machine && limit)
        return std::min(*machine, *limit);
    return machine ? machine : limit;
}

std::string formatBytes(std::uint64_t bytes)
{
    char text[32];
    if (bytes >= (1ull << 30))
        std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(1ull << 30));
    else if (bytes >= (1ull << 20))
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(1ull << 20));
    else
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    return text;
}

} // namespace core

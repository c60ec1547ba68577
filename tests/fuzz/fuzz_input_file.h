#pragma once
// The fuzz input as a file path for loaders that take one (SafetensorsFile maps its file): an in-memory file
// (memfd, a regular file to fstat) rewritten per input and named /proc/self/fd/N. No disk I/O per execution.
#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace fuzzing {

inline std::string asFile(const std::uint8_t* data, std::size_t size)
{
    static const int fd = ::memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0 || ::ftruncate(fd, 0) != 0 || (size && ::pwrite(fd, data, size, 0) != ssize_t(size)))
        __builtin_trap();
    return "/proc/self/fd/" + std::to_string(fd);
}

} // namespace fuzzing

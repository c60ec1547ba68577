#include "core/common/mapped_file.h"

#include "core/common/error.h"
#include "core/common/limits.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace core {

MappedFile::MappedFile(const std::string& path)
    : m_path(path)
{
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; fstat then refuses it (mmap ignores the flag).
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw Error(path, "", std::string("cannot open: ") + std::strerror(errno));
    struct stat st { };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(path, "", "not a regular file");
    }
    if (std::uint64_t(st.st_size) > limits::kMaxWeightFileBytes) {
        ::close(fd);
        throw Error(path, "",
            "file is " + std::to_string(st.st_size) + " bytes, more than the limit of "
                + std::to_string(limits::kMaxWeightFileBytes));
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size > 0) {
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            throw Error(path, "", std::string("cannot map: ") + std::strerror(errno));
        }
        m_data = static_cast<const std::uint8_t*>(p);
    }
    ::close(fd);
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

void MappedFile::release()
{
    if (m_data)
        ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
    m_data = nullptr;
    m_size = 0;
}

} // namespace core

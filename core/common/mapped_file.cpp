#include "core/common/mapped_file.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace core {

MappedFile::MappedFile(const std::string& path)
    : m_path(path)
{
    const RegularFile file(path, limits::kMaxWeightFileBytes); // mmap ignores O_NONBLOCK
    m_size = static_cast<std::size_t>(file.size());
    if (m_size > 0) {
        void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, file.fd(), 0);
        if (p == MAP_FAILED)
            throw Error(path, "", std::string("cannot map: ") + std::strerror(errno));
        m_data = static_cast<const std::uint8_t*>(p);
    }
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

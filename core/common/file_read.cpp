#include "core/common/file_read.h"

#include "core/common/error.h"
#include "core/common/limits.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace core {

RegularFile::RegularFile(const std::string& path, std::uint64_t maxBytes)
{
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; fstat then refuses it.
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0)
        throw Error(path, "", std::string("cannot open: ") + std::strerror(errno));
    struct stat st { };
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(m_fd);
        throw Error(path, "", "not a regular file");
    }
    m_size = std::uint64_t(st.st_size);
    if (m_size > maxBytes) {
        ::close(m_fd);
        throw Error(path, "",
            "file is " + std::to_string(m_size) + " bytes, more than the limit of " + std::to_string(maxBytes));
    }
}

RegularFile::~RegularFile() { ::close(m_fd); }

std::string readRegularFile(const std::string& path, std::uint64_t maxBytes)
{
    const RegularFile file(path, maxBytes);
    const int fd = file.fd();
    const std::uint64_t size = file.size();
    std::string text(std::size_t(size), '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = errno;
            throw Error(path, "",
                n == 0 ? "the file got shorter while reading" : std::string("read error: ") + std::strerror(err));
        }
        done += std::size_t(n);
    }
    return text;
}

bool pathExists(const std::string& path)
{
    struct stat st { };
    return ::lstat(path.c_str(), &st) == 0;
}

void checkJsonDepth(std::string_view text, const std::string& file, const std::string& field, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // skip the escaped character (\" does not end the string)
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                throw Error(file, field,
                    "arrays and objects nest deeper than " + std::to_string(maxDepth) + " levels (at byte "
                        + std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            --depth; // unbalanced brackets are the parser's to report
        }
    }
}

nlohmann::json parseJsonText(std::string_view text, const std::string& file, const std::string& field)
{
    checkJsonDepth(text, file, field, limits::kMaxJsonDepth);
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        throw Error(file, field, std::string("is not valid JSON: ") + e.what());
    }
}

} // namespace core

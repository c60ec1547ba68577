#pragma once
// Reading small input files (config.json, tokenizer.json, index files) the safe way: only regular files (a FIFO
// would block forever, /dev/zero never ends; symlinks are followed and judged by their target), no more than
// `maxBytes`, and JSON parsed with a bound on nesting depth. Every failure is a core::Error naming the file.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

// An open, read-only descriptor of a regular file no larger than `maxBytes`, closed when it goes out of scope. The
// one place files are opened: readRegularFile reads through it, MappedFile maps through it.
class RegularFile {
public:
    // Throws core::Error(path, "", ...) if it cannot be opened, is not a regular file, or is larger than maxBytes.
    RegularFile(const std::string& path, std::uint64_t maxBytes);
    ~RegularFile();
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    int fd() const { return m_fd; }
    std::uint64_t size() const { return m_size; }

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

// The whole file. Throws core::Error(path, "", ...) if it cannot be opened, is not a regular file, or is larger
// than maxBytes (checked before reading).
std::string readRegularFile(const std::string& path, std::uint64_t maxBytes);

// True if path names something that exists (even a FIFO or a dangling symlink): loaders use it to decide whether
// an optional file is there, and readRegularFile then refuses it with a message instead of skipping it silently.
bool pathExists(const std::string& path);

// Throws core::Error(file, field, ...) if arrays/objects in `text` nest deeper than maxDepth. A linear scan that
// skips strings; run it before nlohmann::json::parse so no loader recurses without bound.
void checkJsonDepth(std::string_view text, const std::string& file, const std::string& field, int maxDepth);

// checkJsonDepth(limits::kMaxJsonDepth), then parse. Every nlohmann::json::exception (syntax, invalid UTF-8, a
// number too large for a double such as 1e400) becomes core::Error(file, field, "is not valid JSON: ...").
nlohmann::json parseJsonText(std::string_view text, const std::string& file, const std::string& field = {});

} // namespace core

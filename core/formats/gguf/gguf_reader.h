#pragma once
// Internal to core/formats/gguf: the bounds-checked little-endian reader GgufFile parses with.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"

#include <cstring>
#include <string>

namespace core {

// Reads little-endian values from the map, refusing to step past its end.
class GgufFile::Reader {
public:
    Reader(const std::string& path, const std::uint8_t* data, std::uint64_t size)
        : m_path(path)
        , m_data(data)
        , m_size(size)
    {
    }
    std::uint64_t pos() const { return m_pos; }
    const std::uint8_t* data() const { return m_data; }
    void skip(std::uint64_t n, const std::string& field)
    {
        need(n, field);
        m_pos += n;
    }
    std::uint64_t remaining() const { return m_size - m_pos; }

    void need(std::uint64_t n, const std::string& field) const
    {
        if (n > remaining())
            throw Error(m_path, field,
                "the file ends at byte " + std::to_string(m_size) + ", " + std::to_string(n)
                    + " bytes needed from byte " + std::to_string(m_pos) + " (truncated?)");
    }
    template <typename T> T read(const std::string& field)
    {
        need(sizeof(T), field);
        T v;
        std::memcpy(&v, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return v;
    }
    std::string readString(const std::string& field)
    {
        const auto n = read<std::uint64_t>(field);
        if (n > remaining())
            throw Error(m_path, field,
                "string length " + std::to_string(n) + " runs past the end of the file (" + std::to_string(remaining())
                    + " bytes left)");
        std::string s(reinterpret_cast<const char*>(m_data + m_pos), std::size_t(n));
        m_pos += n;
        return s;
    }

private:
    std::string m_path;
    const std::uint8_t* m_data;
    std::uint64_t m_size;
    std::uint64_t m_pos = 0;
};

} // namespace core

#pragma once
// Writes a .safetensors file (used by make-random, by tests that build models and broken files, and by the
// trace exporter). Tensors are laid out in name order, the header padded with spaces to 8 bytes as HF does.
#include "core/formats/dtype.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

class SafetensorsWriter {
public:
    void addF32(const std::string& name, std::vector<std::int64_t> shape, const std::vector<float>& values);
    // Stores the values rounded to F16 or BF16 (for testing those dtypes).
    void addConverted(
        const std::string& name, DType dtype, std::vector<std::int64_t> shape, const std::vector<float>& values);
    void addI32(const std::string& name, std::vector<std::int64_t> shape, const std::vector<std::int32_t>& values);
    void setMetadata(const std::string& key, const std::string& value) { m_metadata[key] = value; }

    // The header JSON text (unpadded) and the whole file as bytes.
    std::string headerJson() const;
    std::vector<std::uint8_t> bytes() const;
    void write(const std::string& path) const; // throws core::Error

private:
    struct Entry {
        DType dtype;
        std::vector<std::int64_t> shape;
        std::vector<std::uint8_t> data;
    };
    std::map<std::string, Entry> m_entries;
    std::map<std::string, std::string> m_metadata;
};

} // namespace core

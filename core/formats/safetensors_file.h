#pragma once
// A validated, memory-mapped .safetensors file: 8-byte little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, then the tensor bytes, packed without gaps.
// Everything about the layout is checked when the file is opened; afterwards every TensorInfo is safe to read.
#include "core/common/limits.h"
#include "core/common/mapped_file.h"
#include "core/formats/dtype.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0; // byte offset inside the data section
    std::uint64_t end = 0;
    std::int64_t numel = 0;

    std::string shapeString() const; // "(32000, 288)"
};

class SafetensorsFile {
public:
    static constexpr std::uint64_t kMaxHeaderBytes = limits::kMaxSafetensorsHeaderBytes;

    explicit SafetensorsFile(const std::string& path); // throws core::Error naming the file and the field

    const std::string& path() const { return m_file.path(); }
    const std::vector<TensorInfo>& tensors() const { return m_tensors; } // in file order
    const TensorInfo* find(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }

    // Raw bytes of a tensor (end - begin of them).
    const std::uint8_t* bytes(const TensorInfo& t) const { return m_file.data() + m_dataStart + t.begin; }
    // True when the tensor is F32 and 4-byte aligned in the map, so it can be used in place.
    bool usableInPlace(const TensorInfo& t) const;
    // The values as float (F32 copied, F16/BF16/F64 converted). Integer types are rejected.
    std::vector<float> toFloat(const TensorInfo& t) const;
    // Integer tensors (I32/I64) as int64 (fixtures store token ids this way).
    std::vector<std::int64_t> toInt(const TensorInfo& t) const;

private:
    void parseHeader(std::uint64_t headerLen);
    void checkLayout();

    MappedFile m_file;
    std::uint64_t m_dataStart = 0;
    std::uint64_t m_dataSize = 0;
    std::vector<TensorInfo> m_tensors;
    std::map<std::string, std::size_t> m_index;
    std::map<std::string, std::string> m_metadata;
};

} // namespace core

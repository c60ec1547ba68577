#pragma once
// A validated, memory-mapped GGUF file (llama.cpp's format, versions 2 and 3), little-endian:
//
//   "GGUF" | u32 version | u64 tensor_count | u64 metadata_kv_count
//   metadata_kv_count x { string key | u32 value_type | value }
//   tensor_count x { string name | u32 n_dims | n_dims x u64 ne | u32 ggml_type | u64 offset }
//   padding to general.alignment (default 32) | tensor data (each offset relative to here, aligned)
//
// A string is u64 length + bytes (no NUL); an array is u32 element type + u64 count + elements. ne[] lists the
// dimensions innermost first (ne[0] = row length); tensors() gives them the other way round, outermost first, like
// every other format here. Everything is checked when the file is opened, before anything is allocated from a
// count the file states; afterwards every tensor's bytes are inside the map.
#include "core/common/mapped_file.h"
#include "core/formats/dtype.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace core {

// GGUF metadata value types (enum gguf_type).
enum class GgufType : std::uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};
const char* ggufTypeName(GgufType t); // "uint32", "array"

// One metadata value. Integers are kept in i (signed types, and unsigned ones up to INT64_MAX) and u (unsigned
// types); floats in f. An array keeps its element type, its count and where its (validated) elements lie in the
// map: GgufFile::arrayItems and the get*Array accessors decode them on demand, so a file of many tiny elements is
// never multiplied into a huge in-memory tree when it is opened. Arrays may nest, to a bounded depth.
struct GgufValue {
    GgufType type = GgufType::UInt8;
    std::uint64_t u = 0;
    std::int64_t i = 0;
    double f = 0;
    bool b = false;
    std::string str;
    GgufType elementType = GgufType::UInt8; // arrays
    std::uint64_t count = 0; // arrays: number of elements
    const std::uint8_t* elements = nullptr; // arrays: the encoded elements, inside the map
    std::uint64_t elementBytes = 0;
    int depth = 0; // arrays: nesting level (0 for a top-level value)

    bool isInteger() const;
    bool isFloat() const { return type == GgufType::Float32 || type == GgufType::Float64; }
    std::string describe() const; // "uint32 7", "string \"llama\"", "array of 32000 string"
};

struct GgufTensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> ne; // as stored: innermost first
    std::vector<std::int64_t> shape; // row-major: outermost first (ne reversed)
    std::uint64_t offset = 0; // inside the data section
    std::uint64_t bytes = 0;
    std::int64_t numel = 0;
};

class GgufFile {
public:
    static constexpr int kMaxArrayDepth = 4; // arrays of arrays of ... deeper is refused
    static constexpr int kMaxDims = 4;
    static constexpr std::size_t kMaxNameBytes = 63; // GGML_MAX_NAME 64, with the NUL

    explicit GgufFile(const std::string& path); // throws core::Error naming the file and the field

    const std::string& path() const { return m_file.path(); }
    std::uint32_t version() const { return m_version; }
    std::uint32_t alignment() const { return m_alignment; }
    std::uint64_t dataOffset() const { return m_dataStart; } // where the tensor data section begins
    std::uint64_t fileSize() const { return m_file.size(); }

    // Metadata in file order.
    const std::vector<std::pair<std::string, GgufValue>>& metadata() const { return m_kv; }
    const GgufValue* find(const std::string& key) const;
    bool has(const std::string& key) const { return find(key) != nullptr; }

    // Typed accessors: throw core::Error(path, key, ...) when the key is missing (get*) or holds another type.
    // getUInt accepts any integer type holding a value >= 0; getInt any integer type; getFloat float32 / float64.
    std::string getString(const std::string& key) const;
    std::uint64_t getUInt(const std::string& key) const;
    std::int64_t getInt(const std::string& key) const;
    double getFloat(const std::string& key) const;
    bool getBool(const std::string& key) const;
    std::optional<std::string> optString(const std::string& key) const;
    std::optional<std::uint64_t> optUInt(const std::string& key) const;
    std::optional<double> optFloat(const std::string& key) const;
    std::optional<bool> optBool(const std::string& key) const;
    // Arrays of one element kind (else core::Error naming the key).
    const GgufValue& getArray(const std::string& key, GgufType elementType) const;
    // The elements of an array value of this file, decoded (one level; nested arrays stay lazy).
    std::vector<GgufValue> arrayItems(const GgufValue& array) const;
    std::vector<std::string> getStringArray(const std::string& key) const;
    std::vector<float> getFloatArray(const std::string& key) const; // float32 / float64 elements
    std::vector<std::int64_t> getIntArray(const std::string& key) const; // any integer elements

    const std::vector<GgufTensorInfo>& tensors() const { return m_tensors; } // in file order
    const GgufTensorInfo* findTensor(const std::string& name) const;
    const std::uint8_t* bytes(const GgufTensorInfo& t) const { return m_file.data() + m_dataStart + t.offset; }

private:
    class Reader;
    void parse();
    GgufValue readValue(Reader& r, GgufType type, const std::string& field, int depth) const;
    void checkKnownKeys();

    MappedFile m_file;
    std::uint32_t m_version = 0;
    std::uint32_t m_alignment = 32;
    std::uint64_t m_dataStart = 0;
    std::vector<std::pair<std::string, GgufValue>> m_kv;
    std::map<std::string, std::size_t> m_kvIndex;
    std::vector<GgufTensorInfo> m_tensors;
    std::map<std::string, std::size_t> m_tensorIndex;
};

} // namespace core

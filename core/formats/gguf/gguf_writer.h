#pragma once
// Writes GGUF v3 files (core/formats/gguf/gguf_file.h has the layout): metadata in the order it was set, tensor
// infos, then the tensor data, each tensor at a multiple of the alignment. For sample models shipped as GGUF and for
// tests; every file it writes opens with GgufFile.
//
//   GgufWriter w;
//   w.setString("general.architecture", "llama");
//   w.setUInt32("llama.block_count", 2);
//   w.addTensor("token_embd.weight", DType::F32, { vocab, dim }, bytes); // shape row-major, outermost first
//   w.write("model.gguf");
#include "core/formats/dtype.h"
#include "core/formats/gguf/gguf_file.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace core {

class GgufWriter {
public:
    // Setting a key again replaces its value (keeping its place).
    void setString(const std::string& key, const std::string& value);
    void setUInt32(const std::string& key, std::uint32_t value);
    void setInt32(const std::string& key, std::int32_t value);
    void setUInt64(const std::string& key, std::uint64_t value);
    void setFloat32(const std::string& key, float value);
    void setBool(const std::string& key, bool value);
    void setStringArray(const std::string& key, const std::vector<std::string>& values);
    void setFloat32Array(const std::string& key, const std::vector<float>& values);
    void setInt32Array(const std::string& key, const std::vector<std::int32_t>& values);
    // A value read from another GGUF file, arrays included (copied as stored).
    void setValue(const std::string& key, const GgufValue& value);
    // general.alignment: a power of two (default 32).
    void setAlignment(std::uint32_t alignment);

    // bytes: storedBytes(dtype, numel) of them, in GGML's layout for block types. Throws core::Error for a
    // duplicate or over-long name, more than 4 dimensions, or a byte count that does not fit the shape.
    void addTensor(
        const std::string& name, DType dtype, std::vector<std::int64_t> shape, std::vector<std::uint8_t> bytes);
    void addF32(const std::string& name, std::vector<std::int64_t> shape, const std::vector<float>& values);

    void write(const std::string& path) const; // throws core::Error naming the path if it cannot be written

private:
    struct Tensor {
        std::string name;
        DType dtype;
        std::vector<std::int64_t> shape;
        std::vector<std::uint8_t> bytes;
    };
    void set(const std::string& key, GgufType type, std::string encoded);

    std::vector<std::pair<std::string, std::string>> m_kv; // key -> type + value, encoded
    std::vector<Tensor> m_tensors;
    std::uint32_t m_alignment = 32;
};

} // namespace core

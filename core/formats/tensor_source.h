#pragma once
// The one interface the weight binder reads weights through: name -> dtype, shape, bytes. Every format is one
// implementation (safetensors shards today; GGUF and llama2.c next), each a memory-mapped file validated when it
// is opened, so that afterwards every SourceTensor's bytes are inside the map and of the size its shape says.
#include "core/formats/dtype.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

struct SourceTensor {
    std::string name; // as stored in the file ("model.layers.0.self_attn.q_proj.weight", "blk.0.attn_q.weight")
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape; // row-major, outermost first: an nn.Linear weight is (out, in)
    const std::uint8_t* data = nullptr; // inside the mapped file
    std::uint64_t bytes = 0;
    std::string file; // the file that holds it, for error messages

    std::int64_t numel() const;
    std::string shapeString() const; // "(32000, 288)"
};

class TensorSource {
public:
    virtual ~TensorSource() = default;

    // What errors name when a tensor the model needs is missing (a file, or a folder's index).
    virtual std::string describe() const = 0;
    const std::vector<SourceTensor>& tensors() const { return m_tensors; }
    const SourceTensor* find(const std::string& name) const;
    // Bytes of all tensors as stored in the file(s).
    virtual std::uint64_t storedBytes() const;

protected:
    // Implementations add their tensors once, after validating them; a duplicate name is refused.
    void add(SourceTensor t);

private:
    std::vector<SourceTensor> m_tensors;
    std::map<std::string, std::size_t> m_index;
};

// True when the tensor is F32 and 4-byte aligned in the map, so it can be used in place.
bool usableInPlace(const SourceTensor& t);
// The values as float: F32 copied, F16 / BF16 / F64 converted, block-quantized types dequantized.
std::vector<float> toFloat(const SourceTensor& t);

} // namespace core

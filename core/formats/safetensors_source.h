#pragma once
// A Hugging Face model folder's weights as one TensorSource: model.safetensors, or the shards that
// model.safetensors.index.json names (each shard name checked to stay inside the folder, each tensor where the index
// says it is, no name in two shards).
#include "core/formats/safetensors_file.h"
#include "core/formats/tensor_source.h"

#include <deque>
#include <string>

namespace core {

class SafetensorsSource : public TensorSource {
public:
    explicit SafetensorsSource(const std::string& folder); // throws core::Error naming the file and the field

    std::string describe() const override { return m_describe; }

private:
    void addFile(const SafetensorsFile& file);

    std::deque<SafetensorsFile> m_files; // stable addresses: tensors point into their maps
    std::string m_describe;
};

} // namespace core

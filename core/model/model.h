#pragma once
// A loaded model: config, weights (memory-mapped), and where its tokenizer lives.
#include "core/formats/safetensors_file.h"
#include "core/model/model_config.h"
#include "core/model/model_weights.h"

#include <deque>
#include <memory>
#include <string>

namespace core {

class Model {
public:
    // Loads a Hugging Face model folder (config.json + model.safetensors or model.safetensors.index.json).
    // Throws core::Error naming the file and field of anything malformed.
    static std::unique_ptr<Model> load(const std::string& folder);

    const ModelConfig& config() const { return m_config; }
    const ModelWeights& weights() const { return m_weights; }
    const std::string& folder() const { return m_folder; }
    std::string tokenizerPath() const; // folder/tokenizer.json, or empty when absent
    std::string weightsDtype() const { return m_dtype; } // "F32", "F16", "BF16" (as stored)

    std::int64_t parameterCount() const { return m_parameterCount; }
    std::uint64_t storedWeightBytes() const { return m_storedBytes; } // on disk
    std::uint64_t weightBytes() const { return m_weightBytes; } // as used (F32)
    // Bytes of weights read to produce one token in decode (every matrix once, one embedding row).
    std::uint64_t decodeBytesPerToken() const;

private:
    Model() = default;
    friend class WeightBinder;

    ModelConfig m_config;
    ModelWeights m_weights;
    std::string m_folder;
    std::string m_dtype = "F32";
    std::deque<SafetensorsFile> m_files;
    std::deque<std::vector<float>> m_owned; // converted tensors and computed tables
    std::int64_t m_parameterCount = 0;
    std::uint64_t m_storedBytes = 0;
    std::uint64_t m_weightBytes = 0;
};

} // namespace core

#pragma once
// A model's config and weights, bound from a TensorSource (memory-mapped; F32 used in place) by its architecture's
// table. core::openModel (core/loader/open_model.h) is the one way the programs open one, in any format.
#include "core/formats/tensor_source.h"
#include "core/model/architecture.h"
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
    // Binds `config`'s weights from `source`, whose tensors are named the `naming` way.
    static std::unique_ptr<Model> fromSource(
        ModelConfig config, std::unique_ptr<TensorSource> source, TensorNaming naming, const std::string& location);

    const ModelConfig& config() const { return m_config; }
    const ModelWeights& weights() const { return m_weights; }
    const std::string& folder() const { return m_folder; } // the folder or file it was opened from
    std::string tokenizerPath() const; // folder/tokenizer.json, or empty when absent
    std::string weightsDtype() const { return m_dtype; } // "F32", "F16", "BF16", "Q8_0", ... or "mixed" (as stored)
    const TensorSource& source() const { return *m_source; }
    // Tensors of the file that the forward pass does not read (e.g. rotary caches some checkpoints carry).
    const std::vector<std::string>& unusedTensors() const { return m_unused; }

    std::int64_t parameterCount() const { return m_parameterCount; }
    std::uint64_t storedWeightBytes() const { return m_storedBytes; } // on disk
    std::uint64_t weightBytes() const { return m_weightBytes; } // in memory (F32, or as stored when packed)
    // Bytes of weights read to produce one token in decode (every matrix once, one embedding row).
    std::uint64_t decodeBytesPerToken() const;

private:
    Model() = default;
    friend class WeightBinder;

    ModelConfig m_config;
    ModelWeights m_weights;
    std::string m_folder;
    std::string m_dtype = "F32";
    std::unique_ptr<TensorSource> m_source;
    std::deque<std::vector<float>> m_owned; // converted tensors and computed tables
    std::vector<std::string> m_unused;
    std::int64_t m_parameterCount = 0;
    std::uint64_t m_storedBytes = 0;
    std::uint64_t m_weightBytes = 0;
};

} // namespace core

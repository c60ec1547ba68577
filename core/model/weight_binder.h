#pragma once
// Finds each weight by name across the model's safetensors shards, checks its shape against the config and
// hands out float pointers (in place for aligned F32, converted copies otherwise).
#include "core/model/model.h"

#include <map>
#include <string>
#include <vector>

namespace core {

class WeightBinder {
public:
    explicit WeightBinder(Model& model);

    void openFolder(const std::string& folder); // model.safetensors or the sharded index
    void bindAll(); // per architecture

private:
    const float* need(const std::string& name, std::vector<std::int64_t> shape);
    const float* maybe(const std::string& name, std::vector<std::int64_t> shape);
    LinearWeight linear(const std::string& name, int out, int in, bool bias);
    NormWeight norm(const std::string& name, int dim, bool bias);
    void bindGpt2();
    void bindLlama();
    void bindExplorer();
    void computeTables();
    const float* ownedCopy(std::vector<float> values);

    Model& m_model;
    std::map<std::string, std::pair<const SafetensorsFile*, const TensorInfo*>> m_tensors;
    std::string m_prefix; // "transformer." for GPT-2 files saved from GPT2LMHeadModel
};

} // namespace core

#pragma once
// Binds a model's weights from a TensorSource by its architecture's table (core/model/architecture.h): every tensor
// the config needs is looked up by name, checked against its shape and handed out as float pointers (in place for
// aligned F32, converted copies otherwise). Nothing falls back to another tensor; what the file holds and the model
// does not read is listed (Model::unusedTensors()).
#include "core/formats/tensor_source.h"
#include "core/model/architecture.h"
#include "core/model/model.h"

#include <set>
#include <string>

namespace core {

class WeightBinder {
public:
    WeightBinder(Model& model, const TensorSource& source, TensorNaming naming);

    void bindAll();

private:
    const float* floats(const SourceTensor& t);
    void assign(const ExpectedTensor& e, const float* p);
    void computeTables();
    const float* qkvInHeadOrder(const float* p, bool bias);

    Model& m_model;
    const TensorSource& m_source;
    TensorNaming m_naming;
    std::set<std::string> m_used;
};

} // namespace core

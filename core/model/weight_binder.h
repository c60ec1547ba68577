#pragma once
// Binds a model's weights from a TensorSource by its architecture's table (core/model/architecture.h): every tensor
// the config needs is looked up by name, checked against its shape and handed out as float pointers (in place for
// aligned F32 and for matrices in a type the kernels compute on, converted F32 copies otherwise). Nothing falls back to
// another tensor; what the file holds and the model does not read is listed (Model::unusedTensors()).
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
    // A tensor as bound: float values, or (for a matrix kept in its stored type) its packed rows.
    struct Bound {
        const float* values = nullptr;
        const std::uint8_t* packed = nullptr;
        DType dtype = DType::F32;
        std::size_t rowBytes = 0;
    };
    Bound bind(const SourceTensor& t, const ExpectedTensor& e);
    bool keptPacked(const SourceTensor& t, const ExpectedTensor& e) const;
    void checkMemory(const std::vector<ExpectedTensor>& expected) const;
    const float* floats(const SourceTensor& t);
    void assign(const ExpectedTensor& e, const Bound& b);
    void computeTables();
    const float* qkvInHeadOrder(const float* p, bool bias);

    Model& m_model;
    const TensorSource& m_source;
    TensorNaming m_naming;
    std::set<std::string> m_used;
};

} // namespace core

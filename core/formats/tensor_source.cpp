#include "core/formats/tensor_source.h"

#include "core/common/error.h"
#include "core/common/half.h"
#include "core/formats/quant/dequantize.h"

#include <cstring>

namespace core {

std::int64_t SourceTensor::numel() const
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

std::string SourceTensor::shapeString() const
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

const SourceTensor* TensorSource::find(const std::string& name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

std::uint64_t TensorSource::storedBytes() const
{
    std::uint64_t n = 0;
    for (const auto& t : m_tensors)
        n += t.bytes;
    return n;
}

void TensorSource::add(SourceTensor t)
{
    if (auto* other = find(t.name))
        throw Error(t.file, "header." + t.name, "tensor also appears in " + other->file);
    m_index[t.name] = m_tensors.size();
    m_tensors.push_back(std::move(t));
}

bool usableInPlace(const SourceTensor& t)
{
    return t.dtype == DType::F32 && reinterpret_cast<std::uintptr_t>(t.data) % alignof(float) == 0;
}

std::vector<float> toFloat(const SourceTensor& t)
{
    const std::int64_t n = t.numel();
    std::vector<float> out(static_cast<std::size_t>(n));
    const std::uint8_t* p = t.data;
    switch (t.dtype) {
    case DType::F32:
        std::memcpy(out.data(), p, std::size_t(n) * 4);
        break;
    case DType::F64:
        for (std::int64_t i = 0; i < n; ++i) {
            double d;
            std::memcpy(&d, p + 8 * i, 8);
            out[i] = float(d);
        }
        break;
    case DType::F16:
    case DType::BF16:
        for (std::int64_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            out[i] = t.dtype == DType::F16 ? f16ToFloat(h) : bf16ToFloat(h);
        }
        break;
    case DType::Q4_0:
    case DType::Q4_1:
    case DType::Q5_0:
    case DType::Q5_1:
    case DType::Q8_0:
    case DType::Q2_K:
    case DType::Q3_K:
    case DType::Q4_K:
    case DType::Q5_K:
    case DType::Q6_K:
        if (n % blockElements(t.dtype) != 0 || storedBytes(t.dtype, n) != t.bytes)
            throw Error(t.file, t.name + ".dtype",
                std::string(dtypeName(t.dtype)) + " tensor of shape " + t.shapeString()
                    + " is not a whole number of blocks of its stored size");
        quant::dequantize(t.dtype, p, out.data(), n);
        break;
    default:
        throw Error(
            t.file, t.name + ".dtype", std::string("expected a floating-point tensor, got ") + dtypeName(t.dtype));
    }
    return out;
}

} // namespace core

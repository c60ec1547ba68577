#include "core/formats/gguf/gguf_writer.h"

#include "core/common/error.h"

#include <cstring>
#include <fstream>

namespace core {

namespace {
    template <typename T> std::string raw(T v)
    {
        std::string s(sizeof(T), '\0');
        std::memcpy(s.data(), &v, sizeof(T));
        return s;
    }
    std::string encodeString(const std::string& s) { return raw(std::uint64_t(s.size())) + s; }
    std::string typeTag(GgufType t) { return raw(std::uint32_t(t)); }

    // The value's bytes as GGUF stores them (without the type tag of the value itself).
    std::string encodeValue(const GgufValue& v)
    {
        switch (v.type) {
        case GgufType::UInt8:
            return raw(std::uint8_t(v.u));
        case GgufType::Int8:
            return raw(std::int8_t(v.i));
        case GgufType::UInt16:
            return raw(std::uint16_t(v.u));
        case GgufType::Int16:
            return raw(std::int16_t(v.i));
        case GgufType::UInt32:
            return raw(std::uint32_t(v.u));
        case GgufType::Int32:
            return raw(std::int32_t(v.i));
        case GgufType::UInt64:
            return raw(std::uint64_t(v.u));
        case GgufType::Int64:
            return raw(std::int64_t(v.i));
        case GgufType::Float32:
            return raw(float(v.f));
        case GgufType::Float64:
            return raw(double(v.f));
        case GgufType::Bool:
            return raw(std::uint8_t(v.b ? 1 : 0));
        case GgufType::String:
            return encodeString(v.str);
        case GgufType::Array:
            return typeTag(v.elementType) + raw(std::uint64_t(v.count))
                + std::string(reinterpret_cast<const char*>(v.elements), std::size_t(v.elementBytes));
        }
        return {};
    }
} // namespace

void GgufWriter::set(const std::string& key, GgufType type, std::string encoded)
{
    encoded = typeTag(type) + encoded;
    for (auto& [k, v] : m_kv)
        if (k == key) {
            v = std::move(encoded);
            return;
        }
    m_kv.emplace_back(key, std::move(encoded));
}

void GgufWriter::setString(const std::string& key, const std::string& value)
{
    set(key, GgufType::String, encodeString(value));
}
void GgufWriter::setUInt32(const std::string& key, std::uint32_t value) { set(key, GgufType::UInt32, raw(value)); }
void GgufWriter::setInt32(const std::string& key, std::int32_t value) { set(key, GgufType::Int32, raw(value)); }
void GgufWriter::setUInt64(const std::string& key, std::uint64_t value) { set(key, GgufType::UInt64, raw(value)); }
void GgufWriter::setFloat32(const std::string& key, float value) { set(key, GgufType::Float32, raw(value)); }
void GgufWriter::setBool(const std::string& key, bool value) { set(key, GgufType::Bool, raw(std::uint8_t(value))); }

void GgufWriter::setStringArray(const std::string& key, const std::vector<std::string>& values)
{
    std::string s = typeTag(GgufType::String) + raw(std::uint64_t(values.size()));
    for (const auto& v : values)
        s += encodeString(v);
    set(key, GgufType::Array, std::move(s));
}

void GgufWriter::setFloat32Array(const std::string& key, const std::vector<float>& values)
{
    std::string s = typeTag(GgufType::Float32) + raw(std::uint64_t(values.size()));
    for (float v : values)
        s += raw(v);
    set(key, GgufType::Array, std::move(s));
}

void GgufWriter::setInt32Array(const std::string& key, const std::vector<std::int32_t>& values)
{
    std::string s = typeTag(GgufType::Int32) + raw(std::uint64_t(values.size()));
    for (std::int32_t v : values)
        s += raw(v);
    set(key, GgufType::Array, std::move(s));
}

void GgufWriter::setValue(const std::string& key, const GgufValue& value)
{
    if (key == "general.alignment" && value.type == GgufType::UInt32) {
        setAlignment(std::uint32_t(value.u));
        return;
    }
    set(key, value.type, encodeValue(value));
}

void GgufWriter::setAlignment(std::uint32_t alignment)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        throw Error("GgufWriter", "general.alignment", "must be a power of two, got " + std::to_string(alignment));
    m_alignment = alignment;
    set("general.alignment", GgufType::UInt32, raw(alignment));
}

void GgufWriter::addTensor(
    const std::string& name, DType dtype, std::vector<std::int64_t> shape, std::vector<std::uint8_t> bytes)
{
    const std::string field = "tensor." + name;
    if (name.empty() || name.size() > GgufFile::kMaxNameBytes)
        throw Error("GgufWriter", field, "a tensor name must have 1 to 63 bytes");
    for (const auto& t : m_tensors)
        if (t.name == name)
            throw Error("GgufWriter", field, "tensor name appears more than once");
    if (shape.empty() || shape.size() > std::size_t(GgufFile::kMaxDims))
        throw Error("GgufWriter", field, "a tensor has 1 to 4 dimensions");
    std::int64_t numel = 1;
    for (auto d : shape) {
        if (d <= 0 || __builtin_mul_overflow(numel, d, &numel))
            throw Error("GgufWriter", field, "dimensions must be positive and their product must fit");
    }
    if (ggmlTypeOf(dtype) < 0 || shape.back() % blockElements(dtype) != 0)
        throw Error("GgufWriter", field,
            std::string("cannot store a row of ") + std::to_string(shape.back()) + " as " + dtypeName(dtype));
    const auto want = storedBytes(dtype, numel);
    if (!want || *want != bytes.size())
        throw Error("GgufWriter", field,
            std::to_string(bytes.size()) + " bytes do not fit the shape (" + std::to_string(want.value_or(0))
                + " expected)");
    m_tensors.push_back({ name, dtype, std::move(shape), std::move(bytes) });
}

void GgufWriter::addF32(const std::string& name, std::vector<std::int64_t> shape, const std::vector<float>& values)
{
    std::vector<std::uint8_t> bytes(values.size() * 4);
    std::memcpy(bytes.data(), values.data(), bytes.size());
    addTensor(name, DType::F32, std::move(shape), std::move(bytes));
}

void GgufWriter::write(const std::string& path) const
{
    std::string head
        = "GGUF" + raw(std::uint32_t(3)) + raw(std::uint64_t(m_tensors.size())) + raw(std::uint64_t(m_kv.size()));
    for (const auto& [key, value] : m_kv)
        head += encodeString(key) + value;
    std::uint64_t offset = 0;
    auto align = [&](std::uint64_t n) { return (n + m_alignment - 1) / m_alignment * m_alignment; };
    for (const auto& t : m_tensors) {
        head += encodeString(t.name) + raw(std::uint32_t(t.shape.size()));
        for (auto it = t.shape.rbegin(); it != t.shape.rend(); ++it) // ne[]: innermost first
            head += raw(std::uint64_t(*it));
        head += raw(std::uint32_t(ggmlTypeOf(t.dtype))) + raw(offset);
        offset = align(offset + t.bytes.size());
    }
    head.resize(std::size_t(align(head.size())), '\0');

    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(path, "", "cannot open for writing");
    out.write(head.data(), std::streamsize(head.size()));
    const std::string zeros(m_alignment, '\0');
    for (const auto& t : m_tensors) {
        out.write(reinterpret_cast<const char*>(t.bytes.data()), std::streamsize(t.bytes.size()));
        const std::uint64_t pad = align(t.bytes.size()) - t.bytes.size();
        out.write(zeros.data(), std::streamsize(pad));
    }
    if (!out)
        throw Error(path, "", "write failed");
}

} // namespace core

// GGUF metadata values and GgufFile's typed accessors (parsing is in gguf_file.cpp).
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/gguf/gguf_reader.h"

namespace core {

const char* ggufTypeName(GgufType t)
{
    switch (t) {
    case GgufType::UInt8:
        return "uint8";
    case GgufType::Int8:
        return "int8";
    case GgufType::UInt16:
        return "uint16";
    case GgufType::Int16:
        return "int16";
    case GgufType::UInt32:
        return "uint32";
    case GgufType::Int32:
        return "int32";
    case GgufType::Float32:
        return "float32";
    case GgufType::Bool:
        return "bool";
    case GgufType::String:
        return "string";
    case GgufType::Array:
        return "array";
    case GgufType::UInt64:
        return "uint64";
    case GgufType::Int64:
        return "int64";
    case GgufType::Float64:
        return "float64";
    }
    return "?";
}

bool GgufValue::isInteger() const
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::UInt16:
    case GgufType::Int16:
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::UInt64:
    case GgufType::Int64:
        return true;
    default:
        return false;
    }
}

std::string GgufValue::describe() const
{
    const std::string t = ggufTypeName(type);
    if (type == GgufType::Array)
        return "array of " + std::to_string(count) + " " + ggufTypeName(elementType);
    if (type == GgufType::String)
        return "string \"" + (str.size() > 40 ? str.substr(0, 40) + "..." : str) + "\"";
    if (type == GgufType::Bool)
        return std::string("bool ") + (b ? "true" : "false");
    if (isFloat())
        return t + " " + errorNumber(f);
    if (type == GgufType::UInt64 || type == GgufType::UInt32 || type == GgufType::UInt16 || type == GgufType::UInt8)
        return t + " " + std::to_string(u);
    return t + " " + std::to_string(i);
}

namespace {
    const GgufValue& required(const GgufFile& f, const std::string& key)
    {
        const GgufValue* v = f.find(key);
        if (!v)
            throw Error(f.path(), "metadata." + key, "missing");
        return *v;
    }
    [[noreturn]] void wrongType(const GgufFile& f, const std::string& key, const char* want, const GgufValue& v)
    {
        throw Error(f.path(), "metadata." + key, std::string("expected ") + want + ", got " + v.describe());
    }
    std::uint64_t asUInt(const GgufFile& f, const std::string& key, const GgufValue& v)
    {
        if (!v.isInteger() || (v.i < 0))
            wrongType(f, key, "a non-negative integer", v);
        return v.u;
    }
    double asFloat(const GgufFile& f, const std::string& key, const GgufValue& v)
    {
        if (!v.isFloat())
            wrongType(f, key, "a float", v);
        return v.f;
    }
} // namespace

std::string GgufFile::getString(const std::string& key) const
{
    const GgufValue& v = required(*this, key);
    if (v.type != GgufType::String)
        wrongType(*this, key, "a string", v);
    return v.str;
}

std::uint64_t GgufFile::getUInt(const std::string& key) const { return asUInt(*this, key, required(*this, key)); }

std::int64_t GgufFile::getInt(const std::string& key) const
{
    const GgufValue& v = required(*this, key);
    if (!v.isInteger() || (v.type == GgufType::UInt64 && v.u > std::uint64_t(INT64_MAX)))
        wrongType(*this, key, "an integer", v);
    return v.i;
}

double GgufFile::getFloat(const std::string& key) const { return asFloat(*this, key, required(*this, key)); }

bool GgufFile::getBool(const std::string& key) const
{
    const GgufValue& v = required(*this, key);
    if (v.type != GgufType::Bool)
        wrongType(*this, key, "a bool", v);
    return v.b;
}

std::optional<std::string> GgufFile::optString(const std::string& key) const
{
    return has(key) ? std::optional(getString(key)) : std::nullopt;
}
std::optional<std::uint64_t> GgufFile::optUInt(const std::string& key) const
{
    return has(key) ? std::optional(getUInt(key)) : std::nullopt;
}
std::optional<double> GgufFile::optFloat(const std::string& key) const
{
    return has(key) ? std::optional(getFloat(key)) : std::nullopt;
}
std::optional<bool> GgufFile::optBool(const std::string& key) const
{
    return has(key) ? std::optional(getBool(key)) : std::nullopt;
}

const GgufValue& GgufFile::getArray(const std::string& key, GgufType elementType) const
{
    const GgufValue& v = required(*this, key);
    if (v.type != GgufType::Array || v.elementType != elementType)
        wrongType(*this, key, (std::string("an array of ") + ggufTypeName(elementType)).c_str(), v);
    return v;
}

std::vector<GgufValue> GgufFile::arrayItems(const GgufValue& array) const
{
    std::vector<GgufValue> out;
    if (array.type != GgufType::Array)
        return out;
    // Validated when the file was opened: these reads cannot fail.
    Reader r(path(), array.elements, array.elementBytes);
    out.reserve(std::size_t(array.count));
    for (std::uint64_t k = 0; k < array.count; ++k)
        out.push_back(readValue(r, array.elementType, "array[" + std::to_string(k) + "]", array.depth + 1));
    return out;
}

std::vector<std::string> GgufFile::getStringArray(const std::string& key) const
{
    const GgufValue& v = getArray(key, GgufType::String);
    std::vector<std::string> out;
    out.reserve(std::size_t(v.count));
    Reader r(path(), v.elements, v.elementBytes);
    for (std::uint64_t k = 0; k < v.count; ++k)
        out.push_back(r.readString("metadata." + key));
    return out;
}

std::vector<float> GgufFile::getFloatArray(const std::string& key) const
{
    const GgufValue& v = required(*this, key);
    if (v.type != GgufType::Array || (v.elementType != GgufType::Float32 && v.elementType != GgufType::Float64))
        wrongType(*this, key, "an array of float32", v);
    std::vector<float> out;
    out.reserve(std::size_t(v.count));
    for (const auto& item : arrayItems(v))
        out.push_back(float(item.f));
    return out;
}

std::vector<std::int64_t> GgufFile::getIntArray(const std::string& key) const
{
    const GgufValue& v = required(*this, key);
    GgufValue probe;
    probe.type = v.elementType;
    if (v.type != GgufType::Array || !probe.isInteger())
        wrongType(*this, key, "an array of integers", v);
    std::vector<std::int64_t> out;
    out.reserve(std::size_t(v.count));
    for (const auto& item : arrayItems(v))
        out.push_back(item.i);
    return out;
}

} // namespace core

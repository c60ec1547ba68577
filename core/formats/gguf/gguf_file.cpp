#include "core/formats/gguf/gguf_file.h"

#include "core/common/error.h"
#include "core/formats/gguf/gguf_reader.h"

#include <cstring>

namespace core {

namespace {
    constexpr std::uint32_t kMaxType = 12;

    // Bytes a value of this type needs at least: bounds array counts before anything is allocated.
    std::uint64_t minimumBytes(GgufType t)
    {
        switch (t) {
        case GgufType::UInt8:
        case GgufType::Int8:
        case GgufType::Bool:
            return 1;
        case GgufType::UInt16:
        case GgufType::Int16:
            return 2;
        case GgufType::UInt32:
        case GgufType::Int32:
        case GgufType::Float32:
            return 4;
        case GgufType::UInt64:
        case GgufType::Int64:
        case GgufType::Float64:
        case GgufType::String:
            return 8; // a string is at least its length
        case GgufType::Array:
            return 12; // element type + count
        }
        return 1;
    }

    // Keys whose type llama.cpp fixes; any other type is refused when the file is opened.
    struct KnownKey {
        const char* key;
        GgufType type;
        GgufType element; // arrays
    };
    constexpr KnownKey kKnownKeys[] = {
        { "general.alignment", GgufType::UInt32, GgufType::UInt8 },
        { "general.architecture", GgufType::String, GgufType::UInt8 },
        { "general.name", GgufType::String, GgufType::UInt8 },
        { "general.file_type", GgufType::UInt32, GgufType::UInt8 },
        { "general.quantization_version", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.model", GgufType::String, GgufType::UInt8 },
        { "tokenizer.ggml.pre", GgufType::String, GgufType::UInt8 },
        { "tokenizer.ggml.tokens", GgufType::Array, GgufType::String },
        { "tokenizer.ggml.scores", GgufType::Array, GgufType::Float32 },
        { "tokenizer.ggml.token_type", GgufType::Array, GgufType::Int32 },
        { "tokenizer.ggml.merges", GgufType::Array, GgufType::String },
        { "tokenizer.ggml.bos_token_id", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.eos_token_id", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.unknown_token_id", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.padding_token_id", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.eot_token_id", GgufType::UInt32, GgufType::UInt8 },
        { "tokenizer.ggml.add_bos_token", GgufType::Bool, GgufType::UInt8 },
        { "tokenizer.ggml.add_eos_token", GgufType::Bool, GgufType::UInt8 },
        { "tokenizer.ggml.add_space_prefix", GgufType::Bool, GgufType::UInt8 },
        { "tokenizer.chat_template", GgufType::String, GgufType::UInt8 },
    };
} // namespace

GgufFile::GgufFile(const std::string& path)
    : m_file(path)
{
    parse();
}

GgufValue GgufFile::readValue(Reader& r, GgufType type, const std::string& field, int depth) const
{
    GgufValue v;
    v.type = type;
    switch (type) {
    case GgufType::UInt8:
        v.u = r.read<std::uint8_t>(field);
        break;
    case GgufType::Int8:
        v.i = r.read<std::int8_t>(field);
        break;
    case GgufType::UInt16:
        v.u = r.read<std::uint16_t>(field);
        break;
    case GgufType::Int16:
        v.i = r.read<std::int16_t>(field);
        break;
    case GgufType::UInt32:
        v.u = r.read<std::uint32_t>(field);
        break;
    case GgufType::Int32:
        v.i = r.read<std::int32_t>(field);
        break;
    case GgufType::UInt64:
        v.u = r.read<std::uint64_t>(field);
        break;
    case GgufType::Int64:
        v.i = r.read<std::int64_t>(field);
        break;
    case GgufType::Float32:
        v.f = r.read<float>(field);
        break;
    case GgufType::Float64:
        v.f = r.read<double>(field);
        break;
    case GgufType::Bool:
        v.b = r.read<std::uint8_t>(field) != 0;
        break;
    case GgufType::String:
        v.str = r.readString(field);
        break;
    case GgufType::Array: {
        if (depth >= kMaxArrayDepth)
            throw Error(path(), field,
                "arrays nested deeper than " + std::to_string(kMaxArrayDepth) + " levels are not accepted");
        const auto element = r.read<std::uint32_t>(field + ".type");
        if (element > kMaxType)
            throw Error(path(), field + ".type", "unknown array element type " + std::to_string(element));
        v.elementType = GgufType(element);
        const auto count = r.read<std::uint64_t>(field + ".count");
        if (count > r.remaining() / minimumBytes(v.elementType))
            throw Error(path(), field + ".count",
                "array of " + std::to_string(count) + " " + ggufTypeName(v.elementType)
                    + " cannot fit in the rest of the file (" + std::to_string(r.remaining()) + " bytes)");
        v.count = count;
        v.depth = depth;
        const std::uint64_t begin = r.pos();
        const std::uint64_t size = minimumBytes(v.elementType);
        if (v.elementType == GgufType::String || v.elementType == GgufType::Array) {
            // Walk the elements to validate them and find the end; nothing is kept.
            for (std::uint64_t k = 0; k < count; ++k)
                readValue(r, v.elementType, field + "[" + std::to_string(k) + "]", depth + 1);
        } else {
            r.skip(count * size, field); // count <= remaining / size: no overflow
        }
        v.elements = r.data() + begin;
        v.elementBytes = r.pos() - begin;
        break;
    }
    }
    if (type == GgufType::UInt8 || type == GgufType::UInt16 || type == GgufType::UInt32 || type == GgufType::UInt64)
        v.i = v.u > std::uint64_t(INT64_MAX) ? INT64_MAX : std::int64_t(v.u);
    if (type == GgufType::Int8 || type == GgufType::Int16 || type == GgufType::Int32 || type == GgufType::Int64)
        v.u = v.i < 0 ? 0 : std::uint64_t(v.i);
    return v;
}

void GgufFile::parse()
{
    Reader r(path(), m_file.data(), m_file.size());
    const auto magic = r.read<std::uint32_t>("header.magic");
    if (std::memcmp(&magic, "GGUF", 4) != 0)
        throw Error(path(), "header.magic", "not a GGUF file (the first four bytes are not \"GGUF\")");
    m_version = r.read<std::uint32_t>("header.version");
    if (m_version != 2 && m_version != 3)
        throw Error(path(), "header.version",
            "version " + std::to_string(m_version) + " is not supported (GGUF versions 2 and 3 are)");
    const auto tensorCount = r.read<std::uint64_t>("header.tensor_count");
    const auto kvCount = r.read<std::uint64_t>("header.metadata_kv_count");
    // Each key-value pair is at least 8 + 4 + 1 bytes; each tensor info at least 8 + 4 + 4 + 8.
    if (kvCount > r.remaining() / 13)
        throw Error(path(), "header.metadata_kv_count",
            std::to_string(kvCount) + " key-value pairs cannot fit in the file (" + std::to_string(r.remaining())
                + " bytes left)");
    if (tensorCount > r.remaining() / 24)
        throw Error(path(), "header.tensor_count",
            std::to_string(tensorCount) + " tensors cannot fit in the file (" + std::to_string(r.remaining())
                + " bytes left)");

    m_kv.reserve(std::size_t(kvCount));
    for (std::uint64_t k = 0; k < kvCount; ++k) {
        const std::string field = "metadata[" + std::to_string(k) + "]";
        std::string key = r.readString(field + ".key");
        if (key.empty())
            throw Error(path(), field + ".key", "empty key");
        if (m_kvIndex.count(key))
            throw Error(path(), "metadata." + key, "key appears more than once");
        const auto type = r.read<std::uint32_t>("metadata." + key + ".type");
        if (type > kMaxType)
            throw Error(path(), "metadata." + key + ".type", "unknown value type " + std::to_string(type));
        GgufValue value = readValue(r, GgufType(type), "metadata." + key, 0);
        m_kvIndex[key] = m_kv.size();
        m_kv.emplace_back(std::move(key), std::move(value));
    }
    checkKnownKeys();
    if (const GgufValue* a = find("general.alignment")) {
        if (a->u == 0 || (a->u & (a->u - 1)) != 0)
            throw Error(path(), "metadata.general.alignment", "must be a power of two, got " + std::to_string(a->u));
        m_alignment = std::uint32_t(a->u);
    }

    m_tensors.reserve(std::size_t(tensorCount));
    for (std::uint64_t k = 0; k < tensorCount; ++k) {
        std::string field = "tensor_infos[" + std::to_string(k) + "]";
        GgufTensorInfo t;
        t.name = r.readString(field + ".name");
        if (t.name.size() > kMaxNameBytes)
            throw Error(path(), field + ".name",
                "tensor name of " + std::to_string(t.name.size()) + " bytes is longer than "
                    + std::to_string(kMaxNameBytes));
        if (m_tensorIndex.count(t.name))
            throw Error(path(), "tensor." + t.name, "tensor name appears more than once");
        field = "tensor." + t.name;
        const auto nDims = r.read<std::uint32_t>(field + ".n_dims");
        if (nDims > std::uint32_t(kMaxDims))
            throw Error(path(), field + ".n_dims",
                std::to_string(nDims) + " dimensions (at most " + std::to_string(kMaxDims) + ")");
        std::uint64_t numel = 1;
        for (std::uint32_t d = 0; d < nDims; ++d) {
            const auto ne = r.read<std::uint64_t>(field + ".ne[" + std::to_string(d) + "]");
            if (ne == 0 || ne > std::uint64_t(INT64_MAX))
                throw Error(path(), field + ".ne[" + std::to_string(d) + "]",
                    "dimension " + std::to_string(std::int64_t(ne)) + " (must be at least 1)");
            if (__builtin_mul_overflow(numel, ne, &numel) || numel > std::uint64_t(INT64_MAX))
                throw Error(path(), field + ".ne", "the product of the dimensions overflows");
            t.ne.push_back(std::int64_t(ne));
        }
        t.numel = std::int64_t(numel);
        t.shape.assign(t.ne.rbegin(), t.ne.rend());
        const auto type = r.read<std::uint32_t>(field + ".type");
        const auto dtype = dtypeFromGgmlType(type);
        if (!dtype)
            throw Error(path(), field + ".type", "unknown or unsupported tensor type " + std::to_string(type));
        t.dtype = *dtype;
        const std::int64_t rowLength = t.ne.empty() ? 1 : t.ne[0];
        if (rowLength % blockElements(t.dtype) != 0)
            throw Error(path(), field + ".ne[0]",
                "row length " + std::to_string(rowLength) + " is not a multiple of the " + dtypeName(t.dtype)
                    + " block size " + std::to_string(blockElements(t.dtype)));
        const auto bytes = storedBytes(t.dtype, t.numel);
        if (!bytes)
            throw Error(path(), field + ".ne", "the byte size overflows");
        t.bytes = *bytes;
        t.offset = r.read<std::uint64_t>(field + ".offset");
        if (t.offset % m_alignment != 0)
            throw Error(path(), field + ".offset",
                "offset " + std::to_string(t.offset) + " is not a multiple of the alignment "
                    + std::to_string(m_alignment));
        m_tensorIndex[t.name] = m_tensors.size();
        m_tensors.push_back(std::move(t));
    }

    // The data section starts at the next multiple of the alignment.
    const std::uint64_t end = r.pos();
    m_dataStart = end + (m_alignment - end % m_alignment) % m_alignment;
    if (m_tensors.empty())
        return;
    if (m_dataStart > m_file.size())
        throw Error(path(), "data", "the file ends before its tensor data begins (truncated?)");
    const std::uint64_t dataSize = m_file.size() - m_dataStart;
    for (const auto& t : m_tensors)
        if (t.offset > dataSize || t.bytes > dataSize - t.offset)
            throw Error(path(), "tensor." + t.name + ".offset",
                "bytes [" + std::to_string(t.offset) + ", +" + std::to_string(t.bytes)
                    + ") run past the end of the data section (" + std::to_string(dataSize) + " bytes; truncated?)");
}

void GgufFile::checkKnownKeys()
{
    for (const auto& k : kKnownKeys) {
        const GgufValue* v = find(k.key);
        if (!v)
            continue;
        if (v->type != k.type || (k.type == GgufType::Array && v->elementType != k.element))
            throw Error(path(), std::string("metadata.") + k.key,
                std::string("expected ") + (k.type == GgufType::Array ? "array of " : "")
                    + ggufTypeName(k.type == GgufType::Array ? k.element : k.type) + ", got " + v->describe());
    }
}

const GgufValue* GgufFile::find(const std::string& key) const
{
    auto it = m_kvIndex.find(key);
    return it == m_kvIndex.end() ? nullptr : &m_kv[it->second].second;
}

const GgufTensorInfo* GgufFile::findTensor(const std::string& name) const
{
    auto it = m_tensorIndex.find(name);
    return it == m_tensorIndex.end() ? nullptr : &m_tensors[it->second];
}

} // namespace core

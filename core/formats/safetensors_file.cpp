#include "core/formats/safetensors_file.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/half.h"
#include "core/common/limits.h"
#include "core/common/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <set>

namespace core {

std::string TensorInfo::shapeString() const
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

SafetensorsFile::SafetensorsFile(const std::string& path)
    : m_file(path)
{
    if (m_file.size() < 8)
        throw Error(path, "header length",
            "file is " + std::to_string(m_file.size()) + " bytes, shorter than the 8-byte header length");
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | m_file.data()[i];
    if (headerLen > kMaxHeaderBytes)
        throw Error(path, "header length",
            std::to_string(headerLen) + " bytes is over the limit of " + std::to_string(kMaxHeaderBytes));
    if (headerLen > m_file.size() - 8)
        throw Error(path, "header length",
            std::to_string(headerLen) + " bytes runs past the end of the file (" + std::to_string(m_file.size())
                + " bytes)");
    m_dataStart = 8 + headerLen;
    m_dataSize = m_file.size() - m_dataStart;
    parseHeader(headerLen);
    checkLayout();
}

void SafetensorsFile::parseHeader(std::uint64_t headerLen)
{
    const std::string& file = m_file.path();
    std::string_view text(reinterpret_cast<const char*>(m_file.data() + 8), headerLen);
    if (auto bad = utf8::firstInvalid(text); bad != std::string_view::npos)
        throw Error(file, "header", "is not valid UTF-8 (byte " + std::to_string(bad) + ")");

    // nlohmann keeps the last of duplicate keys silently; a callback sees every key, so we can refuse them.
    std::vector<std::set<std::string>> openObjects;
    std::string duplicate;
    auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        if (event == E::object_start)
            openObjects.emplace_back();
        else if (event == E::object_end && !openObjects.empty())
            openObjects.pop_back();
        else if (event == E::key && !openObjects.empty() && duplicate.empty()) {
            const auto key = parsed.get<std::string>();
            if (!openObjects.back().insert(key).second)
                duplicate = key;
        }
        return true;
    };
    checkJsonDepth(text, file, "header", limits::kMaxJsonDepth);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(text.begin(), text.end(), callback);
    } catch (const nlohmann::json::exception& e) { // parse_error, and out_of_range for 1e400
        throw Error(file, "header", std::string("is not valid JSON: ") + e.what());
    }
    if (!duplicate.empty())
        throw Error(file, "header." + duplicate, "key appears more than once");
    if (!header.is_object())
        throw Error(file, "header", std::string("must be a JSON object, got ") + header.type_name());

    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        const std::string field = "header." + name;
        if (name == "__metadata__") {
            if (!it->is_object())
                throw Error(file, field, "must be an object of strings");
            for (auto m = it->begin(); m != it->end(); ++m) {
                if (!m->is_string())
                    throw Error(file, field + "." + m.key(), "must be a string");
                m_metadata[m.key()] = m->get<std::string>();
            }
            continue;
        }
        if (!it->is_object())
            throw Error(file, field, "must be an object with dtype, shape and data_offsets");
        TensorInfo t;
        t.name = name;
        const auto& entry = *it;
        if (!entry.contains("dtype") || !entry["dtype"].is_string())
            throw Error(file, field + ".dtype", "missing or not a string");
        const auto dt = dtypeFromName(entry["dtype"].get<std::string>());
        if (!dt)
            throw Error(file, field + ".dtype", "unknown dtype \"" + entry["dtype"].get<std::string>() + "\"");
        t.dtype = *dt;

        if (!entry.contains("shape") || !entry["shape"].is_array())
            throw Error(file, field + ".shape", "missing or not an array");
        std::uint64_t numel = 1;
        for (std::size_t d = 0; d < entry["shape"].size(); ++d) {
            const auto& v = entry["shape"][d];
            const std::string f = field + ".shape[" + std::to_string(d) + "]";
            if (v.is_number_float())
                throw Error(file, f, "expected a whole number, got " + v.dump());
            if (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0)
                throw Error(file, f, "negative size " + v.dump());
            if (!v.is_number_unsigned() && !v.is_number_integer())
                throw Error(file, f, "expected a whole number, got " + v.dump());
            const std::uint64_t dim = v.get<std::uint64_t>();
            if (dim > std::uint64_t(INT64_MAX) || __builtin_mul_overflow(numel, dim, &numel)
                || numel > std::uint64_t(INT64_MAX))
                throw Error(file, field + ".shape", "the product of the dimensions overflows");
            t.shape.push_back(std::int64_t(dim));
        }
        t.numel = std::int64_t(numel);

        if (!entry.contains("data_offsets") || !entry["data_offsets"].is_array() || entry["data_offsets"].size() != 2)
            throw Error(file, field + ".data_offsets", "missing or not a pair [begin, end]");
        for (int k = 0; k < 2; ++k) {
            const auto& v = entry["data_offsets"][k];
            if (!v.is_number_unsigned())
                throw Error(file, field + ".data_offsets[" + std::to_string(k) + "]",
                    "expected a non-negative whole number, got " + v.dump());
        }
        t.begin = entry["data_offsets"][0].get<std::uint64_t>();
        t.end = entry["data_offsets"][1].get<std::uint64_t>();
        if (t.end < t.begin)
            throw Error(file, field + ".data_offsets",
                "end " + std::to_string(t.end) + " is before begin " + std::to_string(t.begin));
        std::uint64_t bytes = 0;
        if (__builtin_mul_overflow(numel, std::uint64_t(dtypeSize(t.dtype)), &bytes))
            throw Error(file, field + ".shape", "the byte size overflows");
        if (t.end - t.begin != bytes)
            throw Error(file, field + ".data_offsets",
                "holds " + std::to_string(t.end - t.begin) + " bytes but shape " + t.shapeString() + " of "
                    + dtypeName(t.dtype) + " needs " + std::to_string(bytes));
        m_index[name] = m_tensors.size();
        m_tensors.push_back(std::move(t));
    }
}

void SafetensorsFile::checkLayout()
{
    const std::string& file = m_file.path();
    std::vector<const TensorInfo*> order;
    for (const auto& t : m_tensors)
        order.push_back(&t);
    std::stable_sort(order.begin(), order.end(), [](const TensorInfo* a, const TensorInfo* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    std::uint64_t cursor = 0;
    for (const TensorInfo* t : order) {
        const std::string field = "header." + t->name + ".data_offsets";
        if (t->end > m_dataSize)
            throw Error(file, field,
                "end " + std::to_string(t->end) + " is past the end of the data (" + std::to_string(m_dataSize)
                    + " bytes)");
        if (t->begin < cursor)
            throw Error(file, field,
                "overlaps the previous tensor (begins at " + std::to_string(t->begin) + ", previous ends at "
                    + std::to_string(cursor) + ")");
        if (t->begin > cursor)
            throw Error(file, field, "leaves a gap of " + std::to_string(t->begin - cursor) + " bytes before it");
        cursor = t->end;
    }
    if (cursor != m_dataSize)
        throw Error(file, "data", std::to_string(m_dataSize - cursor) + " trailing bytes after the last tensor");
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

bool SafetensorsFile::usableInPlace(const TensorInfo& t) const
{
    return t.dtype == DType::F32 && reinterpret_cast<std::uintptr_t>(bytes(t)) % alignof(float) == 0;
}

std::vector<float> SafetensorsFile::toFloat(const TensorInfo& t) const
{
    std::vector<float> out(std::size_t(t.numel));
    const std::uint8_t* p = bytes(t);
    for (std::int64_t i = 0; i < t.numel; ++i) {
        switch (t.dtype) {
        case DType::F32:
            std::memcpy(&out[i], p + 4 * i, 4);
            break;
        case DType::F64: {
            double d;
            std::memcpy(&d, p + 8 * i, 8);
            out[i] = float(d);
            break;
        }
        case DType::F16:
        case DType::BF16: {
            std::uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            out[i] = t.dtype == DType::F16 ? f16ToFloat(h) : bf16ToFloat(h);
            break;
        }
        default:
            throw Error(path(), "header." + t.name + ".dtype",
                std::string("expected a floating-point tensor, got ") + dtypeName(t.dtype));
        }
    }
    return out;
}

std::vector<std::int64_t> SafetensorsFile::toInt(const TensorInfo& t) const
{
    std::vector<std::int64_t> out(std::size_t(t.numel));
    const std::uint8_t* p = bytes(t);
    for (std::int64_t i = 0; i < t.numel; ++i) {
        if (t.dtype == DType::I32) {
            std::int32_t v;
            std::memcpy(&v, p + 4 * i, 4);
            out[i] = v;
        } else if (t.dtype == DType::I64) {
            std::memcpy(&out[i], p + 8 * i, 8);
        } else {
            throw Error(path(), "header." + t.name + ".dtype",
                std::string("expected an integer tensor, got ") + dtypeName(t.dtype));
        }
    }
    return out;
}

} // namespace core

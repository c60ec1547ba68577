#include "core/formats/safetensors_writer.h"

#include "core/common/error.h"
#include "core/common/half.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

namespace core {

void SafetensorsWriter::addF32(
    const std::string& name, std::vector<std::int64_t> shape, const std::vector<float>& values)
{
    Entry e { DType::F32, std::move(shape), std::vector<std::uint8_t>(values.size() * 4) };
    std::memcpy(e.data.data(), values.data(), e.data.size());
    m_entries[name] = std::move(e);
}

void SafetensorsWriter::addConverted(
    const std::string& name, DType dtype, std::vector<std::int64_t> shape, const std::vector<float>& values)
{
    if (dtype == DType::F32)
        return addF32(name, std::move(shape), values);
    if (dtype != DType::F16 && dtype != DType::BF16)
        throw Error("safetensors writer", name, "only F32, F16 and BF16 can be written from floats");
    Entry e { dtype, std::move(shape), std::vector<std::uint8_t>(values.size() * 2) };
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint16_t h = dtype == DType::F16 ? floatToF16(values[i]) : floatToBf16(values[i]);
        std::memcpy(e.data.data() + 2 * i, &h, 2);
    }
    m_entries[name] = std::move(e);
}

void SafetensorsWriter::addI32(
    const std::string& name, std::vector<std::int64_t> shape, const std::vector<std::int32_t>& values)
{
    Entry e { DType::I32, std::move(shape), std::vector<std::uint8_t>(values.size() * 4) };
    std::memcpy(e.data.data(), values.data(), e.data.size());
    m_entries[name] = std::move(e);
}

std::string SafetensorsWriter::headerJson() const
{
    nlohmann::ordered_json header;
    if (!m_metadata.empty())
        header["__metadata__"] = m_metadata;
    std::uint64_t offset = 0;
    for (const auto& [name, e] : m_entries) {
        header[name] = { { "dtype", dtypeName(e.dtype) }, { "shape", e.shape },
            { "data_offsets", { offset, offset + e.data.size() } } };
        offset += e.data.size();
    }
    return header.dump();
}

std::vector<std::uint8_t> SafetensorsWriter::bytes() const
{
    std::string header = headerJson();
    while ((8 + header.size()) % 8 != 0)
        header += ' ';
    std::vector<std::uint8_t> out(8);
    std::uint64_t n = header.size();
    for (int i = 0; i < 8; ++i)
        out[i] = std::uint8_t(n >> (8 * i));
    out.insert(out.end(), header.begin(), header.end());
    for (const auto& [name, e] : m_entries)
        out.insert(out.end(), e.data.begin(), e.data.end());
    return out;
}

void SafetensorsWriter::write(const std::string& path) const
{
    const auto data = bytes();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f)
        throw Error(path, "", "cannot open for writing");
    f.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
    if (!f)
        throw Error(path, "", "write failed");
}

} // namespace core

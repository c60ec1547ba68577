#include "core/formats/dtype.h"

namespace core {

namespace {
    struct Entry {
        DType type;
        const char* name;
        std::size_t size;
    };
    constexpr Entry kTypes[] = {
        { DType::F64, "F64", 8 },
        { DType::F32, "F32", 4 },
        { DType::F16, "F16", 2 },
        { DType::BF16, "BF16", 2 },
        { DType::I64, "I64", 8 },
        { DType::I32, "I32", 4 },
        { DType::I16, "I16", 2 },
        { DType::I8, "I8", 1 },
        { DType::U8, "U8", 1 },
        { DType::Bool, "BOOL", 1 },
    };
} // namespace

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const auto& e : kTypes)
        if (name == e.name)
            return e.type;
    return std::nullopt;
}

const char* dtypeName(DType t)
{
    for (const auto& e : kTypes)
        if (e.type == t)
            return e.name;
    return "?";
}

std::size_t dtypeSize(DType t)
{
    for (const auto& e : kTypes)
        if (e.type == t)
            return e.size;
    return 0;
}

} // namespace core

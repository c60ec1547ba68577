#include "core/formats/dtype.h"

namespace core {

namespace {
    // The one table of element and block types. ggml: GGML's type id (enum ggml_type), -1 if it has none.
    // safetensors: the type has a safetensors name.
    struct Entry {
        DType type;
        const char* name;
        int elements; // values per block (1 for element types)
        int bytes; // bytes per block
        int ggml;
        bool safetensors;
    };
    constexpr Entry kTypes[] = {
        { DType::F64, "F64", 1, 8, 28, true },
        { DType::F32, "F32", 1, 4, 0, true },
        { DType::F16, "F16", 1, 2, 1, true },
        { DType::BF16, "BF16", 1, 2, 30, true },
        { DType::I64, "I64", 1, 8, 27, true },
        { DType::I32, "I32", 1, 4, 26, true },
        { DType::I16, "I16", 1, 2, 25, true },
        { DType::I8, "I8", 1, 1, 24, true },
        { DType::U8, "U8", 1, 1, -1, true },
        { DType::Bool, "BOOL", 1, 1, -1, true },
        // block_q4_0 { f16 d; u8 qs[16]; }
        { DType::Q4_0, "Q4_0", 32, 18, 2, false },
        // block_q4_1 { f16 d, m; u8 qs[16]; }
        { DType::Q4_1, "Q4_1", 32, 20, 3, false },
        // block_q5_0 { f16 d; u8 qh[4]; u8 qs[16]; }
        { DType::Q5_0, "Q5_0", 32, 22, 6, false },
        // block_q5_1 { f16 d, m; u8 qh[4]; u8 qs[16]; }
        { DType::Q5_1, "Q5_1", 32, 24, 7, false },
        // block_q8_0 { f16 d; i8 qs[32]; }
        { DType::Q8_0, "Q8_0", 32, 34, 8, false },
        // block_q2_K { u8 scales[16]; u8 qs[64]; f16 d, dmin; }
        { DType::Q2_K, "Q2_K", 256, 84, 10, false },
        // block_q3_K { u8 hmask[32]; u8 qs[64]; u8 scales[12]; f16 d; }
        { DType::Q3_K, "Q3_K", 256, 110, 11, false },
        // block_q4_K { f16 d, dmin; u8 scales[12]; u8 qs[128]; }
        { DType::Q4_K, "Q4_K", 256, 144, 12, false },
        // block_q5_K { f16 d, dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]; }
        { DType::Q5_K, "Q5_K", 256, 176, 13, false },
        // block_q6_K { u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d; }
        { DType::Q6_K, "Q6_K", 256, 210, 14, false },
    };

    const Entry* entry(DType t)
    {
        for (const auto& e : kTypes)
            if (e.type == t)
                return &e;
        return nullptr;
    }
} // namespace

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const auto& e : kTypes)
        if (e.safetensors && name == e.name)
            return e.type;
    return std::nullopt;
}

const char* dtypeName(DType t)
{
    const Entry* e = entry(t);
    return e ? e->name : "?";
}

std::size_t dtypeSize(DType t)
{
    const Entry* e = entry(t);
    return e && e->elements == 1 ? std::size_t(e->bytes) : 0;
}

bool isQuantized(DType t) { return blockElements(t) > 1; }

std::int64_t blockElements(DType t)
{
    const Entry* e = entry(t);
    return e ? e->elements : 1;
}

std::int64_t blockBytes(DType t)
{
    const Entry* e = entry(t);
    return e ? e->bytes : 0;
}

std::optional<std::uint64_t> storedBytes(DType t, std::int64_t numel)
{
    const Entry* e = entry(t);
    if (!e || numel < 0 || numel % e->elements != 0)
        return std::nullopt;
    std::uint64_t bytes = 0;
    if (__builtin_mul_overflow(std::uint64_t(numel / e->elements), std::uint64_t(e->bytes), &bytes))
        return std::nullopt;
    return bytes;
}

std::optional<DType> dtypeFromGgmlType(std::uint32_t ggmlType)
{
    for (const auto& e : kTypes)
        if (e.ggml >= 0 && std::uint32_t(e.ggml) == ggmlType)
            return e.type;
    return std::nullopt;
}

int ggmlTypeOf(DType t)
{
    const Entry* e = entry(t);
    return e ? e->ggml : -1;
}

} // namespace core

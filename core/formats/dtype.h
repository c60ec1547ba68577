#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

// Element types of tensors. Safetensors files name theirs ("F32", "BF16", ...): weights may be F32, F16 or BF16;
// the integer types appear in fixtures (token ids). GGUF files add GGML's block-quantized types: a run of
// blockElements() values stored in blockBytes() bytes (a scale or two and packed small integers), which
// core::toFloat dequantizes (core/formats/quant/dequantize.h).
enum class DType {
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
    // GGML block formats: 32 values per block ...
    Q4_0,
    Q4_1,
    Q5_0,
    Q5_1,
    Q8_0,
    // ... and the k-quants: 256 values per super-block
    Q2_K,
    Q3_K,
    Q4_K,
    Q5_K,
    Q6_K,
};

// A safetensors dtype name ("F32", "BOOL"); block-quantized types have no safetensors name and are never returned.
std::optional<DType> dtypeFromName(std::string_view name);
const char* dtypeName(DType t); // "F32", "Q4_K"
// Bytes per element for element types; 0 for block-quantized types (use blockBytes / storedBytes).
std::size_t dtypeSize(DType t);

bool isQuantized(DType t); // a block format (blockElements > 1)
std::int64_t blockElements(DType t); // values per block: 1, 32 or 256
std::int64_t blockBytes(DType t); // bytes per block: 4 for F32, 18 for Q4_0, 210 for Q6_K
// Bytes that numel values of this type occupy; nullopt if numel is negative, not a whole number of blocks, or the
// product overflows.
std::optional<std::uint64_t> storedBytes(DType t, std::int64_t numel);

// GGML's type ids (enum ggml_type: 0 = F32, 1 = F16, 2 = Q4_0, ..., 14 = Q6_K, 24..28 = I8..F64, 30 = BF16).
// nullopt for the ids we do not read (Q8_1, Q8_K, the IQ and TQ types, removed ids).
std::optional<DType> dtypeFromGgmlType(std::uint32_t ggmlType);
// -1 for Bool and U8 (no GGML id).
int ggmlTypeOf(DType t);

} // namespace core

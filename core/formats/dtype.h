#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace core {

// Element types of safetensors files ("F32", "BF16", ...). Weights may be F32, F16 or BF16; the integer
// types appear in fixtures (token ids).
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::optional<DType> dtypeFromName(std::string_view name);
const char* dtypeName(DType t);
std::size_t dtypeSize(DType t);

} // namespace core

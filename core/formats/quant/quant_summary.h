#pragma once
// What a model card shows about a file's quantization: per stored type, how many tensors and values and bytes;
// bits per weight; bytes as stored vs as F32 after dequantizing at load. Works for any TensorSource.
#include "core/formats/dtype.h"
#include "core/formats/tensor_source.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace core {

struct QuantSummary {
    struct PerType {
        int tensors = 0;
        std::int64_t values = 0;
        std::uint64_t bytes = 0;
    };
    std::map<DType, PerType> byType;
    std::int64_t values = 0;
    std::uint64_t storedBytes = 0;

    std::uint64_t floatBytes() const { return std::uint64_t(values) * 4; } // in memory after toFloat
    double bitsPerWeight() const { return values ? 8.0 * double(storedBytes) / double(values) : 0.0; }
    std::string describe() const; // "Q4_K x 13, Q6_K x 3, F32 x 5 · 4.91 bits/weight · 1.0 MiB on disk, 6.5 MiB as F32"
};

QuantSummary summarizeQuantization(const TensorSource& source);

// llama.cpp's name for a GGUF general.file_type (enum llama_ftype: 0 "F32", 1 "F16", 2 "Q4_0", 7 "Q8_0",
// 15 "Q4_K_M", 17 "Q5_K_M", 18 "Q6_K", 32 "BF16", ...); nullopt for ids it does not name.
std::optional<std::string> ggufFileTypeName(std::uint64_t fileType);

} // namespace core

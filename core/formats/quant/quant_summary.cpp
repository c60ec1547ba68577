#include "core/formats/quant/quant_summary.h"

#include <cstdio>

namespace core {

QuantSummary summarizeQuantization(const TensorSource& source)
{
    QuantSummary s;
    for (const SourceTensor& t : source.tensors()) {
        auto& per = s.byType[t.dtype];
        ++per.tensors;
        per.values += t.numel();
        per.bytes += t.bytes;
        s.values += t.numel();
        s.storedBytes += t.bytes;
    }
    return s;
}

std::string QuantSummary::describe() const
{
    std::string out;
    for (const auto& [type, per] : byType)
        out += (out.empty() ? "" : ", ") + std::string(dtypeName(type)) + " x " + std::to_string(per.tensors);
    char tail[160];
    std::snprintf(tail, sizeof tail, " · %.2f bits/weight · %.1f MiB on disk, %.1f MiB as F32", bitsPerWeight(),
        double(storedBytes) / 1048576.0, double(floatBytes()) / 1048576.0);
    return out + tail;
}

std::optional<std::string> ggufFileTypeName(std::uint64_t fileType)
{
    struct Name {
        std::uint64_t id;
        const char* name;
    };
    static constexpr Name kNames[] = {
        { 0, "F32" },
        { 1, "F16" },
        { 2, "Q4_0" },
        { 3, "Q4_1" },
        { 7, "Q8_0" },
        { 8, "Q5_0" },
        { 9, "Q5_1" },
        { 10, "Q2_K" },
        { 11, "Q3_K_S" },
        { 12, "Q3_K_M" },
        { 13, "Q3_K_L" },
        { 14, "Q4_K_S" },
        { 15, "Q4_K_M" },
        { 16, "Q5_K_S" },
        { 17, "Q5_K_M" },
        { 18, "Q6_K" },
        { 21, "Q2_K_S" },
        { 32, "BF16" },
    };
    for (const auto& n : kNames)
        if (n.id == fileType)
            return std::string(n.name);
    return std::nullopt;
}

} // namespace core

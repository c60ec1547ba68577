#include "core/loader/gguf_quant_mixture.h"

#include <algorithm>
#include <cctype>

namespace core {

std::uint32_t ggufFileTypeId(GgufFileType t)
{
    switch (t) {
    case GgufFileType::F32:
        return 0;
    case GgufFileType::F16:
        return 1;
    case GgufFileType::Q8_0:
        return 7;
    case GgufFileType::Q4_K_M:
        return 15;
    }
    return 0;
}

const char* ggufFileTypeLabel(GgufFileType t)
{
    switch (t) {
    case GgufFileType::F32:
        return "F32";
    case GgufFileType::F16:
        return "F16";
    case GgufFileType::Q8_0:
        return "Q8_0";
    case GgufFileType::Q4_K_M:
        return "Q4_K_M";
    }
    return "?";
}

std::optional<GgufFileType> ggufFileTypeFromLabel(const std::string& label)
{
    std::string upper = label;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    for (GgufFileType t : { GgufFileType::F32, GgufFileType::F16, GgufFileType::Q8_0, GgufFileType::Q4_K_M })
        if (upper == ggufFileTypeLabel(t))
            return t;
    return std::nullopt;
}

namespace {
    // llama.cpp's use_more_bits: the first and last eighth of the layers, and every third layer between.
    bool useMoreBits(int layer, int nLayers)
    {
        return layer < nLayers / 8 || layer >= 7 * nLayers / 8 || (layer - nLayers / 8) % 3 == 2;
    }

    // What llama-quantize does with a type whose block does not divide the row.
    MixtureChoice fallBack(DType wanted, std::int64_t rowLength)
    {
        if (rowLength % blockElements(wanted) == 0)
            return { wanted, false };
        DType t = wanted == DType::Q4_K ? DType::Q5_0
            : wanted == DType::Q5_K     ? DType::Q5_1
            : wanted == DType::Q6_K     ? DType::Q8_0
                                        : DType::F16;
        if (rowLength % blockElements(t) != 0)
            t = DType::F16;
        return { t, true };
    }
} // namespace

MixtureChoice ggufMatrixType(
    GgufFileType file, WeightRole role, int layer, int nLayers, std::int64_t rowLength, bool tiedEmbedding)
{
    switch (file) {
    case GgufFileType::F32:
        return { DType::F32, false };
    case GgufFileType::F16:
        return { DType::F16, false };
    case GgufFileType::Q8_0:
        return fallBack(DType::Q8_0, rowLength);
    case GgufFileType::Q4_K_M:
        break;
    }
    const bool lmHead = role == WeightRole::LmHead || (tiedEmbedding && role == WeightRole::TokenEmbedding);
    if (lmHead) // decided before the fallback: a head whose rows do not fit Q4_K's block is Q8_0 outright
        return fallBack(rowLength % blockElements(DType::Q4_K) != 0 ? DType::Q8_0 : DType::Q6_K, rowLength);
    DType wanted = DType::Q4_K;
    if ((role == WeightRole::V || role == WeightRole::Down) && useMoreBits(layer, nLayers))
        wanted = DType::Q6_K;
    else if (role == WeightRole::QkvFused)
        wanted = DType::Q5_K;
    return fallBack(wanted, rowLength);
}

} // namespace core

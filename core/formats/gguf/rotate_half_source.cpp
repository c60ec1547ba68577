#include "core/formats/gguf/rotate_half_source.h"

#include "core/common/error.h"
#include "core/formats/gguf/gguf_model.h"

#include <cstring>

namespace core {

namespace {
    bool endsWith(const std::string& s, const char* suffix)
    {
        const std::size_t n = std::strlen(suffix);
        return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
    }
} // namespace

RotateHalfSource::RotateHalfSource(std::unique_ptr<TensorSource> inner, int nHeads, int nKvHeads)
    : m_inner(std::move(inner))
{
    for (const SourceTensor& t : m_inner->tensors()) {
        const bool q = endsWith(t.name, ".attn_q.weight") || endsWith(t.name, ".attn_q.bias");
        const bool k = endsWith(t.name, ".attn_k.weight") || endsWith(t.name, ".attn_k.bias");
        if (!q && !k) {
            add(t);
            continue;
        }
        const int heads = q ? nHeads : nKvHeads;
        // weight: (heads * headDim, dim); bias: (heads * headDim,) as one column
        const std::int64_t rows = t.shape.empty() ? 0 : t.shape.front();
        const std::int64_t cols = t.shape.size() == 2 ? t.shape[1] : 1;
        if (heads <= 0 || t.shape.empty() || t.shape.size() > 2 || rows % (2 * std::int64_t(heads)) != 0)
            throw Error(t.file, t.name,
                "shape " + t.shapeString() + " is not (" + std::to_string(heads) + " heads x an even head size, ...)");
        SourceTensor out = t;
        const auto rowBytes = core::storedBytes(t.dtype, cols);
        if (rowBytes && *rowBytes * std::uint64_t(rows) == t.bytes) {
            // Whole rows (of values or of blocks) move as bytes: the tensor keeps its stored type.
            m_owned.emplace_back(t.bytes);
            unpermuteRopeRowBytes(t.data, m_owned.back().data(), rows, std::size_t(*rowBytes), heads);
        } else {
            const std::vector<float> values = unpermuteRopeRows(toFloat(t), rows, cols, heads);
            m_owned.emplace_back(values.size() * sizeof(float));
            std::memcpy(m_owned.back().data(), values.data(), m_owned.back().size());
            out.dtype = DType::F32;
            out.bytes = m_owned.back().size();
        }
        out.data = m_owned.back().data();
        add(std::move(out));
    }
}

// llama.cpp's converter permutes q / k for LlamaModel and its subclasses: llama (also Mistral files) and smollm3.
bool ggufNeedsRotateHalf(const std::string& architecture)
{
    return architecture == "llama" || architecture == "smollm3";
}

} // namespace core

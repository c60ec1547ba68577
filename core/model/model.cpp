#include "core/model/model.h"

#include "core/common/error.h"
#include "core/formats/safetensors_source.h"
#include "core/model/weight_binder.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace core {

std::unique_ptr<Model> Model::load(const std::string& folder)
{
    if (!fs::is_directory(folder))
        throw Error(folder, "", fs::exists(folder) ? "is not a model folder" : "does not exist");
    const fs::path dir(folder);
    if (!fs::exists(dir / "config.json"))
        throw Error((dir / "config.json").string(), "", "missing: a model folder needs config.json");
    ModelConfig config = loadModelConfig((dir / "config.json").string(), (dir / "generation_config.json").string());
    return fromSource(
        std::move(config), std::make_unique<SafetensorsSource>(folder), TensorNaming::HuggingFace, folder);
}

std::unique_ptr<Model> Model::fromSource(
    ModelConfig config, std::unique_ptr<TensorSource> source, TensorNaming naming, const std::string& location)
{
    std::unique_ptr<Model> m(new Model);
    m->m_folder = location;
    m->m_config = std::move(config);
    capComputedContext(m->m_config); // position tables are sized by this (core/common/limits.h)
    m->m_source = std::move(source);
    WeightBinder(*m, *m->m_source, naming).bindAll();
    return m;
}

std::string Model::tokenizerPath() const
{
    const fs::path p = fs::path(m_folder) / "tokenizer.json";
    return fs::exists(p) ? p.string() : std::string();
}

std::uint64_t Model::decodeBytesPerToken() const
{
    // Every matrix as stored in memory (4 bytes a value for F32, the block bytes for a packed type).
    const auto& w = m_weights;
    std::uint64_t bytes = w.lmHead.bytes() + w.tokenEmbedding.bytes() / std::uint64_t(std::max(1, m_config.vocab));
    for (const LayerWeights& L : w.layers)
        for (const LinearWeight* lw : { &L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down })
            if (lw->valid())
                bytes += lw->bytes();
    return bytes;
}

} // namespace core

#include "core/model/model.h"

#include "core/common/error.h"
#include "core/formats/safetensors_source.h"
#include "core/model/weight_binder.h"

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
    const auto& c = m_config;
    auto lin = [](std::int64_t out, std::int64_t in) { return std::uint64_t(out * in) * 4; };
    std::uint64_t perLayer = lin(c.qDim(), c.dim) + 2 * lin(c.kvDim(), c.dim) + lin(c.dim, c.qDim())
        + lin(c.hidden, c.dim) * (c.gated() ? 2 : 1) + lin(c.dim, c.hidden);
    return perLayer * c.nLayers + lin(c.vocab, c.dim) + std::uint64_t(c.dim) * 4;
}

} // namespace core

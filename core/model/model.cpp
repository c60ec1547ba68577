#include "core/model/model.h"

#include "core/common/error.h"
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
    std::unique_ptr<Model> m(new Model);
    m->m_folder = folder;
    m->m_config = loadModelConfig((dir / "config.json").string(), (dir / "generation_config.json").string());
    WeightBinder binder(*m);
    binder.openFolder(folder);
    binder.bindAll();
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
        + lin(c.hidden, c.dim) * (c.activation == Activation::SwiGlu ? 2 : 1) + lin(c.dim, c.hidden);
    return perLayer * c.nLayers + lin(c.vocab, c.dim) + std::uint64_t(c.dim) * 4;
}

} // namespace core

#include "core/formats/safetensors_source.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/limits.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace core {

namespace {

    // Shard names come from a file we don't trust: keep them inside the model folder.
    void checkShardName(const std::string& shard, const std::string& indexFile, const std::string& tensor)
    {
        const fs::path p(shard);
        bool bad = shard.empty() || p.is_absolute() || shard.find('\\') != std::string::npos;
        for (const auto& part : p)
            if (part == "..")
                bad = true;
        if (bad)
            throw Error(indexFile, "weight_map." + tensor,
                "shard path \"" + shard + "\" must be a plain file name inside the model folder");
    }

} // namespace

SafetensorsSource::SafetensorsSource(const std::string& folder)
{
    const fs::path dir(folder);
    const fs::path single = dir / "model.safetensors";
    const fs::path index = dir / "model.safetensors.index.json";
    if (fs::exists(single)) {
        m_files.emplace_back(single.string());
        m_describe = single.string();
    } else if (fs::exists(index)) {
        m_describe = index.string();
        // A regular file of bounded size; every nlohmann exception (1e400 too) becomes core::Error.
        const nlohmann::json j
            = parseJsonText(readRegularFile(index.string(), limits::kMaxIndexJsonBytes), index.string());
        if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
            throw Error(index.string(), "weight_map", "missing or not an object");
        std::map<std::string, const SafetensorsFile*> shards;
        std::map<std::string, std::string> wanted;
        for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
            if (!it->is_string())
                throw Error(index.string(), "weight_map." + it.key(), "must be a file name");
            const std::string shard = it->get<std::string>();
            checkShardName(shard, index.string(), it.key());
            if (!shards.count(shard)) {
                if (!fs::exists(dir / shard))
                    throw Error(index.string(), "weight_map." + it.key(), "shard \"" + shard + "\" does not exist");
                m_files.emplace_back((dir / shard).string());
                shards[shard] = &m_files.back();
            }
            wanted[it.key()] = shard;
        }
        for (const auto& [name, shard] : wanted)
            if (!shards[shard]->find(name))
                throw Error(index.string(), "weight_map." + name, "tensor is not in shard \"" + shard + "\"");
    } else {
        throw Error(folder, "model.safetensors", "no model.safetensors or model.safetensors.index.json in the folder");
    }
    for (const auto& file : m_files)
        addFile(file);
}

void SafetensorsSource::addFile(const SafetensorsFile& file)
{
    for (const auto& t : file.tensors()) {
        SourceTensor s;
        s.name = t.name;
        s.dtype = t.dtype;
        s.shape = t.shape;
        s.data = file.bytes(t);
        s.bytes = t.end - t.begin;
        s.file = file.path();
        add(std::move(s));
    }
}

} // namespace core

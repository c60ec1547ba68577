#include "core/loader/local_models.h"

#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/llama2c/llama2c_file.h"
#include "core/formats/quant/quant_summary.h"
#include "core/formats/safetensors_source.h"
#include "core/model/architecture.h"
#include "core/model/model_config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace core {

namespace {

    std::string env(const char* name)
    {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    }

    bool runsGgufArch(const std::string& arch)
    {
        for (const ArchitectureTable* t : allArchitectures())
            if (arch == t->ggufArch && t->arch != Arch::Explorer)
                return true;
        return false;
    }

    // A GGUF file from its header: architecture, parameters, file type; openable when we run its architecture.
    void inspectGguf(LocalModel& m)
    {
        m.format = "GGUF";
        std::error_code ec;
        m.bytes = fs::file_size(m.path, ec);
        const std::string file = fs::path(m.path).filename().string();
        if (file.find("-of-0") != std::string::npos) {
            m.why = "split GGUF (several parts): not supported";
            return;
        }
        try {
            const GgufFile f(m.path);
            m.architecture = f.optString("general.architecture").value_or("");
            std::map<DType, std::int64_t> byType;
            for (const GgufTensorInfo& t : f.tensors()) {
                m.parameters += t.numel;
                byType[t.dtype] += t.numel;
            }
            if (const auto ft = f.optUInt("general.file_type"))
                m.quantization = ggufFileTypeName(*ft).value_or("");
            if (m.quantization.empty() && !byType.empty()) // the type holding the most values
                m.quantization = dtypeName(std::max_element(byType.begin(), byType.end(), [](auto& a, auto& b) {
                    return a.second < b.second;
                })->first);
            if (f.tensors().empty())
                m.why = "no weights (a vocab-only file)";
            else if (!runsGgufArch(m.architecture))
                m.why = "architecture \"" + m.architecture + "\" is not supported (llama, qwen2, gpt2 are)";
            else
                m.openable = true;
        } catch (const Error& e) {
            m.why = e.what();
        }
    }

    // A Hugging Face model folder from config.json and the safetensors headers.
    void inspectFolder(LocalModel& m)
    {
        m.format = "Hugging Face folder";
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(m.path, ec))
            if (e.path().extension() == ".safetensors")
                m.bytes += fs::file_size(e.path(), ec);
        try {
            const fs::path dir(m.path);
            const fs::path gen = dir / "generation_config.json";
            const ModelConfig c
                = loadModelConfig((dir / "config.json").string(), fs::exists(gen, ec) ? gen.string() : std::string());
            m.architecture = c.modelType;
            const SafetensorsSource s(m.path);
            const QuantSummary q = summarizeQuantization(s);
            m.parameters = q.values;
            if (!q.byType.empty())
                m.quantization = dtypeName(std::max_element(q.byType.begin(), q.byType.end(), [](auto& a, auto& b) {
                    return a.second.values < b.second.values;
                })->first);
            m.openable = true;
        } catch (const Error& e) {
            m.why = e.what();
        }
    }

    // A llama2.c model.bin from its header.
    void inspectLlama2c(LocalModel& m)
    {
        m.format = "llama2.c";
        m.architecture = "llama";
        m.quantization = "F32";
        std::error_code ec;
        m.bytes = fs::file_size(m.path, ec);
        try {
            const Llama2cSource s(m.path);
            m.parameters = summarizeQuantization(s).values;
            m.openable = true;
        } catch (const Error& e) {
            m.why = e.what();
        }
    }

    void addGgufFilesBelow(const std::string& source, const fs::path& root, std::vector<LocalModel>& out)
    {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec)
                break;
            if (it.depth() > 4) {
                it.disable_recursion_pending();
                continue;
            }
            const fs::path p = it->path();
            if (it->is_regular_file(ec) && p.extension() == ".gguf") {
                LocalModel m { source, p.lexically_relative(root).generic_string(), p.string() };
                inspectGguf(m);
                out.push_back(std::move(m));
            } else if (it->is_regular_file(ec) && p.extension() == ".bin" && p.filename() != "tokenizer.bin"
                && fs::exists(p.parent_path() / "tokenizer.bin", ec)
                && !fs::exists(p.parent_path() / "config.json", ec)) {
                LocalModel m { source, p.lexically_relative(root).generic_string(), p.string() };
                inspectLlama2c(m);
                out.push_back(std::move(m));
            } else if (it->is_directory(ec) && fs::exists(p / "config.json", ec)) {
                LocalModel m { source, p.lexically_relative(root).generic_string(), p.string() };
                inspectFolder(m);
                out.push_back(std::move(m));
            }
        }
    }

    // models--ORG--NAME/snapshots/REV: a model folder, or GGUF files.
    void addHuggingFace(const fs::path& hub, std::vector<LocalModel>& out)
    {
        std::error_code ec;
        for (const auto& repo : fs::directory_iterator(hub, ec)) {
            std::string name = repo.path().filename().string();
            if (name.rfind("models--", 0) != 0)
                continue;
            name = name.substr(8);
            if (const auto dash = name.find("--"); dash != std::string::npos)
                name.replace(dash, 2, "/");
            for (const auto& snap : fs::directory_iterator(repo.path() / "snapshots", ec)) {
                const std::string rev = snap.path().filename().string().substr(0, 8);
                if (fs::exists(snap.path() / "config.json", ec)) {
                    LocalModel m { "Hugging Face", name + "@" + rev, snap.path().string() };
                    inspectFolder(m);
                    out.push_back(std::move(m));
                }
                for (const auto& f : fs::directory_iterator(snap.path(), ec))
                    if (f.path().extension() == ".gguf") {
                        LocalModel m { "Hugging Face", name + "@" + rev + "/" + f.path().filename().string(),
                            f.path().string() };
                        inspectGguf(m);
                        out.push_back(std::move(m));
                    }
            }
        }
    }

    // manifests/REGISTRY/NAMESPACE/MODEL/TAG -> blobs/sha256-HEX of the model layer.
    void addOllama(const fs::path& root, std::vector<LocalModel>& out)
    {
        std::error_code ec;
        const fs::path manifests = root / "manifests";
        for (auto it = fs::recursive_directory_iterator(manifests, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (!it->is_regular_file(ec))
                continue;
            const fs::path rel = it->path().lexically_relative(manifests);
            std::vector<std::string> parts;
            for (const auto& p : rel)
                parts.push_back(p.string());
            if (parts.size() != 4)
                continue;
            // registry.ollama.ai/library/llama3.2/1b -> "llama3.2:1b"; others keep their namespace (and registry).
            std::string name = parts[2] + ":" + parts[3];
            if (parts[1] != "library")
                name = parts[1] + "/" + name;
            if (parts[0] != "registry.ollama.ai")
                name = parts[0] + "/" + name;
            LocalModel m { "Ollama", name, "" };
            try {
                std::ifstream in(it->path());
                const auto j = nlohmann::json::parse(in);
                for (const auto& layer : j.at("layers"))
                    if (layer.value("mediaType", "") == "application/vnd.ollama.image.model") {
                        std::string digest = layer.at("digest").get<std::string>();
                        if (const auto colon = digest.find(':'); colon != std::string::npos)
                            digest[colon] = '-';
                        if (digest.find('/') == std::string::npos && digest.find("..") == std::string::npos)
                            m.path = (root / "blobs" / digest).string();
                    }
            } catch (const std::exception&) {
                m.why = "manifest is not valid JSON";
            }
            if (m.path.empty()) {
                if (m.why.empty())
                    m.why = "manifest names no model layer";
            } else if (!fs::exists(m.path, ec)) {
                m.why = "blob " + fs::path(m.path).filename().string() + " is missing";
            } else {
                inspectGguf(m);
            }
            out.push_back(std::move(m));
        }
    }

} // namespace

std::vector<ModelPlace> modelPlaces()
{
    const std::string home = env("HOME");
    std::vector<ModelPlace> places;
    std::string hub = env("HF_HUB_CACHE");
    if (hub.empty() && !env("HF_HOME").empty())
        hub = env("HF_HOME") + "/hub";
    if (hub.empty() && !env("XDG_CACHE_HOME").empty())
        hub = env("XDG_CACHE_HOME") + "/huggingface/hub";
    if (hub.empty())
        hub = home + "/.cache/huggingface/hub";
    places.push_back({ "Hugging Face", hub });
    const std::string ollama = env("OLLAMA_MODELS");
    places.push_back({ "Ollama", ollama.empty() ? home + "/.ollama/models" : ollama });
    places.push_back({ "LM Studio", home + "/.lmstudio/models" });
    places.push_back({ "LM Studio", home + "/.cache/lm-studio/models" });
    const std::string llamaCache = env("LLAMA_CACHE");
    places.push_back({ "llama.cpp", llamaCache.empty() ? home + "/.cache/llama.cpp" : llamaCache });
    return places;
}

std::vector<LocalModel> findLocalModels(const std::vector<std::string>& extraFolders)
{
    std::vector<LocalModel> out;
    std::error_code ec;
    for (const ModelPlace& p : modelPlaces()) {
        if (!fs::is_directory(p.dir, ec))
            continue;
        if (p.source == "Hugging Face")
            addHuggingFace(p.dir, out);
        else if (p.source == "Ollama")
            addOllama(p.dir, out);
        else
            addGgufFilesBelow(p.source, p.dir, out);
    }
    for (const std::string& dir : extraFolders)
        if (fs::is_directory(dir, ec))
            addGgufFilesBelow("folder", dir, out);
    std::stable_sort(out.begin(), out.end(), [](const LocalModel& a, const LocalModel& b) {
        return std::tie(a.source, a.name) < std::tie(b.source, b.name);
    });
    return out;
}

} // namespace core

#pragma once
// The models already on this computer: Hugging Face hub cache snapshots, Ollama's manifests (-> their GGUF blob),
// LM Studio's folders, llama.cpp's download cache, and folders the user names. Each found model is inspected
// cheaply (headers only, no weights read) and says whether core::openModel can open it, and if not, why.
//
// Where (first match wins within a source; `home` is $HOME):
//   Hugging Face  $HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else
//                 home/.cache/huggingface/hub: models--ORG--NAME/snapshots/REV/ (a config.json folder, or *.gguf)
//   Ollama        $OLLAMA_MODELS, else home/.ollama/models: manifests/REGISTRY/NAMESPACE/MODEL/TAG (JSON) whose
//                 layer of mediaType application/vnd.ollama.image.model is blobs/sha256-HEX
//   LM Studio     home/.lmstudio/models and home/.cache/lm-studio/models: *.gguf below them
//   llama.cpp     $LLAMA_CACHE, else home/.cache/llama.cpp: *.gguf
#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct LocalModel {
    std::string source; // "Hugging Face", "Ollama", "LM Studio", "llama.cpp", "folder"
    std::string name; // "Qwen/Qwen2.5-0.5B-Instruct", "llama3.2:1b", "lmstudio-community/x/x-Q4_K_M.gguf"
    std::string path; // what openModel opens
    std::string format; // "GGUF", "Hugging Face folder"
    std::string architecture; // "llama", "qwen2", ... ("" when unknown)
    std::int64_t parameters = 0; // 0 when unknown
    std::string quantization; // "Q4_K_M", "F32", "BF16", ... ("" when unknown)
    std::uint64_t bytes = 0; // on disk
    bool openable = false;
    std::string why; // when not openable: one line
};

struct ModelPlace {
    std::string source;
    std::string dir;
};

// The places above for this environment (getenv), whether or not they exist.
std::vector<ModelPlace> modelPlaces();

// Every model found in modelPlaces() and in `extraFolders` (searched like LM Studio's: model folders and *.gguf
// below them), sorted by source then name. Never throws: unreadable entries become rows that say why.
std::vector<LocalModel> findLocalModels(const std::vector<std::string>& extraFolders = {});

} // namespace core

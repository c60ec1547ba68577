#pragma once
// A model as the programs use it: config and weights, its tokenizer, and the execution plan compiled once for it.
// The CLI, the explorer's stepper and its decoding views all hold the same LoadedModel (shared, immutable).
#include "core/formats/quant/quant_summary.h"
#include "core/model/model.h"
#include "core/plan/execution_plan.h"
#include "core/tokenizer/tokenizer.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core {

enum class ModelFormat {
    HuggingFaceFolder, // config.json + model.safetensors (+ tokenizer.json)
    Gguf, // one llama.cpp GGUF file (weights F32 / F16 / BF16 or block-quantized, tokenizer inside)
    Llama2c, // Karpathy's llama2.c model.bin (+ tokenizer.bin beside it)
};

const char* modelFormatName(ModelFormat f); // "Hugging Face folder", "GGUF", "llama2.c"

struct LoadedModel {
    std::unique_ptr<Model> model;
    std::optional<Tokenizer> tokenizer; // checked against the embedding's rows; absent when the model has none
    ExecutionPlan plan; // compiled once, every weight it names bound
    ModelFormat format = ModelFormat::HuggingFaceFolder;
    std::string path; // what was opened (a folder or a file)
    std::string tokenizerFile; // where the tokenizer came from ("" when there is none)
    // The stored tensor types as in the file (GGUF q / k before any re-ordering): counts, bits per weight, bytes.
    QuantSummary quantization;
    // Facts of the file worth a line on the model card, in display order: ("general.name", "Llama 3"),
    // ("general.file_type", "Q4_K_M"), ("tokenizer.ggml.model", "llama"), ... Empty for Hugging Face folders.
    std::vector<std::pair<std::string, std::string>> metadata;
    // The chat template the file names (GGUF tokenizer.chat_template, tokenizer_config.json chat_template), as Jinja
    // text; recogniseChatTemplate() turns it into a layout. nullopt when the model names none.
    std::optional<std::string> chatTemplate;

    const ModelConfig& config() const { return model->config(); }
};

// Progress while opening: the stage reached and how far along it is (front ends word the stage themselves).
enum class OpenStage { Reading, CompilingPlan, LoadingTokenizer, Done };
using OpenProgress = std::function<void(int percent, OpenStage stage)>;

// Opens `path`, whatever its format: a Hugging Face model folder or a file inside one, a GGUF file (architectures
// llama, qwen2, gpt2; dequantized to F32 once, here), or a llama2.c model.bin (tokenizer.bin beside it, if any).
// Throws core::Error naming the file and the field of anything malformed or unsupported.
std::shared_ptr<const LoadedModel> openModel(const std::string& path, const OpenProgress& progress = {});

// The format `path` is in (throws core::Error when it is none we read): a file starting with "GGUF" is GGUF; a file
// inside a model folder (config.json beside it) resolves to the folder; another *.bin file, or a folder holding
// model.bin and no config.json, is llama2.c. `resolved` receives what will actually be opened.
ModelFormat detectModelFormat(const std::string& path, std::string* resolved = nullptr);

// The tokenizer of whatever `path` names: a tokenizer.json, a Hugging Face model folder (or a file in one), a GGUF
// file (a vocab-only one is enough), or a llama2.c model.bin (its tokenizer.bin beside it). Throws core::Error naming
// the file when there is none. `source` receives the file it was read from.
Tokenizer openTokenizer(const std::string& path, std::string* source = nullptr);

} // namespace core

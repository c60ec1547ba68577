#pragma once
// A model as the programs use it: config and weights, its tokenizer, and the execution plan compiled once for it.
// The CLI, the explorer's stepper and its decoding views all hold the same LoadedModel (shared, immutable).
#include "core/model/model.h"
#include "core/plan/execution_plan.h"
#include "core/tokenizer/tokenizer.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace core {

enum class ModelFormat { HuggingFaceFolder };

const char* modelFormatName(ModelFormat f); // "Hugging Face folder"

struct LoadedModel {
    std::unique_ptr<Model> model;
    std::optional<Tokenizer> tokenizer; // checked against the embedding's rows; absent when the model has none
    ExecutionPlan plan; // compiled once, every weight it names bound
    ModelFormat format = ModelFormat::HuggingFaceFolder;
    std::string path; // what was opened (a folder or a file)

    const ModelConfig& config() const { return model->config(); }
};

// Progress while opening: the stage reached and how far along it is (front ends word the stage themselves).
enum class OpenStage { Reading, CompilingPlan, LoadingTokenizer, Done };
using OpenProgress = std::function<void(int percent, OpenStage stage)>;

// Opens `path`, whatever its format: a Hugging Face model folder or a file inside one. Throws core::Error naming
// the file and the field of anything malformed.
std::shared_ptr<const LoadedModel> openModel(const std::string& path, const OpenProgress& progress = {});

// The format `path` is in (throws core::Error when it is none we read). A file inside a model folder resolves to the
// folder; `resolved` receives what will actually be opened.
ModelFormat detectModelFormat(const std::string& path, std::string* resolved = nullptr);

} // namespace core

#include "core/common/error.h"
#include "core/loader/loaded_model.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace core {

const char* modelFormatName(ModelFormat f)
{
    switch (f) {
    case ModelFormat::HuggingFaceFolder:
        return "Hugging Face folder";
    }
    return "?";
}

ModelFormat detectModelFormat(const std::string& path, std::string* resolved)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path, "", "does not exist");
    fs::path p(path);
    // A file of a model folder (config.json, model.safetensors, tokenizer.json, ...) stands for its folder.
    if (!fs::is_directory(p, ec) && fs::exists(p.parent_path() / "config.json", ec))
        p = p.parent_path();
    if (fs::is_directory(p, ec)) {
        if (resolved)
            *resolved = p.string();
        return ModelFormat::HuggingFaceFolder;
    }
    throw Error(path, "", "is not a model: expected a Hugging Face model folder (config.json + model.safetensors)");
}

std::shared_ptr<const LoadedModel> openModel(const std::string& path, const OpenProgress& progress)
{
    auto report = [&](int percent, OpenStage stage) {
        if (progress)
            progress(percent, stage);
    };
    auto loaded = std::make_shared<LoadedModel>();
    loaded->path = path;
    std::string where;
    loaded->format = detectModelFormat(path, &where);
    report(5, OpenStage::Reading);
    loaded->model = Model::load(where);
    report(60, OpenStage::CompilingPlan);
    loaded->plan = ExecutionPlan::compile(*loaded->model);
    if (const auto tok = loaded->model->tokenizerPath(); !tok.empty()) {
        report(80, OpenStage::LoadingTokenizer);
        loaded->tokenizer = Tokenizer::fromFile(tok);
        loaded->tokenizer->validateAgainstVocab(loaded->model->config().vocab);
    }
    report(100, OpenStage::Done);
    return loaded;
}

} // namespace core

#include "core/common/error.h"
#include "core/loader/format_openers.h"
#include "core/loader/loaded_model.h"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace core {

namespace {

    // The first bytes of a file ("" when it cannot be read).
    std::string leadingBytes(const fs::path& p, std::size_t n)
    {
        std::string s(n, '\0');
        std::ifstream in(p, std::ios::binary);
        in.read(s.data(), std::streamsize(n));
        s.resize(std::size_t(in.gcount()));
        return s;
    }

} // namespace

const char* modelFormatName(ModelFormat f)
{
    switch (f) {
    case ModelFormat::HuggingFaceFolder:
        return "Hugging Face folder";
    case ModelFormat::Gguf:
        return "GGUF";
    case ModelFormat::Llama2c:
        return "llama2.c";
    }
    return "?";
}

ModelFormat detectModelFormat(const std::string& path, std::string* resolved)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path, "", "does not exist");
    fs::path p(path);
    auto result = [&](ModelFormat f) {
        if (resolved)
            *resolved = p.string();
        return f;
    };
    const bool isFile = !fs::is_directory(p, ec);
    if (isFile && leadingBytes(p, 4) == "GGUF")
        return result(ModelFormat::Gguf);
    // A file of a model folder (config.json, model.safetensors, tokenizer.json, ...) stands for its folder.
    if (isFile && fs::exists(p.parent_path() / "config.json", ec))
        p = p.parent_path();
    if (fs::is_directory(p, ec)) {
        // A folder of llama2.c files (model.bin + tokenizer.bin, as Karpathy's downloads come) stands for its model.
        if (!fs::exists(p / "config.json", ec) && fs::is_regular_file(p / "model.bin", ec)) {
            p /= "model.bin";
            return result(ModelFormat::Llama2c);
        }
        return result(ModelFormat::HuggingFaceFolder);
    }
    // llama2.c's export has no magic: a .bin file with a 28-byte header (Llama2cSource checks every field).
    if (p.extension() == ".bin" && fs::file_size(p, ec) >= 28)
        return result(ModelFormat::Llama2c);
    throw Error(path, "",
        "is not a model: expected a Hugging Face model folder (config.json + model.safetensors), a GGUF file or a "
        "llama2.c model.bin");
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
    switch (loaded->format) {
    case ModelFormat::HuggingFaceFolder:
        loaded->model = Model::load(where);
        loaded->quantization = summarizeQuantization(loaded->model->source());
        loaded->tokenizerFile = loaded->model->tokenizerPath();
        if (!loaded->tokenizerFile.empty()) {
            report(40, OpenStage::LoadingTokenizer);
            loaded->tokenizer = Tokenizer::fromFile(loaded->tokenizerFile);
        }
        loaded->chatTemplate = readHfChatTemplate(where);
        break;
    case ModelFormat::Gguf:
        openGguf(where, *loaded);
        break;
    case ModelFormat::Llama2c:
        openLlama2c(where, *loaded);
        break;
    }
    if (loaded->tokenizer)
        loaded->tokenizer->validateAgainstVocab(loaded->model->config().vocab);
    report(60, OpenStage::CompilingPlan);
    loaded->plan = ExecutionPlan::compile(*loaded->model);
    report(100, OpenStage::Done);
    return loaded;
}

} // namespace core

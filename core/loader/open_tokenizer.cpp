#include "core/common/error.h"
#include "core/formats/llama2c/llama2c_file.h"
#include "core/loader/loaded_model.h"
#include "core/tokenizer/gguf_vocab.h"
#include "core/tokenizer/llama2c_vocab.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace core {

Tokenizer openTokenizer(const std::string& path, std::string* source)
{
    auto from = [&](const std::string& file) {
        if (source)
            *source = file;
    };
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        char magic[4] = {};
        std::ifstream(path, std::ios::binary).read(magic, 4);
        if (std::string(magic, 4) == "GGUF") {
            from(path);
            return tokenizerFromGguf(path);
        }
        if (fs::path(path).extension() == ".json") {
            from(path);
            return Tokenizer::fromFile(path);
        }
    }
    std::string where;
    if (detectModelFormat(path, &where) == ModelFormat::Llama2c) {
        // tokenizer.bin does not store its size: the model's header does.
        const std::int32_t vocab = Llama2cSource(where).config().vocabSize;
        const fs::path tok = fs::path(where).parent_path() / "tokenizer.bin";
        if (!fs::exists(tok, ec))
            throw Error(tok.string(), "", "does not exist: a llama2.c model keeps its tokenizer there");
        from(tok.string());
        return tokenizerFromLlama2c(tok.string(), vocab);
    }
    const std::string json = (fs::path(where) / "tokenizer.json").string();
    from(json);
    return Tokenizer::fromFile(json);
}

} // namespace core

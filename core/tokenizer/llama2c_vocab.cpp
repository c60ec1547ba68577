#include "core/tokenizer/llama2c_vocab.h"

#include "core/common/error.h"
#include "core/common/utf8.h"
#include "core/formats/llama2c/llama2c_file.h"

namespace core {

GgufVocab vocabFromLlama2c(const Llama2cVocab& in, const std::string& path)
{
    GgufVocab v;
    v.file = path;
    v.model = "llama";
    v.scores = in.scores;
    v.tokens.reserve(in.pieces.size());
    v.types.reserve(in.pieces.size());
    for (std::size_t i = 0; i < in.pieces.size(); ++i) {
        std::string piece = in.pieces[i];
        int type = GgufVocab::Normal;
        if (i == 0) {
            type = GgufVocab::Unknown;
        } else if (i == 1 || i == 2) {
            type = GgufVocab::Control;
            piece = i == 1 ? "<s>" : "</s>";
        } else if (piece.size() == 6 && piece.compare(0, 3, "<0x") == 0 && piece.back() == '>') {
            type = GgufVocab::Byte;
        } else {
            std::string spaced;
            for (char ch : piece)
                spaced += ch == ' ' ? std::string("\xE2\x96\x81") : std::string(1, ch);
            piece = spaced;
        }
        if (piece.empty())
            throw Error(path, "tokens[" + std::to_string(i) + "]", "empty token");
        if (const std::size_t bad = utf8::firstInvalid(piece); bad != std::string::npos)
            throw Error(path, "tokens[" + std::to_string(i) + "]", "not valid UTF-8 at byte " + std::to_string(bad));
        v.tokens.push_back(std::move(piece));
        v.types.push_back(type);
    }
    if (v.tokens.size() < 3)
        throw Error(path, "tokens", "fewer than 3 tokens (<unk>, <s>, </s>)");
    v.unk = 0;
    v.bos = 1;
    v.eos = 2;
    v.addBos = true;
    v.addEos = false;
    v.addSpacePrefix = true;
    return v;
}

Tokenizer tokenizerFromLlama2c(const std::string& path, std::int32_t vocabSize)
{
    const GgufVocab v = vocabFromLlama2c(readLlama2cVocab(path, vocabSize), path);
    return Tokenizer::fromJson(ggufTokenizerJson(v), path);
}

} // namespace core

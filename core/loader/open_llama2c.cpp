#include "core/formats/gguf/rotate_half_source.h"
#include "core/formats/llama2c/llama2c_file.h"
#include "core/loader/format_openers.h"
#include "core/tokenizer/llama2c_vocab.h"

#include <filesystem>

namespace core {

void openLlama2c(const std::string& path, LoadedModel& into)
{
    auto bin = std::make_unique<Llama2cSource>(path);
    const Llama2cConfig& l = bin->config();
    // run.c's model: Llama with RMSNorm (eps 1e-5), SwiGLU, RoPE theta 10000, no biases, BOS 1 / EOS 2.
    ModelConfig c;
    c.arch = Arch::Llama;
    c.modelType = "llama2.c";
    c.vocab = l.vocabSize;
    c.dim = l.dim;
    c.hidden = l.hiddenDim;
    c.nLayers = l.nLayers;
    c.nHeads = l.nHeads;
    c.nKvHeads = l.nKvHeads;
    c.headDim = l.headDim();
    c.maxPositions = l.seqLen;
    c.positional = Positional::Rope;
    c.ropeTheta = 10000.0;
    c.norm = NormKind::RmsNorm;
    c.normEps = 1e-5;
    c.activation = Activation::SwiGlu;
    c.tiedEmbeddings = l.sharedClassifier;
    c.bosId = 1;
    c.eosIds = { 2 };
    validateModelConfig(c, path);

    into.quantization = summarizeQuantization(*bin);
    into.metadata = { { "llama2c.version", "0 (legacy export)" },
        { "llama2c.classifier", l.sharedClassifier ? "shared with the token embedding" : "its own (wcls)" } };
    const auto tokenizer = std::filesystem::path(path).parent_path() / "tokenizer.bin";
    if (std::filesystem::exists(tokenizer)) {
        into.tokenizer = tokenizerFromLlama2c(tokenizer.string(), l.vocabSize);
        into.tokenizerFile = tokenizer.string();
    }
    // run.c rotates interleaved pairs; the engine rotates halves (Hugging Face's order).
    auto source = std::make_unique<RotateHalfSource>(std::move(bin), l.nHeads, l.nKvHeads);
    into.model = Model::fromSource(c, std::move(source), TensorNaming::Gguf, path);
}

} // namespace core

#include "core/common/error.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/gguf/rotate_half_source.h"
#include "core/loader/format_openers.h"
#include "core/tokenizer/gguf_vocab.h"

#include <cstdio>

namespace core {

namespace {

    // general.architecture -> the architecture we run it as.
    Arch archOf(const GgufFile& f, const std::string& name)
    {
        for (const ArchitectureTable* t : allArchitectures())
            if (name == t->ggufArch && t->arch != Arch::Explorer)
                return t->arch;
        throw Error(f.path(), "metadata.general.architecture",
            "unsupported architecture \"" + name + "\" (GGUF files of llama, qwen2 and gpt2 can be opened)");
    }

    // The hyper-parameters of the file on our config; the knobs GGUF does not store are the architecture's own.
    ModelConfig configOf(const GgufFile& f, const GgufHyperParams& hp)
    {
        ModelConfig c;
        c.arch = archOf(f, hp.architecture);
        c.modelType = hp.architecture;
        c.vocab = hp.vocab;
        c.dim = hp.dim;
        c.hidden = hp.hidden;
        c.nLayers = hp.nLayers;
        c.nHeads = hp.nHeads;
        c.nKvHeads = hp.nKvHeads;
        c.headDim = hp.headDim;
        c.maxPositions = hp.maxPositions;
        c.ropeTheta = hp.ropeTheta;
        c.norm = hp.rmsNorm ? NormKind::RmsNorm : NormKind::LayerNorm;
        c.normEps = hp.normEps;
        c.placement = NormPlacement::Pre;
        c.tiedEmbeddings = hp.tiedEmbeddings;
        c.finalNorm = true;
        c.bosId = hp.bosId;
        c.eosIds = hp.eosIds;
        if (c.arch == Arch::Gpt2) {
            // llama.cpp's gpt2 graph: learned positions, LayerNorm, GELU (tanh), biases everywhere.
            c.positional = Positional::Learned;
            c.activation = Activation::GeluTanh;
            c.qkvBias = c.outBias = c.mlpBias = true;
        } else {
            c.positional = Positional::Rope;
            c.activation = Activation::SwiGlu;
            c.qkvBias = hp.qkvBias;
            c.outBias = f.findTensor("blk.0.attn_output.bias") != nullptr;
            c.mlpBias = f.findTensor("blk.0.ffn_up.bias") != nullptr;
            if (hp.ropeDim != hp.headDim)
                throw Error(f.path(), "metadata." + hp.architecture + ".rope.dimension_count",
                    "partial rotary embeddings (" + std::to_string(hp.ropeDim) + " of " + std::to_string(hp.headDim)
                        + " dimensions) are not supported");
        }
        validateModelConfig(c, f.path());
        return c;
    }

    // A metadata value as one line of text; arrays as their size.
    std::string valueText(const GgufValue& v)
    {
        switch (v.type) {
        case GgufType::String:
            return v.str;
        case GgufType::Bool:
            return v.b ? "true" : "false";
        case GgufType::Float32:
        case GgufType::Float64:
            return errorNumber(v.f);
        case GgufType::Array:
            return std::to_string(v.count) + " values";
        default:
            return v.isInteger() && v.type != GgufType::UInt64 ? std::to_string(v.i) : std::to_string(v.u);
        }
    }

    // What the model card lists: the format version, every general.* value, the tokenizer kind and template.
    std::vector<std::pair<std::string, std::string>> keyMetadata(const GgufFile& f)
    {
        std::vector<std::pair<std::string, std::string>> m;
        m.emplace_back("gguf.version", std::to_string(f.version()));
        for (const auto& [key, value] : f.metadata()) {
            if (key.rfind("general.", 0) != 0 || value.type == GgufType::Array)
                continue;
            std::string text = valueText(value);
            if (key == "general.file_type")
                if (const auto name = ggufFileTypeName(value.u))
                    text = *name;
            m.emplace_back(key, text.size() > 200 ? text.substr(0, 200) + "…" : text);
        }
        for (const char* key : { "tokenizer.ggml.model", "tokenizer.ggml.pre" })
            if (const GgufValue* v = f.find(key))
                m.emplace_back(key, valueText(*v));
        if (const GgufValue* v = f.find("tokenizer.ggml.tokens"))
            m.emplace_back("tokenizer.ggml.tokens", std::to_string(v->count) + " tokens");
        if (const GgufValue* v = f.find("tokenizer.chat_template"))
            m.emplace_back("tokenizer.chat_template", std::to_string(v->str.size()) + " characters");
        return m;
    }

} // namespace

void openGguf(const std::string& path, LoadedModel& into)
{
    auto gguf = std::make_unique<GgufSource>(path);
    const GgufFile& file = gguf->file();
    into.metadata = keyMetadata(file);
    if (file.tensors().empty())
        throw Error(path, "tensors",
            "the file holds no weights (a vocab-only GGUF): open it with `inference-cli tokenize` instead");
    archOf(file, file.getString("general.architecture")); // refuse what we do not run before reading its keys
    const GgufHyperParams hp = readGgufHyperParams(file);
    const ModelConfig config = configOf(file, hp);
    // The file's types as stored: the q / k re-ordering below turns those into F32 copies.
    into.quantization = summarizeQuantization(*gguf);
    if (file.has("tokenizer.ggml.model")) {
        try {
            into.tokenizer = tokenizerFromGguf(file);
            into.tokenizerFile = path;
        } catch (const Error& e) {
            into.metadata.emplace_back("tokenizer", std::string("not loaded: ") + e.what());
        }
    }
    if (const GgufValue* v = file.find("tokenizer.chat_template"); v && v->type == GgufType::String)
        into.chatTemplate = v->str;
    std::unique_ptr<TensorSource> source = std::move(gguf);
    if (ggufNeedsRotateHalf(hp.architecture))
        source = std::make_unique<RotateHalfSource>(std::move(source), hp.nHeads, hp.nKvHeads);
    into.model = Model::fromSource(config, std::move(source), TensorNaming::Gguf, path);
}

} // namespace core

#include "core/common/error.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/gguf/rotate_half_source.h"
#include "core/loader/format_openers.h"
#include "core/loader/gguf_rope_scaling.h"
#include "core/tokenizer/gguf_vocab.h"

#include <cstdio>
#include <cstring>

namespace core {

namespace {

    // general.architecture -> the architecture we run it as.
    Arch archOf(const GgufFile& f, const std::string& name)
    {
        for (const ArchitectureTable* t : allArchitectures())
            if (name == t->ggufArch && t->arch != Arch::Explorer)
                return t->arch;
        throw Error(f.path(), "metadata.general.architecture",
            "unsupported architecture \"" + name
                + "\" (GGUF files of llama, qwen2, qwen3, phi3, gptneox, gemma2, gemma3, smollm3 and gpt2 can be "
                  "opened)");
    }

    // rope_freqs.weight (Llama 3's scaling as the converter stores it): F32, one value per rotating pair.
    std::vector<double> ropeFactorsOf(const GgufFile& f, const GgufTensorInfo& t, const ModelConfig& c)
    {
        const int pairs = (c.ropeDim > 0 ? c.ropeDim : c.headDim) / 2;
        if (t.dtype != DType::F32 || t.shape.size() != 1 || t.numel != pairs)
            throw Error(f.path(), "rope_freqs.weight",
                "expected " + std::to_string(pairs) + " F32 values (one per rotating pair), found "
                    + std::to_string(t.numel) + " of type " + dtypeName(t.dtype));
        std::vector<double> factors(std::size_t(t.numel));
        for (std::size_t i = 0; i < factors.size(); ++i) {
            float v;
            std::memcpy(&v, f.bytes(t) + i * sizeof v, sizeof v);
            factors[i] = v;
        }
        return factors;
    }

    // The parts of today's architectures, from their llama.cpp keys and tensors; what llama.cpp fixes in its code
    // (Gemma 3's local base and layer pattern, SmolLM3's NoPE interval) is fixed here the same way.
    void readModernParts(const GgufFile& f, const GgufHyperParams& hp, ModelConfig& c)
    {
        const std::string a = hp.architecture + ".";
        if (const auto type = f.optString(a + "rope.scaling.type"); type && *type != "none") {
            if (*type != "linear")
                throw Error(f.path(), "metadata." + a + "rope.scaling.type",
                    "unsupported RoPE scaling \"" + *type + "\" (supported: none, linear)");
            c.ropeScaling.kind = RopeScalingKind::Linear;
            c.ropeScaling.factor = f.optFloat(a + "rope.scaling.factor").value_or(1.0);
        }
        if (const GgufTensorInfo* t = f.findTensor("rope_freqs.weight")) {
            if (c.ropeScaling.kind != RopeScalingKind::None)
                throw Error(f.path(), "rope_freqs.weight",
                    "per-pair RoPE factors next to " + std::string(ropeScalingName(c.ropeScaling.kind))
                        + " scaling: two scalings at once are not supported");
            c.ropeScaling = llama3ScalingFromFactors(c, ropeFactorsOf(f, *t, c), f.path());
        }
        c.qkNorm = f.findTensor("blk.0.attn_q_norm.weight") != nullptr;
        // Phi-3 and Gemma store their window; Mistral runs as "llama", whose window key only our exporter writes.
        if (c.arch == Arch::Phi3 || c.arch == Arch::Gemma2 || c.arch == Arch::Gemma3 || c.arch == Arch::Llama)
            if (const auto w = f.optUInt(a + "attention.sliding_window"); w && *w > 0)
                c.slidingWindow = int(std::min<std::uint64_t>(*w, std::uint64_t(1) << 24));
        if (c.arch == Arch::GptNeoX) {
            // LayerNorm with biases, exact GELU, parallel residual unless the file says otherwise.
            c.activation = Activation::Gelu;
            c.parallelResidual = f.optBool(a + "use_parallel_residual").value_or(true);
        }
        if (c.arch == Arch::Gemma2 || c.arch == Arch::Gemma3) {
            // llama.cpp's converter stores Gemma's norms as 1 + w already: the binder must not add 1 again.
            c.activation = Activation::GeGluTanh;
            c.postNorms = true;
            c.normUnitOffset = false;
            c.embedScaled = true;
            // GGUF has no query_pre_attn_scalar: llama.cpp scales by 1 / sqrt(head_dim), by 1 / sqrt(dim / heads) for
            // the 27B models (Gemma 2: 46 layers, Gemma 3: 62), as their configs do.
            const bool big = (c.arch == Arch::Gemma2 && c.nLayers == 46) || (c.arch == Arch::Gemma3 && c.nLayers == 62);
            c.queryPreAttnScalar = big ? double(c.dim) / c.nHeads : c.headDim;
            // Gemma 2 always soft-caps (llama.cpp's defaults 50 and 30 when the keys are absent); Gemma 3 does not.
            const double attnCap = c.arch == Arch::Gemma2 ? 50.0 : 0.0, finalCap = c.arch == Arch::Gemma2 ? 30.0 : 0.0;
            c.attnSoftcap = f.optFloat(a + "attn_logit_softcapping").value_or(attnCap);
            c.finalSoftcap = f.optFloat(a + "final_logit_softcapping").value_or(finalCap);
            const int pattern = c.arch == Arch::Gemma2 ? 2 : 6;
            for (int l = 0; l < c.nLayers && c.slidingWindow > 0; ++l)
                c.layerSliding.push_back((l + 1) % pattern != 0);
            if (c.arch == Arch::Gemma3)
                c.ropeThetaLocal = 10000.0;
        }
        if (c.arch == Arch::SmolLm3)
            for (int l = 0; l < c.nLayers; ++l)
                c.layerNoRope.push_back((l + 1) % 4 == 0);
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
            c.qkvBias = hp.qkvBias || f.findTensor("blk.0.attn_qkv.bias") != nullptr;
            c.outBias = f.findTensor("blk.0.attn_output.bias") != nullptr;
            c.mlpBias = f.findTensor("blk.0.ffn_up.bias") != nullptr;
            if (hp.ropeDim != hp.headDim)
                c.ropeDim = hp.ropeDim; // partial rotary (gptneox, phi3 variants)
            readModernParts(f, hp, c);
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

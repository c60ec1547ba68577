#include "core/loader/export_gguf.h"

#include "core/common/error.h"
#include "core/common/half.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_writer.h"
#include "core/formats/gguf/rotate_half_source.h"
#include "core/formats/quant/quantize.h"
#include "core/loader/export_gguf_vocab.h"
#include "core/model/rope_frequencies.h"
#include "core/model/weight_role.h"

#include <cstdio>
#include <cstring>

namespace core {

namespace {
    void writeHyperParams(GgufWriter& w, const ModelConfig& c, const std::string& arch)
    {
        w.setString("general.architecture", arch);
        w.setString("general.name", "inference-explorer export");
        w.setUInt32(arch + ".embedding_length", std::uint32_t(c.dim));
        w.setUInt32(arch + ".block_count", std::uint32_t(c.nLayers));
        w.setUInt32(arch + ".feed_forward_length", std::uint32_t(c.hidden));
        w.setUInt32(arch + ".attention.head_count", std::uint32_t(c.nHeads));
        w.setUInt32(arch + ".attention.head_count_kv", std::uint32_t(c.nKvHeads));
        w.setUInt32(arch + ".context_length", std::uint32_t(c.maxPositions));
        w.setUInt32(arch + ".vocab_size", std::uint32_t(c.vocab));
        w.setFloat32(arch
                + (c.norm == NormKind::RmsNorm ? ".attention.layer_norm_rms_epsilon" : ".attention.layer_norm_epsilon"),
            float(c.normEps));
        w.setUInt32(arch + ".attention.key_length", std::uint32_t(c.headDim));
        w.setUInt32(arch + ".attention.value_length", std::uint32_t(c.headDim));
        if (c.positional == Positional::Rope) {
            w.setFloat32(arch + ".rope.freq_base", float(c.ropeTheta));
            w.setUInt32(arch + ".rope.dimension_count", std::uint32_t(c.rotaryDim()));
            if (c.ropeScaling.kind == RopeScalingKind::Linear) {
                w.setString(arch + ".rope.scaling.type", "linear");
                w.setFloat32(arch + ".rope.scaling.factor", float(c.ropeScaling.factor));
            }
        }
        // The windows and caps the converter writes (Mistral runs as "llama", which in llama.cpp has no window key:
        // we write it anyway, llama.cpp ignores it and our reader takes it).
        if (c.slidingWindow > 0)
            w.setUInt32(arch + ".attention.sliding_window", std::uint32_t(c.slidingWindow));
        if (c.attnSoftcap > 0)
            w.setFloat32(arch + ".attn_logit_softcapping", float(c.attnSoftcap));
        if (c.finalSoftcap > 0)
            w.setFloat32(arch + ".final_logit_softcapping", float(c.finalSoftcap));
        if (c.arch == Arch::GptNeoX)
            w.setBool(arch + ".use_parallel_residual", c.parallelResidual);
    }

    // Llama 3's rope_scaling as the converter stores it (LlamaModel.generate_extra_tensors): one divisor per
    // rotating pair, unscaled / scaled frequency.
    void writeRopeFactors(GgufWriter& w, const ModelConfig& c)
    {
        const std::vector<double> unscaled = unscaledRopeFrequencies(c), scaled = ropeFrequencies(c);
        std::vector<float> factors(unscaled.size());
        for (std::size_t i = 0; i < factors.size(); ++i)
            factors[i] = float(unscaled[i] / scaled[i]);
        w.addF32("rope_freqs.weight", { std::int64_t(factors.size()) }, factors);
    }

    // A SentencePiece-style vocabulary of `n` tokens: control, byte (when n leaves room for all 256) and filler
    // tokens (GGUF token types 2 unknown, 3 control, 6 byte, 1 normal).
    void writePlaceholderVocab(GgufWriter& w, int n)
    {
        const int bytes = n >= 3 + 256 ? 256 : 0;
        std::vector<std::string> tokens;
        std::vector<float> scores;
        std::vector<std::int32_t> types;
        for (int i = 0; i < n; ++i) {
            char piece[16];
            if (i < 3)
                std::snprintf(piece, sizeof piece, "%s", i == 0 ? "<unk>" : i == 1 ? "<s>" : "</s>");
            else if (i < 3 + bytes)
                std::snprintf(piece, sizeof piece, "<0x%02X>", i - 3);
            else
                std::snprintf(piece, sizeof piece, "t%d", i);
            tokens.emplace_back(piece);
            scores.push_back(-float(i));
            types.push_back(i == 0 ? 2 : i < 3 ? 3 : i < 3 + bytes ? 6 : 1);
        }
        w.setString("tokenizer.ggml.model", "llama");
        w.setStringArray("tokenizer.ggml.tokens", tokens);
        w.setFloat32Array("tokenizer.ggml.scores", scores);
        w.setInt32Array("tokenizer.ggml.token_type", types);
        w.setUInt32("tokenizer.ggml.unknown_token_id", 0);
        w.setUInt32("tokenizer.ggml.bos_token_id", 1);
        w.setUInt32("tokenizer.ggml.eos_token_id", 2);
    }
    GgufExport write(const Model& model, const std::string& path, GgufFileType file, bool folderVocab);
} // namespace

void exportGguf(const Model& model, const std::string& path, DType dtype)
{
    if (dtype != DType::F32 && dtype != DType::F16)
        throw Error(path, "dtype", std::string("GGUF export writes F32 or F16, not ") + dtypeName(dtype));
    write(model, path, dtype == DType::F32 ? GgufFileType::F32 : GgufFileType::F16, false);
}

GgufExport exportGguf(const Model& model, const std::string& path, GgufFileType file)
{
    return write(model, path, file, true);
}

namespace {
    GgufExport write(const Model& model, const std::string& path, GgufFileType file, bool folderVocab)
    {
        const ModelConfig& c = model.config();
        const std::string arch = architectureTable(c.arch).ggufArch;
        GgufWriter w;
        writeHyperParams(w, c, arch);
        w.setUInt32("general.file_type", ggufFileTypeId(file));
        if (file == GgufFileType::Q8_0 || file == GgufFileType::Q4_K_M)
            w.setUInt32("general.quantization_version", 2); // GGML's current block layouts (llama-quantize writes 2)
        GgufExport report { {}, "tokenizer.json" };
        try {
            if (!folderVocab)
                report.vocabulary = "placeholder (token ids only)";
            else if (!writeFolderVocab(w, model.folder(), c.vocab))
                report.vocabulary = "placeholder (the folder has no tokenizer.json)";
        } catch (const Error& e) { // a tokenizer GGUF's "gpt2" model cannot hold: ids still run, and the report says so
            report.vocabulary = std::string("placeholder (") + e.what() + ")";
        }
        if (report.vocabulary != "tokenizer.json")
            writePlaceholderVocab(w, c.vocab);
        if (c.positional == Positional::Rope && c.ropeScaling.kind == RopeScalingKind::Llama3)
            writeRopeFactors(w, c);
        const auto hfNames = expectedTensors(c, TensorNaming::HuggingFace);
        const auto ggufNames = expectedTensors(c, TensorNaming::Gguf);
        const bool conv1D = architectureTable(c.arch).hfConv1D;
        const auto sourceOf = [&](const ExpectedTensor& from) {
            const SourceTensor* t = model.source().find(from.name);
            return t ? t : model.source().find(architectureTable(c.arch).hfOptionalPrefix + from.name);
        };
        // No LM head written: the embedding stands for it (llama.cpp's !has_output), and takes the head's type.
        bool tied = true;
        for (std::size_t i = 0; i < hfNames.size(); ++i)
            if (hfNames[i].role == WeightRole::LmHead && sourceOf(hfNames[i]))
                tied = false;
        std::vector<ExportedTensor>& written = report.tensors;
        for (std::size_t i = 0; i < hfNames.size() && i < ggufNames.size(); ++i) {
            const ExpectedTensor &from = hfNames[i], &to = ggufNames[i];
            const SourceTensor* t = sourceOf(from);
            if (!t && !from.required)
                continue;
            if (!t)
                throw Error(model.folder(), from.name, "tensor is missing: only Hugging Face folders can be exported");
            std::vector<float> v = toFloat(*t);
            const bool linear = to.role == WeightRole::QkvFused || to.role == WeightRole::O || to.role == WeightRole::Up
                || to.role == WeightRole::Down;
            if (conv1D && linear && !from.bias) { // Conv1D (in, out) -> (out, in)
                std::vector<float> transposed(v.size());
                const std::int64_t in = from.shape[0], out = from.shape[1];
                for (std::int64_t r = 0; r < in; ++r)
                    for (std::int64_t k = 0; k < out; ++k)
                        transposed[std::size_t(k * in + r)] = v[std::size_t(r * out + k)];
                v = std::move(transposed);
            }
            if (architectureTable(c.arch).hfQkvPerHead && to.role == WeightRole::QkvFused) {
                // GPT-NeoX: per head [q_h; k_h; v_h] rows -> [all q; all k; all v] (the converter does the same).
                const std::int64_t cols = to.shape.size() == 2 ? to.shape[1] : 1, hd = c.headDim;
                std::vector<float> ordered(v.size());
                for (std::int64_t h = 0; h < c.nHeads; ++h)
                    for (std::int64_t part = 0; part < 3; ++part)
                        std::memcpy(ordered.data() + ((part * c.nHeads + h) * hd) * cols,
                            v.data() + ((h * 3 + part) * hd) * cols, std::size_t(hd * cols) * sizeof(float));
                v = std::move(ordered);
            }
            if (c.normUnitOffset && isNormWeight(to.role) && !from.bias) // Gemma: the converter stores 1 + w
                for (float& x : v)
                    x += 1.0f;
            if (ggufNeedsRotateHalf(arch) && (to.role == WeightRole::Q || to.role == WeightRole::K)) {
                std::vector<float> permuted(v.size());
                const std::int64_t rows = to.shape[0], cols = to.shape.size() == 2 ? to.shape[1] : 1;
                permuteRopeRows(v, permuted, rows, cols, to.role == WeightRole::Q ? c.nHeads : c.nKvHeads);
                v = std::move(permuted);
            }
            // Matrices take the file type's mixture; vectors (norms, biases) stay F32, as llama-quantize keeps them.
            const MixtureChoice choice = to.shape.size() == 2
                ? ggufMatrixType(file, to.role, to.layer, c.nLayers, to.shape[1], tied)
                : MixtureChoice { DType::F32, false };
            if (choice.type == DType::F16) {
                std::vector<std::uint8_t> bytes(v.size() * 2);
                for (std::size_t k = 0; k < v.size(); ++k) {
                    const std::uint16_t h = floatToF16(v[k]);
                    std::memcpy(bytes.data() + 2 * k, &h, 2);
                }
                w.addTensor(to.name, DType::F16, to.shape, std::move(bytes));
            } else if (choice.type == DType::F32) {
                w.addF32(to.name, to.shape, v);
            } else if (quant::canQuantize(choice.type)) {
                w.addTensor(
                    to.name, choice.type, to.shape, quant::quantize(choice.type, v.data(), std::int64_t(v.size())));
            } else {
                throw Error(path, to.name,
                    std::string(ggufFileTypeLabel(file)) + " stores it as " + dtypeName(choice.type)
                        + ", which this exporter does not write");
            }
            written.push_back({ to.name, choice.type, choice.fallback });
        }
        w.write(path);
        return report;
    }
} // namespace

} // namespace core

#include "core/model/random_model.h"

#include "core/common/error.h"
#include "core/formats/safetensors_writer.h"
#include "core/model/architecture.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace core {

namespace {

    // Portable normal numbers: Box-Muller on the raw 64-bit stream (std::normal_distribution differs between
    // standard libraries, and a seed must give the same model everywhere).
    class Gaussian {
    public:
        explicit Gaussian(std::uint64_t seed)
            : m_rng(seed)
        {
        }
        float next()
        {
            const double u1 = (double(m_rng() >> 11) + 1.0) * 0x1.0p-53;
            const double u2 = double(m_rng() >> 11) * 0x1.0p-53;
            return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2));
        }

    private:
        std::mt19937_64 m_rng;
    };

    class Builder {
    public:
        Builder(const RandomModelSpec& s)
            : m_spec(s)
            , m_rng(s.seed)
        {
        }
        void normal(const std::string& name, std::vector<std::int64_t> shape, float std)
        {
            std::int64_t n = 1;
            for (auto d : shape)
                n *= d;
            std::vector<float> v(static_cast<std::size_t>(n));
            for (auto& x : v)
                x = m_rng.next() * std;
            m_writer.addConverted(name, m_spec.dtype, std::move(shape), v);
        }
        void constant(const std::string& name, std::int64_t n, float value)
        {
            m_writer.addConverted(name, m_spec.dtype, { n }, std::vector<float>(std::size_t(n), value));
        }
        SafetensorsWriter& writer() { return m_writer; }

    private:
        const RandomModelSpec& m_spec;
        Gaussian m_rng;
        SafetensorsWriter m_writer;
    };

    // GPT-2's reversible byte -> printable character table.
    std::string byteToken(int b)
    {
        int cp = b;
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
        if (!printable) {
            int n = 0;
            for (int x = 0; x < b; ++x)
                if (!((x >= 33 && x <= 126) || (x >= 161 && x <= 172) || (x >= 174 && x <= 255)))
                    ++n;
            cp = 256 + n;
        }
        std::string s;
        if (cp < 0x80)
            s += char(cp);
        else {
            s += char(0xc0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3f));
        }
        return s;
    }

    nlohmann::json byteTokenizer()
    {
        nlohmann::json vocab = nlohmann::json::object();
        for (int b = 0; b < 256; ++b)
            vocab[byteToken(b)] = b;
        return {
            { "version", "1.0" },
            { "added_tokens", nlohmann::json::array() },
            { "normalizer", nullptr },
            { "pre_tokenizer",
                { { "type", "ByteLevel" }, { "add_prefix_space", false }, { "trim_offsets", true },
                    { "use_regex", true } } },
            { "post_processor", nullptr },
            { "decoder",
                { { "type", "ByteLevel" }, { "add_prefix_space", true }, { "trim_offsets", true },
                    { "use_regex", true } } },
            { "model",
                { { "type", "BPE" }, { "dropout", nullptr }, { "unk_token", nullptr },
                    { "continuing_subword_prefix", nullptr }, { "end_of_word_suffix", nullptr }, { "fuse_unk", false },
                    { "byte_fallback", false }, { "vocab", vocab }, { "merges", nlohmann::json::array() } } },
        };
    }

    // Today's small models, scaled down: the real model's ratios (ffn width, GQA group, head size, window against
    // context, layer pattern) and its own switches, at the requested width, heads, layers and context.
    struct ModernShape {
        const char* arch; // --arch
        const char* modelType;
        double hiddenRatio; // intermediate_size / hidden_size of the real model
        int gqaGroup; // query heads per kv head
        double headDimRatio; // head_dim / (hidden_size / heads)
        int defaultLayers; // one whole layer pattern
    };
    constexpr ModernShape kModern[] = {
        { "llama3", "llama", 4.0, 4, 1.0, 2 }, // Llama 3.2 1B: 2048 / 8192, 32 / 8 heads
        { "mistral", "mistral", 3.5, 4, 1.0, 2 }, // Mistral 7B: 4096 / 14336, 32 / 8
        { "qwen3", "qwen3", 3.0, 2, 2.0, 2 }, // Qwen3 0.6B: 1024 / 3072, 16 / 8, head_dim 128 (2x 1024 / 16)
        { "gpt_neox", "gpt_neox", 4.0, 1, 1.0, 2 }, // Pythia 70M: 512 / 2048, 8 heads
        { "phi3", "phi3", 8.0 / 3.0, 1, 1.0, 2 }, // Phi-3 mini: 3072 / 8192, 32 heads
        { "gemma2", "gemma2", 4.0, 2, 1.0, 2 }, // Gemma 2 2B: 2304 / 9216, 8 / 4
        { "gemma3", "gemma3_text", 6.0, 4, 1.0, 6 }, // Gemma 3 1B: 1152 / 6912, 4 / 1, 5 local + 1 global
        { "smollm3", "smollm3", 5.375, 4, 1.0, 4 }, // SmolLM3 3B: 2048 / 11008, 16 / 4, every 4th layer NoPE
    };

    const ModernShape* modernShape(const std::string& arch)
    {
        for (const auto& m : kModern)
            if (arch == m.arch)
                return &m;
        return nullptr;
    }

    nlohmann::ordered_json modernConfig(const ModernShape& m, const RandomModelSpec& s, int layers, int hidden)
    {
        const int kv = s.kvHeads ? s.kvHeads : std::max(1, s.heads / m.gqaGroup);
        const int headDim = std::max(2, int(std::lround(s.dim / s.heads * m.headDimRatio)) / 2 * 2);
        const std::string a = m.arch;
        nlohmann::ordered_json c = { { "model_type", m.modelType }, { "vocab_size", s.vocab }, { "hidden_size", s.dim },
            { "intermediate_size", hidden }, { "num_hidden_layers", layers }, { "num_attention_heads", s.heads },
            { "num_key_value_heads", kv }, { "head_dim", headDim }, { "max_position_embeddings", s.context },
            { "tie_word_embeddings", s.tied }, { "bos_token_id", 1 }, { "eos_token_id", 2 } };
        if (a == "gpt_neox") {
            c.erase("num_key_value_heads");
            c.erase("head_dim");
            // A quarter of each head rotates, rounded down to an even count (HF takes int(head_size * rotary_pct));
            // the half step keeps that int() exact.
            const int rotary = std::max(2, s.dim / s.heads / 4 / 2 * 2);
            c.update({ { "rotary_pct", (rotary + 0.5) / (s.dim / s.heads) }, { "rotary_emb_base", 10000 },
                { "layer_norm_eps", 1e-5 }, { "hidden_act", "gelu" }, { "use_parallel_residual", true } });
            return c;
        }
        if (a.rfind("gemma", 0) == 0) {
            // Gemma ties its head; windows of 4096 of 8192 (gemma2) and 512 of 32768 (gemma3) tokens.
            c["tie_word_embeddings"] = true;
            c.update({ { "rms_norm_eps", 1e-6 }, { "hidden_activation", "gelu_pytorch_tanh" },
                { "query_pre_attn_scalar", headDim } });
            if (a == "gemma2")
                c.update({ { "rope_theta", 10000.0 }, { "sliding_window", std::max(2, s.context / 2) },
                    { "attn_logit_softcapping", 50.0 }, { "final_logit_softcapping", 30.0 } });
            else
                c.update({ { "rope_theta", 1000000.0 }, { "rope_local_base_freq", 10000.0 },
                    { "sliding_window", std::max(2, s.context / 64) }, { "sliding_window_pattern", 6 } });
            return c;
        }
        c.update({ { "rms_norm_eps", 1e-5 }, { "hidden_act", "silu" }, { "rope_theta", 10000.0 } });
        if (a == "llama3")
            // Llama 3.2: theta 500000; scaling from an original context 1/16 of the whole (8192 of 131072).
            c.update({ { "rope_theta", 500000.0 },
                { "rope_scaling",
                    { { "rope_type", "llama3" }, { "factor", 32.0 }, { "low_freq_factor", 1.0 },
                        { "high_freq_factor", 4.0 },
                        { "original_max_position_embeddings", std::max(1, s.context / 16) } } } });
        else if (a == "mistral")
            c["sliding_window"] = std::max(2, s.context / 8); // 4096 of 32768
        else if (a == "qwen3")
            c.update({ { "rope_theta", 1000000.0 }, { "rms_norm_eps", 1e-6 }, { "use_sliding_window", false } });
        else if (a == "phi3")
            c["sliding_window"] = std::max(2, s.context / 2 - 1); // 2047 of 4096
        else if (a == "smollm3")
            c.update({ { "rope_theta", 5000000.0 }, { "no_rope_layer_interval", 4 } });
        return c;
    }

    void writeText(const fs::path& p, const std::string& text)
    {
        std::ofstream f(p, std::ios::trunc);
        if (!f || !(f << text))
            throw Error(p.string(), "", "cannot write");
    }

} // namespace

const std::vector<std::string>& randomModelArchs()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n { "gpt2", "llama", "qwen2", "explorer" };
        for (const auto& m : kModern)
            n.push_back(m.arch);
        return n;
    }();
    return names;
}

void writeRandomModel(const RandomModelSpec& s, const std::string& folder)
{
    const bool llamaLike = s.arch == "llama" || s.arch == "qwen2";
    const ModernShape* modern = modernShape(s.arch);
    if (s.arch != "gpt2" && !llamaLike && s.arch != "explorer" && !modern) {
        std::string names;
        for (const auto& n : randomModelArchs())
            names += (names.empty() ? "" : ", ") + n;
        throw Error("make-random", "arch", "unknown architecture \"" + s.arch + "\" (" + names + ")");
    }
    const int layers = s.layers > 0 ? s.layers : modern ? modern->defaultLayers : 2;
    auto check = [](const char* field, std::int64_t v, std::int64_t lo, std::int64_t hi) {
        if (v < lo || v > hi)
            throw Error("make-random", field,
                std::to_string(v) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    };
    check("dim", s.dim, 2, 16384);
    check("layers", layers, 1, 256);
    check("heads", s.heads, 1, 256);
    check("vocab", s.vocab, 256, 1 << 20);
    check("context", s.context, 1, 1 << 20);
    const int kvHeads = s.kvHeads ? s.kvHeads : s.heads;
    const int hidden = s.hidden ? s.hidden
        : modern                ? int(std::lround(s.dim * modern->hiddenRatio))
        : llamaLike             ? (8 * s.dim / 3 + 31) / 32 * 32
                                : 4 * s.dim;
    check("hidden", hidden, 1, 1 << 18);
    if (s.dim % s.heads)
        throw Error(
            "make-random", "heads", std::to_string(s.heads) + " heads do not divide dim " + std::to_string(s.dim));
    if (s.heads % kvHeads)
        throw Error("make-random", "kv-heads",
            std::to_string(kvHeads) + " kv heads do not divide " + std::to_string(s.heads) + " heads");
    const std::int64_t params
        = std::int64_t(layers) * (8LL * s.dim * s.dim + 3LL * s.dim * hidden) + 2LL * s.vocab * s.dim;
    check("parameters", params, 1, 4'000'000'000LL / 4);

    const int d = s.dim;
    nlohmann::ordered_json cfg;
    if (modern) {
        cfg = modernConfig(*modern, s, layers, hidden);
    } else if (s.arch == "gpt2") {
        cfg = { { "model_type", "gpt2" }, { "vocab_size", s.vocab }, { "n_positions", s.context }, { "n_embd", d },
            { "n_layer", layers }, { "n_head", s.heads }, { "n_inner", hidden }, { "activation_function", "gelu_new" },
            { "layer_norm_epsilon", 1e-5 }, { "bos_token_id", 0 }, { "eos_token_id", 0 } };
    } else if (llamaLike) {
        cfg = { { "model_type", s.arch }, { "vocab_size", s.vocab }, { "hidden_size", d },
            { "intermediate_size", hidden }, { "num_hidden_layers", layers }, { "num_attention_heads", s.heads },
            { "num_key_value_heads", kvHeads }, { "max_position_embeddings", s.context }, { "rms_norm_eps", 1e-5 },
            { "rope_theta", 10000.0 }, { "tie_word_embeddings", s.tied }, { "hidden_act", "silu" },
            { "bos_token_id", 1 }, { "eos_token_id", 2 } };
    } else {
        cfg = { { "model_type", "explorer" }, { "vocab_size", s.vocab }, { "hidden_size", d },
            { "intermediate_size", hidden }, { "num_hidden_layers", layers }, { "num_attention_heads", s.heads },
            { "num_key_value_heads", kvHeads }, { "max_position_embeddings", s.context },
            { "positional", s.positional }, { "rope_theta", 10000.0 }, { "norm", s.norm },
            { "norm_placement", s.placement }, { "norm_eps", 1e-5 }, { "activation", s.activation },
            { "attention_bias", true }, { "mlp_bias", true }, { "tie_word_embeddings", true }, { "bos_token_id", 0 },
            { "eos_token_id", 0 } };
    }
    // The config as the engine will read it, then exactly the tensors its architecture table asks for.
    const ModelConfig config = parseModelConfig(cfg.dump(), "make-random config");
    Builder b(s);
    for (const ExpectedTensor& e : expectedTensors(config)) {
        if (!e.required)
            continue; // e.g. GPT-2's optional untied head
        std::int64_t n = 1;
        for (auto x : e.shape)
            n *= x;
        if (isNormWeight(e.role)) { // scale 1: Gemma stores w for its (1 + w)
            b.constant(e.name, n, e.bias || config.normUnitOffset ? 0.0f : 1.0f);
            continue;
        }
        switch (e.role) {
        case WeightRole::TokenEmbedding:
            b.normal(e.name, e.shape, 0.5f);
            break;
        case WeightRole::PositionEmbedding:
            b.normal(e.name, e.shape, 0.1f);
            break;
        default: {
            // Linear weights ~ N(0, 1/fan_in) so activations keep their scale; biases small.
            const int fanIn = e.role == WeightRole::Down ? config.hidden : e.role == WeightRole::O ? config.qDim() : d;
            b.normal(e.name, e.shape, e.bias ? 0.02f : 1.0f / std::sqrt(float(fanIn)));
            break;
        }
        }
    }
    fs::create_directories(folder);
    b.writer().setMetadata("format", "pt");
    b.writer().write((fs::path(folder) / "model.safetensors").string());
    writeText(fs::path(folder) / "config.json", cfg.dump(2) + "\n");
    writeText(fs::path(folder) / "tokenizer.json", byteTokenizer().dump(1) + "\n");
    // Validate what we wrote by parsing it like any other config.
    parseModelConfig(cfg.dump(), (fs::path(folder) / "config.json").string());
}

} // namespace core

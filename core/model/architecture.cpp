#include "core/model/architecture.h"

#include "core/common/error.h"

namespace core {

const char* weightRoleName(WeightRole r)
{
    switch (r) {
    case WeightRole::None:
        return "none";
    case WeightRole::TokenEmbedding:
        return "token_embd";
    case WeightRole::PositionEmbedding:
        return "position_embd";
    case WeightRole::AttnNorm:
        return "attn_norm";
    case WeightRole::Q:
        return "attn_q";
    case WeightRole::K:
        return "attn_k";
    case WeightRole::V:
        return "attn_v";
    case WeightRole::QkvFused:
        return "attn_qkv";
    case WeightRole::O:
        return "attn_output";
    case WeightRole::QNorm:
        return "attn_q_norm";
    case WeightRole::KNorm:
        return "attn_k_norm";
    case WeightRole::AttnPostNorm:
        return "attn_post_norm";
    case WeightRole::MlpPostNorm:
        return "ffn_post_norm";
    case WeightRole::GateUpFused:
        return "ffn_gate_up";
    case WeightRole::MlpNorm:
        return "ffn_norm";
    case WeightRole::Gate:
        return "ffn_gate";
    case WeightRole::Up:
        return "ffn_up";
    case WeightRole::Down:
        return "ffn_down";
    case WeightRole::FinalNorm:
        return "output_norm";
    case WeightRole::LmHead:
        return "output";
    }
    return "?";
}

bool isPerLayer(WeightRole r)
{
    switch (r) {
    case WeightRole::None:
    case WeightRole::TokenEmbedding:
    case WeightRole::PositionEmbedding:
    case WeightRole::FinalNorm:
    case WeightRole::LmHead:
        return false;
    default:
        return true;
    }
}

bool isNormWeight(WeightRole r)
{
    switch (r) {
    case WeightRole::AttnNorm:
    case WeightRole::MlpNorm:
    case WeightRole::FinalNorm:
    case WeightRole::QNorm:
    case WeightRole::KNorm:
    case WeightRole::AttnPostNorm:
    case WeightRole::MlpPostNorm:
        return true;
    default:
        return false;
    }
}

namespace {

    // The tables. GGUF names are llama.cpp's (LLM_TENSOR_NAMES); they are the same for every architecture here.
    const ArchitectureTable kGpt2 {
        Arch::Gpt2,
        "gpt2",
        "gpt2",
        {
            { WeightRole::TokenEmbedding, "wte", "token_embd" },
            { WeightRole::PositionEmbedding, "wpe", "position_embd" },
            { WeightRole::AttnNorm, "h.{L}.ln_1", "blk.{L}.attn_norm" },
            { WeightRole::QkvFused, "h.{L}.attn.c_attn", "blk.{L}.attn_qkv" },
            { WeightRole::O, "h.{L}.attn.c_proj", "blk.{L}.attn_output" },
            { WeightRole::MlpNorm, "h.{L}.ln_2", "blk.{L}.ffn_norm" },
            { WeightRole::Up, "h.{L}.mlp.c_fc", "blk.{L}.ffn_up" },
            { WeightRole::Down, "h.{L}.mlp.c_proj", "blk.{L}.ffn_down" },
            { WeightRole::FinalNorm, "ln_f", "output_norm" },
            { WeightRole::LmHead, "lm_head", "output" },
        },
        /*hfConv1D=*/true,
        /*hfOptionalPrefix=*/"transformer.",
        /*hfHeadAbsentMeansTied=*/true,
    };

    std::vector<TensorNames> llamaNames()
    {
        return {
            { WeightRole::TokenEmbedding, "model.embed_tokens", "token_embd" },
            { WeightRole::AttnNorm, "model.layers.{L}.input_layernorm", "blk.{L}.attn_norm" },
            { WeightRole::Q, "model.layers.{L}.self_attn.q_proj", "blk.{L}.attn_q" },
            { WeightRole::K, "model.layers.{L}.self_attn.k_proj", "blk.{L}.attn_k" },
            { WeightRole::V, "model.layers.{L}.self_attn.v_proj", "blk.{L}.attn_v" },
            { WeightRole::O, "model.layers.{L}.self_attn.o_proj", "blk.{L}.attn_output" },
            { WeightRole::MlpNorm, "model.layers.{L}.post_attention_layernorm", "blk.{L}.ffn_norm" },
            { WeightRole::Gate, "model.layers.{L}.mlp.gate_proj", "blk.{L}.ffn_gate" },
            { WeightRole::Up, "model.layers.{L}.mlp.up_proj", "blk.{L}.ffn_up" },
            { WeightRole::Down, "model.layers.{L}.mlp.down_proj", "blk.{L}.ffn_down" },
            { WeightRole::FinalNorm, "model.norm", "output_norm" },
            { WeightRole::LmHead, "lm_head", "output" },
        };
    }

    std::vector<TensorNames> withQkNorm(std::vector<TensorNames> names)
    {
        names.insert(names.begin() + 5,
            { { WeightRole::QNorm, "model.layers.{L}.self_attn.q_norm", "blk.{L}.attn_q_norm" },
                { WeightRole::KNorm, "model.layers.{L}.self_attn.k_norm", "blk.{L}.attn_k_norm" } });
        return names;
    }

    const ArchitectureTable kLlama { Arch::Llama, "llama", "llama", llamaNames() };
    const ArchitectureTable kQwen2 { Arch::Qwen2, "qwen2", "qwen2", llamaNames() };
    // llama.cpp converts Mistral to "llama" (GGUF files of Mistral open as llama).
    const ArchitectureTable kMistral { Arch::Mistral, "mistral", "llama", llamaNames() };
    const ArchitectureTable kQwen3 { Arch::Qwen3, "qwen3", "qwen3", withQkNorm(llamaNames()) };
    const ArchitectureTable kSmolLm3 { Arch::SmolLm3, "smollm3", "smollm3", llamaNames() };

    // Phi-3: q, k, v in one qkv_proj and gate, up in one gate_up_proj (llama.cpp keeps both fused too: its ffn_up
    // holds gate then up).
    const ArchitectureTable kPhi3 {
        Arch::Phi3,
        "phi3",
        "phi3",
        {
            { WeightRole::TokenEmbedding, "model.embed_tokens", "token_embd" },
            { WeightRole::AttnNorm, "model.layers.{L}.input_layernorm", "blk.{L}.attn_norm" },
            { WeightRole::QkvFused, "model.layers.{L}.self_attn.qkv_proj", "blk.{L}.attn_qkv" },
            { WeightRole::O, "model.layers.{L}.self_attn.o_proj", "blk.{L}.attn_output" },
            { WeightRole::MlpNorm, "model.layers.{L}.post_attention_layernorm", "blk.{L}.ffn_norm" },
            { WeightRole::GateUpFused, "model.layers.{L}.mlp.gate_up_proj", "blk.{L}.ffn_up" },
            { WeightRole::Down, "model.layers.{L}.mlp.down_proj", "blk.{L}.ffn_down" },
            { WeightRole::FinalNorm, "model.norm", "output_norm" },
            { WeightRole::LmHead, "lm_head", "output" },
        },
    };

    // Gemma: HF's "post_attention_layernorm" is the norm *after* attention (llama's name for the MLP norm); the MLP
    // has its own pre_feedforward_layernorm.
    std::vector<TensorNames> gemmaNames()
    {
        return {
            { WeightRole::TokenEmbedding, "model.embed_tokens", "token_embd" },
            { WeightRole::AttnNorm, "model.layers.{L}.input_layernorm", "blk.{L}.attn_norm" },
            { WeightRole::Q, "model.layers.{L}.self_attn.q_proj", "blk.{L}.attn_q" },
            { WeightRole::K, "model.layers.{L}.self_attn.k_proj", "blk.{L}.attn_k" },
            { WeightRole::V, "model.layers.{L}.self_attn.v_proj", "blk.{L}.attn_v" },
            { WeightRole::O, "model.layers.{L}.self_attn.o_proj", "blk.{L}.attn_output" },
            { WeightRole::AttnPostNorm, "model.layers.{L}.post_attention_layernorm", "blk.{L}.post_attention_norm" },
            { WeightRole::MlpNorm, "model.layers.{L}.pre_feedforward_layernorm", "blk.{L}.ffn_norm" },
            { WeightRole::Gate, "model.layers.{L}.mlp.gate_proj", "blk.{L}.ffn_gate" },
            { WeightRole::Up, "model.layers.{L}.mlp.up_proj", "blk.{L}.ffn_up" },
            { WeightRole::Down, "model.layers.{L}.mlp.down_proj", "blk.{L}.ffn_down" },
            { WeightRole::MlpPostNorm, "model.layers.{L}.post_feedforward_layernorm", "blk.{L}.post_ffw_norm" },
            { WeightRole::FinalNorm, "model.norm", "output_norm" },
            { WeightRole::LmHead, "lm_head", "output" },
        };
    }
    const ArchitectureTable kGemma2 { Arch::Gemma2, "gemma2", "gemma2", gemmaNames() };
    const ArchitectureTable kGemma3 { Arch::Gemma3, "gemma3_text", "gemma3", withQkNorm(gemmaNames()) };

    // GPT-NeoX (Pythia).
    const ArchitectureTable kGptNeoX {
        Arch::GptNeoX,
        "gpt_neox",
        "gptneox",
        {
            { WeightRole::TokenEmbedding, "gpt_neox.embed_in", "token_embd" },
            { WeightRole::AttnNorm, "gpt_neox.layers.{L}.input_layernorm", "blk.{L}.attn_norm" },
            { WeightRole::QkvFused, "gpt_neox.layers.{L}.attention.query_key_value", "blk.{L}.attn_qkv" },
            { WeightRole::O, "gpt_neox.layers.{L}.attention.dense", "blk.{L}.attn_output" },
            { WeightRole::MlpNorm, "gpt_neox.layers.{L}.post_attention_layernorm", "blk.{L}.ffn_norm" },
            { WeightRole::Up, "gpt_neox.layers.{L}.mlp.dense_h_to_4h", "blk.{L}.ffn_up" },
            { WeightRole::Down, "gpt_neox.layers.{L}.mlp.dense_4h_to_h", "blk.{L}.ffn_down" },
            { WeightRole::FinalNorm, "gpt_neox.final_layer_norm", "output_norm" },
            { WeightRole::LmHead, "embed_out", "output" },
        },
        /*hfConv1D=*/false,
        /*hfOptionalPrefix=*/"",
        /*hfHeadAbsentMeansTied=*/false,
        /*hfQkvPerHead=*/true,
    };

    // The project's own textbook model (tools/reference/model.py writes it).
    const ArchitectureTable kExplorer {
        Arch::Explorer,
        "explorer",
        "explorer",
        {
            { WeightRole::TokenEmbedding, "embed_tokens", "token_embd" },
            { WeightRole::PositionEmbedding, "embed_positions", "position_embd" },
            { WeightRole::AttnNorm, "layers.{L}.attn_norm", "blk.{L}.attn_norm" },
            { WeightRole::Q, "layers.{L}.attn.q_proj", "blk.{L}.attn_q" },
            { WeightRole::K, "layers.{L}.attn.k_proj", "blk.{L}.attn_k" },
            { WeightRole::V, "layers.{L}.attn.v_proj", "blk.{L}.attn_v" },
            { WeightRole::O, "layers.{L}.attn.o_proj", "blk.{L}.attn_output" },
            { WeightRole::MlpNorm, "layers.{L}.mlp_norm", "blk.{L}.ffn_norm" },
            { WeightRole::Gate, "layers.{L}.mlp.gate_proj", "blk.{L}.ffn_gate" },
            { WeightRole::Up, "layers.{L}.mlp.up_proj", "blk.{L}.ffn_up" },
            { WeightRole::Down, "layers.{L}.mlp.down_proj", "blk.{L}.ffn_down" },
            { WeightRole::FinalNorm, "final_norm", "output_norm" },
            { WeightRole::LmHead, "lm_head", "output" },
        },
    };

    const TensorNames* namesFor(const ArchitectureTable& t, WeightRole role)
    {
        for (const auto& n : t.tensors)
            if (n.role == role)
                return &n;
        return nullptr;
    }

    std::string nameAt(const char* pattern, int layer)
    {
        std::string s = pattern;
        if (auto at = s.find("{L}"); at != std::string::npos)
            s.replace(at, 3, std::to_string(layer));
        return s;
    }

    bool isLinear(WeightRole r)
    {
        switch (r) {
        case WeightRole::Q:
        case WeightRole::K:
        case WeightRole::V:
        case WeightRole::QkvFused:
        case WeightRole::O:
        case WeightRole::Gate:
        case WeightRole::GateUpFused:
        case WeightRole::Up:
        case WeightRole::Down:
            return true;
        default:
            return false;
        }
    }

} // namespace

const ArchitectureTable& architectureTable(Arch arch)
{
    switch (arch) {
    case Arch::Gpt2:
        return kGpt2;
    case Arch::Llama:
        return kLlama;
    case Arch::Qwen2:
        return kQwen2;
    case Arch::Explorer:
        return kExplorer;
    case Arch::Mistral:
        return kMistral;
    case Arch::Qwen3:
        return kQwen3;
    case Arch::GptNeoX:
        return kGptNeoX;
    case Arch::Phi3:
        return kPhi3;
    case Arch::Gemma2:
        return kGemma2;
    case Arch::Gemma3:
        return kGemma3;
    case Arch::SmolLm3:
        return kSmolLm3;
    }
    throw Error("architecture", "arch", "no tensor table for this architecture");
}

const std::vector<const ArchitectureTable*>& allArchitectures()
{
    static const std::vector<const ArchitectureTable*> all { &kGpt2, &kLlama, &kQwen2, &kExplorer, &kMistral, &kQwen3,
        &kGptNeoX, &kPhi3, &kGemma2, &kGemma3, &kSmolLm3 };
    return all;
}

std::vector<ExpectedTensor> expectedTensors(const ModelConfig& c, TensorNaming naming, const std::string& prefix)
{
    const ArchitectureTable& table = architectureTable(c.arch);
    const bool hf = naming == TensorNaming::HuggingFace;
    std::vector<ExpectedTensor> out;
    // (out, in) as the forward pass sees it; the stored shape is swapped for Conv1D files.
    auto add = [&](WeightRole role, int layer, std::vector<std::int64_t> shape, bool bias, bool required = true) {
        const TensorNames* names = namesFor(table, role);
        const char* pattern = names ? (hf ? names->hf : names->gguf) : nullptr;
        if (!pattern)
            throw Error("architecture", archName(c.arch),
                std::string("has no ") + (hf ? "Hugging Face" : "GGUF") + " name for " + weightRoleName(role));
        // The optional prefix is the transformer submodule's (GPT2LMHeadModel): the head sits beside it, unprefixed.
        const std::string base = (hf && role != WeightRole::LmHead ? prefix : std::string()) + nameAt(pattern, layer);
        const std::int64_t features = shape[0];
        if (hf && table.hfConv1D && isLinear(role))
            std::swap(shape[0], shape[1]);
        out.push_back({ role, layer, false, required, base + ".weight", shape });
        if (bias)
            out.push_back({ role, layer, true, required, base + ".bias", { features } });
    };
    const bool fused = namesFor(table, WeightRole::QkvFused) != nullptr;
    const bool fusedGateUp = namesFor(table, WeightRole::GateUpFused) != nullptr;
    const bool nb = c.normHasBias();
    add(WeightRole::TokenEmbedding, -1, { c.vocab, c.dim }, false);
    if (c.positional == Positional::Learned)
        add(WeightRole::PositionEmbedding, -1, { c.maxPositions, c.dim }, false);
    for (int l = 0; l < c.nLayers; ++l) {
        add(WeightRole::AttnNorm, l, { c.dim }, nb);
        if (fused) {
            add(WeightRole::QkvFused, l, { c.qDim() + 2 * c.kvDim(), c.dim }, c.qkvBias);
        } else {
            add(WeightRole::Q, l, { c.qDim(), c.dim }, c.qkvBias);
            add(WeightRole::K, l, { c.kvDim(), c.dim }, c.qkvBias);
            add(WeightRole::V, l, { c.kvDim(), c.dim }, c.qkvBias);
        }
        if (c.qkNorm) {
            add(WeightRole::QNorm, l, { c.headDim }, false);
            add(WeightRole::KNorm, l, { c.headDim }, false);
        }
        add(WeightRole::O, l, { c.dim, c.qDim() }, c.outBias);
        if (c.postNorms)
            add(WeightRole::AttnPostNorm, l, { c.dim }, nb);
        add(WeightRole::MlpNorm, l, { c.dim }, nb);
        if (fusedGateUp) {
            add(WeightRole::GateUpFused, l, { 2LL * c.hidden, c.dim }, c.mlpBias);
        } else {
            if (c.gated())
                add(WeightRole::Gate, l, { c.hidden, c.dim }, c.mlpBias);
            add(WeightRole::Up, l, { c.hidden, c.dim }, c.mlpBias);
        }
        add(WeightRole::Down, l, { c.dim, c.hidden }, c.mlpBias);
        if (c.postNorms)
            add(WeightRole::MlpPostNorm, l, { c.dim }, nb);
    }
    if (c.finalNorm)
        add(WeightRole::FinalNorm, -1, { c.dim }, nb);
    // GPT2LMHeadModel's files store no lm_head: there an absent head means the tied embedding.
    if (!c.tiedEmbeddings)
        add(WeightRole::LmHead, -1, { c.vocab, c.dim }, false, !(hf && table.hfHeadAbsentMeansTied));
    return out;
}

} // namespace core

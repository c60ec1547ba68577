#pragma once
// An architecture is a table: weight role -> tensor name, in Hugging Face files and in GGUF files, the way
// llama.cpp's LLM_TENSOR_NAMES does it. The weight binder, make-random and the PyTorch reference in tools/ (through
// `inference-cli archs --json`) all read these tables; no other file spells a tensor name.
//
// Which tensors a given config needs (biases, a gate, learned positions, an untied head) and their shapes come from
// one function, expectedTensors(), so "what must be in the file" is decided in one place too.
#include "core/model/model_config.h"
#include "core/model/weight_role.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

enum class TensorNaming { HuggingFace, Gguf };

struct TensorNames {
    WeightRole role;
    const char* hf; // "model.layers.{L}.self_attn.q_proj" (".weight" / ".bias" appended); nullptr: not in HF files
    const char* gguf; // "blk.{L}.attn_q"; nullptr: not in GGUF files
};

struct ArchitectureTable {
    Arch arch;
    const char* modelType; // config.json's model_type
    const char* ggufArch; // general.architecture
    std::vector<TensorNames> tensors;
    // GPT-2's Hugging Face files store linear weights as Conv1D (in, out) and may prefix every name with
    // "transformer." (files saved from GPT2LMHeadModel).
    bool hfConv1D = false;
    const char* hfOptionalPrefix = "";
    // HF's GPT2LMHeadModel has no lm_head tensor of its own: an absent head is the tied embedding.
    bool hfHeadAbsentMeansTied = false;
    // GPT-NeoX's Hugging Face query_key_value interleaves per head: rows [h * 3 * headDim, ...) hold head h's q, then
    // its k, then its v. (GGUF files store [all q; all k; all v], like every other fused matrix.)
    bool hfQkvPerHead = false;
};

const ArchitectureTable& architectureTable(Arch arch);
const std::vector<const ArchitectureTable*>& allArchitectures();

// One tensor a model of this config must (or may) have.
struct ExpectedTensor {
    WeightRole role;
    int layer = -1; // -1 for model-wide tensors
    bool bias = false; // the ".bias" part of the role
    bool required = true;
    std::string name; // full name in the chosen naming
    std::vector<std::int64_t> shape; // as stored in the file (Conv1D layout for GPT-2 HF files)
};

// Every tensor `config` needs under `naming`, in the order the forward pass reads them. `prefix` is prepended to
// Hugging Face names (GPT-2's optional "transformer.").
std::vector<ExpectedTensor> expectedTensors(
    const ModelConfig& config, TensorNaming naming = TensorNaming::HuggingFace, const std::string& prefix = "");

} // namespace core

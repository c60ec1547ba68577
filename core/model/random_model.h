#pragma once
// Seeded random-weight model folders of any size (for benchmarks and tests): config.json, model.safetensors
// and a byte-level tokenizer.json (256 byte tokens, no merges) so text prompts work too.
#include "core/formats/dtype.h"
#include "core/model/model_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct RandomModelSpec {
    // gpt2 | llama | qwen2 | explorer, or one of today's small models shaped like the real one (randomModelArchs()):
    // llama3 | mistral | qwen3 | gpt_neox | phi3 | gemma2 | gemma3 | smollm3
    std::string arch = "llama";
    int dim = 64;
    int hidden = 0; // 0: 4*dim (gpt2, explorer), 8/3*dim rounded (llama, qwen2), the real model's ratio (the others)
    int layers = 0; // 0: 2, or one whole layer pattern (gemma3: 6, smollm3: 4)
    int heads = 4;
    int kvHeads = 0; // 0: = heads
    int vocab = 256;
    int context = 256;
    std::uint64_t seed = 1;
    DType dtype = DType::F32;
    bool tied = false; // llama / qwen2: LM head shares the token embedding (as in llama2.c's stories models)
    // explorer knobs
    std::string positional = "sinusoidal";
    std::string norm = "layernorm";
    std::string placement = "post";
    std::string activation = "relu";
};

// Writes the folder (created if needed). Throws core::Error on bad sizes or I/O failure.
void writeRandomModel(const RandomModelSpec& spec, const std::string& folder);
// The names --arch accepts.
const std::vector<std::string>& randomModelArchs();

} // namespace core

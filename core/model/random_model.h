#pragma once
// Seeded random-weight model folders of any size (for benchmarks and tests): config.json, model.safetensors
// and a byte-level tokenizer.json (256 byte tokens, no merges) so text prompts work too.
#include "core/formats/dtype.h"
#include "core/model/model_config.h"

#include <cstdint>
#include <string>

namespace core {

struct RandomModelSpec {
    std::string arch = "llama"; // gpt2 | llama | qwen2 | explorer
    int dim = 64;
    int hidden = 0; // 0: 4*dim (gpt2, explorer) or 8/3*dim rounded (llama, qwen2)
    int layers = 2;
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

} // namespace core

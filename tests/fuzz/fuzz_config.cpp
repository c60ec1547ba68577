// libFuzzer harness: config.json for every architecture (gpt2, llama/mistral, qwen2, explorer; the seeds hold one of
// each and the dictionary every key). A config that parses must satisfy what the binder and executor rely on:
// validated sizes whose products fit in 64 bits and in int, a usable context of at least one position.
#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/model/model_config.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const core::ModelConfig c = core::parseModelConfig(text, "config.json");
        core::validateModelConfig(c, "config.json");
        if (c.vocab < 1 || c.dim < 1 || c.nLayers < 1 || c.nHeads < 1 || c.nKvHeads < 1 || c.headDim < 1)
            __builtin_trap();
        if (std::int64_t(c.nHeads) * c.headDim > core::limits::kMaxDimension
            || std::int64_t(c.nKvHeads) * c.headDim > core::limits::kMaxDimension)
            __builtin_trap();
        if (c.qDim() <= 0 || c.kvDim() <= 0 || c.nHeads % c.nKvHeads != 0)
            __builtin_trap();
        if (c.maxPositions < 1 || c.maxPositions > c.declaredPositions)
            __builtin_trap();
        if (c.positional != core::Positional::Learned && c.maxPositions > core::limits::kMaxContext)
            __builtin_trap();
        for (int id : c.eosIds)
            if (id < 0 || id >= c.vocab)
                __builtin_trap();
    } catch (const core::Error&) {
    }
    return 0;
}

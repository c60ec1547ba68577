#include "commands.h"
#include "model_input.h"

#include "core/exec/kv_cache.h"
#include "core/model/model_parts.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

int cmdInfo(const Words& w)
{
    Args args(w, { "json" }, { "threads" });
    const ModelInput in = loadModelInput(args, false);
    const auto& c = in.model->config();
    const std::uint64_t kvPerToken = std::uint64_t(2) * c.nLayers * c.kvDim() * sizeof(float);
    nlohmann::ordered_json j = {
        { "folder", in.model->folder() },
        { "format", core::modelFormatName(in.loaded->format) },
        { "architecture", core::archName(c.arch) },
        { "model_type", c.modelType },
        { "parameters", in.model->parameterCount() },
        { "layers", c.nLayers },
        { "heads", c.nHeads },
        { "kv_heads", c.nKvHeads },
        { "dim", c.dim },
        { "head_dim", c.headDim },
        { "hidden", c.hidden },
        { "vocab", c.vocab },
        { "context", c.maxPositions },
        { "context_in_config", c.declaredPositions }, // larger than "context" when capped (core/common/limits.h)
        { "positional", core::positionalName(c.positional) },
        { "norm", core::normName(c.norm) },
        { "norm_placement", core::placementName(c.placement) },
        { "activation", core::activationName(c.activation) },
        { "tied_embeddings", c.tiedEmbeddings },
        { "parts", core::modelParts(c) }, // what this architecture adds to the textbook transformer
        { "dtype", in.model->weightsDtype() },
        { "weights_bytes_on_disk", in.model->storedWeightBytes() },
        { "weights_bytes_in_memory", in.model->weightBytes() },
        { "kv_cache_bytes_per_token", kvPerToken },
        { "eos_token_ids", c.eosIds },
        { "tokenizer", in.tokenizer ? in.loaded->tokenizerFile : std::string() },
    };
    // How the weights are stored: per type, tensors and bytes (quantized GGUF files mix several types).
    const core::QuantSummary& q = in.loaded->quantization;
    nlohmann::ordered_json types = nlohmann::ordered_json::object();
    for (const auto& [type, per] : q.byType)
        types[core::dtypeName(type)] = { { "tensors", per.tensors }, { "values", per.values }, { "bytes", per.bytes } };
    j["quantization"] = { { "summary", q.describe() }, { "bits_per_weight", q.bitsPerWeight() }, { "types", types } };
    if (!in.loaded->metadata.empty()) {
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto& [key, value] : in.loaded->metadata)
            meta[key] = value;
        j["metadata"] = meta;
    }
    if (args.flag("json")) {
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    for (const auto& [k, v] : j.items()) {
        if (k == "quantization") {
            std::cout << k << ": " << q.describe() << "\n";
        } else if (k == "parts") {
            for (const auto& part : v)
                std::cout << "part: " << part.get<std::string>() << "\n";
        } else if (v.is_object()) {
            for (const auto& [key, value] : v.items())
                std::cout << key << ": " << value.get<std::string>() << "\n";
        } else {
            std::cout << k << ": " << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
        }
    }
    return 0;
}

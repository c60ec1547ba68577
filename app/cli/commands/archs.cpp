// `inference-cli archs`: the architecture tables (weight role -> Hugging Face and GGUF tensor names), as text or as
// the JSON that tools/reference reads (tools/reference/architectures.json is this command's output, checked by a test).
#include "commands.h"

#include "args.h"

#include "core/model/architecture.h"

#include <nlohmann/json.hpp>

#include <iostream>

int cmdArchs(const Words& w)
{
    Args args(w, { "json" }, {});
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const core::ArchitectureTable* t : core::allArchitectures()) {
        nlohmann::ordered_json tensors = nlohmann::ordered_json::array();
        for (const auto& n : t->tensors)
            tensors.push_back({ { "role", core::weightRoleName(n.role) }, { "hf", n.hf ? n.hf : "" },
                { "gguf", n.gguf ? n.gguf : "" } });
        all.push_back({ { "model_type", t->modelType }, { "gguf_architecture", t->ggufArch },
            { "hf_conv1d", t->hfConv1D }, { "hf_optional_prefix", t->hfOptionalPrefix },
            { "hf_head_absent_means_tied", t->hfHeadAbsentMeansTied }, { "tensors", tensors } });
    }
    if (args.flag("json")) {
        std::cout << all.dump(2) << "\n";
        return 0;
    }
    for (const auto& a : all) {
        std::cout << a["model_type"].get<std::string>() << "\n";
        for (const auto& t : a["tensors"])
            std::cout << "  " << t["role"].get<std::string>() << "\t" << t["hf"].get<std::string>() << "\t"
                      << t["gguf"].get<std::string>() << "\n";
    }
    return 0;
}

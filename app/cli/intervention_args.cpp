#include "intervention_args.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

core::InterventionList interventionsFromArgs(const Args& args, const core::ModelConfig& config)
{
    core::InterventionList list;
    for (const auto& spec : args.all("ablate")) {
        auto i = core::parseIntervention(spec, config);
        if (i.kind == core::InterventionKind::KnockoutEdge)
            throw core::Error("--ablate", spec, "an attention edge is knocked out with --knockout");
        list.push_back(std::move(i));
    }
    for (const auto& spec : args.all("knockout")) {
        auto i = core::parseIntervention(spec, config);
        if (i.kind != core::InterventionKind::KnockoutEdge)
            throw core::Error("--knockout", spec, "expected blk.L.head.H:QUERY->KEY (a head is ablated with --ablate)");
        list.push_back(std::move(i));
    }
    core::validateInterventions(list, config);
    return list;
}

std::int32_t tokenFromArgs(const Args& args, const std::string& option, const ModelInput& in)
{
    if (!args.has(option))
        return -1;
    const std::string text = args.text(option);
    const int vocab = in.model->config().vocab;
    if (text.size() > 1 && text[0] == '#') {
        const std::vector<std::int32_t> ids = parseIdList(text.substr(1), option.c_str());
        if (ids.size() != 1 || ids[0] >= vocab)
            throw core::Error("--" + option, text, "expected one token id below " + std::to_string(vocab));
        return ids[0];
    }
    if (!in.tokenizer)
        throw core::Error("--" + option, text, "the model has no tokenizer: give the token as #id");
    const auto ids = in.tokenizer->encodeIds(text, false);
    if (ids.size() != 1) {
        std::string pieces;
        for (auto id : ids)
            pieces += (pieces.empty() ? "" : " ") + nlohmann::json(pieceOf(in, id)).dump();
        throw core::Error("--" + option, nlohmann::json(text).dump(),
            "is " + std::to_string(ids.size()) + " tokens (" + pieces
                + "); the analyses read one token's logit: give a single-token text or #id");
    }
    return ids[0];
}

#include "intervention_args.h"

#include "core/analysis/target_token.h"
#include "core/common/error.h"

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
    return core::targetToken(in.tokenizer, in.model->config().vocab, args.text(option), "--" + option);
}

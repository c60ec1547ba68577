// inference-cli attribute: direct logit attribution of the next token's logit (or a difference of two) to the
// embedding, every head, every MLP and the biases, largest magnitude first.
#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/analysis/logit_attribution.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

int cmdAttribute(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert(kInterventionOptions.begin(), kInterventionOptions.end());
    opts.insert({ "target", "minus", "top" });
    Args args(w, { "json" }, opts);
    const ModelInput in = loadModelInput(args);
    if (!args.has("target"))
        throw UsageError("attribute needs --target TEXT (one token, e.g. \" Paris\")");
    const auto list = interventionsFromArgs(args, in.model->config());
    const std::int32_t target = tokenFromArgs(args, "target", in), minus = tokenFromArgs(args, "minus", in);
    const int top = int(args.integer("top", 1 << 20, 1, 1 << 20));
    const core::LogitAttribution a = core::attributeLogit(*in.model, in.loaded->plan, in.tokens, target, minus, list);
    auto parts = a.parts;
    std::stable_sort(
        parts.begin(), parts.end(), [](const auto& x, const auto& y) { return std::abs(x.value) > std::abs(y.value); });
    parts.resize(std::min(parts.size(), std::size_t(top)));
    const std::string what = nlohmann::json(pieceOf(in, target)).dump()
        + (minus >= 0 ? " - " + nlohmann::json(pieceOf(in, minus)).dump() : std::string());
    if (args.flag("json")) {
        nlohmann::ordered_json list10 = nlohmann::json::array();
        for (const auto& p : parts)
            list10.push_back({ { "name", p.name }, { "layer", p.layer }, { "head", p.head },
                { "node", in.loaded->plan[std::size_t(p.nodeIndex)].name }, { "value", p.value } });
        std::cout << nlohmann::ordered_json {
            { "target", target }, { "minus", minus }, { "what", what }, { "position", a.position },
            { "logit", a.logit }, { "sum", a.sum }, { "final_scale", a.finalScale },
            { "interventions", core::interventionListSpec(list) }, { "parts", list10 }
        }.dump(2) << "\n";
        return 0;
    }
    std::printf("logit %s at position %d: %.4f (sum of parts %.4f; final norm scale frozen at %.4f)\n", what.c_str(),
        a.position, a.logit, a.sum, a.finalScale);
    for (const auto& p : parts)
        std::printf("  %-18s %+9.4f\n", p.name.c_str(), p.value);
    return 0;
}

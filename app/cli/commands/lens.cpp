// inference-cli lens: the logit lens grid (sites x positions), top token and probability per cell; with --target
// also that token's probability and rank. --ablate / --knockout apply interventions.
#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/analysis/logit_lens.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

int cmdLens(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert(kInterventionOptions.begin(), kInterventionOptions.end());
    opts.insert({ "target", "top" });
    Args args(w, { "json" }, opts);
    const ModelInput in = loadModelInput(args);
    const auto list = interventionsFromArgs(args, in.model->config());
    const std::int32_t target = tokenFromArgs(args, "target", in);
    const int top = int(args.integer("top", 0, 0, 100));
    const core::LogitLens lens = core::runLogitLens(*in.model, in.loaded->plan, in.tokens, target, list);

    if (args.flag("json")) {
        nlohmann::ordered_json rows = nlohmann::json::array();
        for (int s = 0; s < int(lens.sites.size()); ++s) {
            nlohmann::ordered_json cells = nlohmann::json::array();
            for (int p = 0; p < lens.positions; ++p) {
                const auto& c = lens.cell(s, p);
                nlohmann::ordered_json cell
                    = { { "top_id", c.topId }, { "top_piece", pieceOf(in, c.topId) }, { "top_prob", c.topProb } };
                if (target >= 0) {
                    cell["target_prob"] = c.targetProb;
                    cell["target_rank"] = c.targetRank;
                }
                if (top > 0) {
                    nlohmann::ordered_json list10 = nlohmann::json::array();
                    for (const auto& t : core::lensCellTop(*in.model, in.loaded->plan, lens, s, p, top))
                        list10.push_back({ { "id", t.id }, { "piece", pieceOf(in, t.id) }, { "prob", t.probability } });
                    cell["top"] = list10;
                }
                cells.push_back(cell);
            }
            rows.push_back({ { "site", lens.sites[std::size_t(s)].name }, { "layer", lens.sites[std::size_t(s)].layer },
                { "after_attention", lens.sites[std::size_t(s)].afterAttention }, { "cells", cells } });
        }
        nlohmann::ordered_json tokens = nlohmann::json::array();
        for (auto id : in.tokens)
            tokens.push_back({ { "id", id }, { "piece", pieceOf(in, id) } });
        nlohmann::ordered_json out = { { "tokens", tokens }, { "interventions", core::interventionListSpec(list) } };
        if (target >= 0)
            out["target"] = { { "id", target }, { "piece", pieceOf(in, target) } };
        out["rows"] = rows;
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (!list.empty())
        std::printf("interventions: %s\n", core::interventionListSpec(list).c_str());
    std::printf("%-12s", "site");
    for (int p = 0; p < lens.positions; ++p)
        std::printf(" %-22s", nlohmann::json(pieceOf(in, in.tokens[std::size_t(p)])).dump().c_str());
    std::printf("\n");
    for (int s = 0; s < int(lens.sites.size()); ++s) {
        std::printf("%-12s", lens.sites[std::size_t(s)].name.c_str());
        for (int p = 0; p < lens.positions; ++p) {
            const auto& c = lens.cell(s, p);
            char cell[64];
            std::snprintf(cell, sizeof cell, "%s %.2f", nlohmann::json(pieceOf(in, c.topId)).dump().c_str(), c.topProb);
            std::printf(" %-22s", cell);
        }
        if (target >= 0) {
            const auto& c = lens.cell(s, lens.positions - 1);
            std::printf("  | %s p %.4f rank %d", nlohmann::json(pieceOf(in, target)).dump().c_str(), c.targetProb,
                c.targetRank);
        }
        std::printf("\n");
    }
    return 0;
}

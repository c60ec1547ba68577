// inference-cli heads: every attention head's detector scores (sink, previous token, induction, attention to a
// chosen position, effect on P(target) when zeroed), sortable.
#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/analysis/head_detectors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

int cmdHeads(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert({ "target", "position", "sort", "induction-length", "seed" });
    Args args(w, { "json" }, opts);
    const ModelInput in = loadModelInput(args);
    core::HeadDetectorOptions o;
    o.target = tokenFromArgs(args, "target", in);
    o.attendPosition = int(args.integer("position", -1, -1, 1 << 20));
    o.inductionLength = int(args.integer("induction-length", 16, 2, 4096));
    o.seed = std::uint64_t(args.integer("seed", 1, 0, INT64_MAX));
    const std::string sort = args.text("sort", "layer");
    const std::set<std::string> columns { "layer", "sink", "previous", "induction", "attention", "ablation" };
    if (!columns.count(sort))
        throw UsageError("--sort: expected layer, sink, previous, induction, attention or ablation");
    const core::HeadDetectorResult r = core::detectHeads(*in.model, in.loaded->plan, in.tokens, o);
    auto heads = r.heads;
    auto key = [&](const core::HeadScores& h) {
        if (sort == "sink")
            return -h.sink;
        if (sort == "previous")
            return -h.previous;
        if (sort == "induction")
            return -h.induction;
        if (sort == "attention")
            return -h.attentionTo;
        if (sort == "ablation")
            return h.ablationDelta; // the most harmful ablation first
        return double(h.layer * 100000 + h.head);
    };
    std::stable_sort(heads.begin(), heads.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); };
    if (args.flag("json")) {
        nlohmann::ordered_json rows = nlohmann::json::array();
        for (const auto& h : heads)
            rows.push_back({ { "layer", h.layer }, { "head", h.head }, { "sink", num(h.sink) },
                { "previous", num(h.previous) }, { "induction", num(h.induction) },
                { "attention_to", num(h.attentionTo) }, { "ablation_delta", num(h.ablationDelta) } });
        std::cout << nlohmann::ordered_json {
            { "tokens", in.tokens }, { "position", o.attendPosition }, { "target", o.target },
            { "baseline_target_prob", r.baselineTargetProb }, { "induction_tokens", r.inductionTokens },
            { "heads", rows }
        }.dump(2) << "\n";
        return 0;
    }
    if (o.target >= 0)
        std::printf("P(%s) = %.4f in the normal run\n", nlohmann::json(pieceOf(in, o.target)).dump().c_str(),
            r.baselineTargetProb);
    std::printf("%-6s %5s %7s %9s %10s %13s %12s\n", "layer", "head", "sink", "previous", "induction", "attention-to",
        "ablation ΔP");
    auto cell = [](double v, const char* format) {
        char text[32] = "-"; // a column that was not asked for (no --position, no --target)
        if (!std::isnan(v))
            std::snprintf(text, sizeof text, format, v);
        return std::string(text);
    };
    for (const auto& h : heads)
        std::printf("%-6d %5d %7.3f %9.3f %10.3f %13s %12s\n", h.layer, h.head, h.sink, h.previous, h.induction,
            cell(h.attentionTo, "%.3f").c_str(), cell(h.ablationDelta, "%+.4f").c_str());
    return 0;
}

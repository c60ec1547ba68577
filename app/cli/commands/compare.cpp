#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"
#include "sampling_args.h"

#include "core/decoding/comparison.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace {

std::string runLabel(const core::ComparedRun& r)
{
    switch (r.kind) {
    case core::ComparedKind::Greedy:
        return "greedy";
    case core::ComparedKind::Beam:
        return "beam " + std::to_string(r.beamWidth);
    case core::ComparedKind::Sample:
        return "sample seed " + std::to_string(r.seed);
    }
    return {};
}

} // namespace

// Greedy, beam search and seeded samples of one prompt, each with its sum of log-probabilities under the model.
int cmdCompare(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert(kSamplingOptions.begin(), kSamplingOptions.end());
    opts.insert({ "beam-width", "samples" });
    opts.insert(kInterventionOptions.begin(), kInterventionOptions.end());
    Args args(w, kSamplingFlags, opts);
    ModelInput in = loadModelInput(args);

    core::ComparisonOptions o;
    o.generation = generationFromArgs(args);
    o.sampling = samplingFromArgs(args);
    o.order = orderFromArgs(args);
    o.beamWidth = int(args.integer("beam-width", 4, 0, 64));
    o.samples = int(args.integer("samples", 3, 0, 1000));
    o.interventions = interventionsFromArgs(args, in.model->config());
    const core::Comparison c = core::compareDecodings(*in.model, in.tokenizer, in.tokens, o, nullptr, &in.loaded->plan);

    auto text = [&](const std::vector<std::int32_t>& ids) {
        return in.tokenizer ? in.tokenizer->decode(ids) : std::string();
    };
    if (args.flag("json")) {
        nlohmann::ordered_json runs = nlohmann::json::array();
        for (const auto& r : c.runs)
            runs.push_back({ { "label", runLabel(r) }, { "tokens", r.tokens }, { "probabilities", r.probabilities },
                { "sum_logprob", r.sumLogProb }, { "stop_reason", core::stopReasonName(r.stopReason) },
                { "diverges_at", r.divergesAt }, { "text", text(r.tokens) } });
        std::cout << nlohmann::ordered_json {
            { "prompt_tokens", in.tokens }, { "interventions", core::interventionListSpec(o.interventions) },
            { "runs", runs }, { "first_divergence", c.firstDivergence }
        }.dump(2) << "\n";
        return 0;
    }
    for (const auto& r : c.runs) {
        std::printf("%-16s  Σ log p %9.4f  %2zu tokens  %-14s  %s\n", runLabel(r).c_str(), r.sumLogProb,
            r.tokens.size(), core::stopReasonName(r.stopReason), nlohmann::json(text(r.tokens)).dump().c_str());
    }
    if (c.firstDivergence >= 0)
        std::fprintf(stderr, "[the runs part ways at generated token %d]\n", c.firstDivergence);
    else
        std::fprintf(stderr, "[every run picks the same tokens]\n");
    if (!o.interventions.empty())
        std::fprintf(stderr, "[every run with %s]\n", core::interventionListSpec(o.interventions).c_str());
    return 0;
}

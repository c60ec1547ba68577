#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/common/error.h"
#include "core/decoding/beam_search.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/decoding/generation_session.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

int cmdBeam(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert({ "beams", "length-penalty", "max-new-tokens", "num-return-sequences", "early-stopping" });
    opts.insert(kInterventionOptions.begin(), kInterventionOptions.end());
    Args args(w, { "json", "ignore-eos" }, opts);
    ModelInput in = loadModelInput(args);
    const auto& c = in.model->config();

    core::BeamSearchParameters p;
    p.numBeams = int(args.integer("beams", 4, 1, 64));
    p.lengthPenalty = float(args.number("length-penalty", 1.0, -100, 100));
    p.maxNewTokens = int(args.integer("max-new-tokens", 20, 1, 100000));
    p.numReturnSequences = int(args.integer("num-return-sequences", p.numBeams, 1, 64));
    const auto early = core::earlyStoppingFromName(args.text("early-stopping", "false"));
    if (!early)
        throw UsageError("--early-stopping takes true, false or never");
    p.earlyStopping = *early;
    if (!args.flag("ignore-eos")) {
        // The same EOS set a sampled generation stops at.
        const auto eos = core::endOfSequenceIds(*in.model, in.tokenizer ? &*in.tokenizer : nullptr);
        p.eosTokenIds.assign(eos.begin(), eos.end());
    }
    if (int(in.tokens.size()) + p.maxNewTokens > c.maxPositions)
        p.maxNewTokens = c.maxPositions - int(in.tokens.size());
    if (p.maxNewTokens < 1)
        throw core::Error("input", "prompt", "the prompt fills the whole context: no room to generate");

    core::EngineBeamBackend backend(*in.model, p.numBeams, int(in.tokens.size()) + p.maxNewTokens, &in.loaded->plan);
    const core::InterventionList interventions = interventionsFromArgs(args, c);
    backend.setInterventions(interventions);
    core::BeamSearch search(backend, p);
    search.run(in.tokens);

    auto text = [&](const std::vector<std::int32_t>& ids) {
        return in.tokenizer ? in.tokenizer->decode(ids) : std::string();
    };
    if (args.flag("json")) {
        nlohmann::ordered_json j = search.toJson();
        for (auto& h : j["hypotheses"])
            h["text"] = text(h["tokens"].get<std::vector<std::int32_t>>());
        j["interventions"] = core::interventionListSpec(interventions);
        j["forward_passes"] = backend.forwardPasses();
        j["weight_passes"] = backend.weightPasses(); // the beams of a step decode as one batch
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    int rank = 1;
    for (const auto& h : search.results())
        std::printf("%d. score %8.4f  logp %8.4f  len %2d%s  %s\n", rank++, h.score, h.sumLogProb, h.length,
            h.endedWithEos ? " eos" : "    ", nlohmann::json(text(h.tokens)).dump().c_str());
    std::fprintf(stderr,
        "[%d beams · %d steps · %zu tree nodes · %d forward passes in %d passes over the weights · stop: %s]\n",
        p.numBeams, search.stepCount(), search.tree().nodes().size(), backend.forwardPasses(), backend.weightPasses(),
        core::stopReasonName(search.stopReason()));
    if (!interventions.empty())
        std::fprintf(stderr, "[every beam with %s]\n", core::interventionListSpec(interventions).c_str());
    return 0;
}

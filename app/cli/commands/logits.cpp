#include "commands.h"
#include "intervention_args.h"
#include "model_input.h"

#include "core/analysis/distribution_shift.h"
#include "core/analysis/prompt_pass.h"

#include "core/exec/executor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>

int cmdLogits(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert("top");
    opts.insert(kInterventionOptions.begin(), kInterventionOptions.end());
    Args args(w, { "json", "all" }, opts);
    const ModelInput in = loadModelInput(args);
    const int top = int(args.integer("top", 10, 1, 1 << 24));
    const auto& c = in.model->config();
    const core::ExecutionPlan& plan = in.loaded->plan; // compiled once, when the model was opened
    core::KvCache cache(c, std::min<int>(c.maxPositions, int(in.tokens.size())));
    core::Executor exec(*in.model, plan);
    const core::InterventionList list = interventionsFromArgs(args, c);
    exec.setInterventions(list);
    exec.begin(in.tokens, cache, {}, core::LogitRows::Last);
    exec.run();
    const core::TensorView logits = exec.logits(), probs = exec.probs();
    // With interventions: how the next-token distribution moved against a normal run of the same prompt.
    std::optional<core::DistributionShift> shift;
    if (!list.empty()) {
        const std::vector<float> after = logits.copy();
        shift = core::distributionShift(core::promptLogits(*in.model, plan, in.tokens), after, std::min(top, 10));
    }

    std::vector<int> order(static_cast<std::size_t>(c.vocab));
    std::iota(order.begin(), order.end(), 0);
    const int n = std::min(top, c.vocab);
    std::partial_sort(order.begin(), order.begin() + n, order.end(),
        [&](int a, int b) { return logits.at(0, a) != logits.at(0, b) ? logits.at(0, a) > logits.at(0, b) : a < b; });

    if (args.flag("json")) {
        nlohmann::ordered_json tokens = nlohmann::json::array();
        for (auto id : in.tokens)
            tokens.push_back({ { "id", id }, { "piece", pieceOf(in, id) } });
        nlohmann::ordered_json topList = nlohmann::json::array();
        for (int i = 0; i < n; ++i)
            topList.push_back({ { "id", order[i] }, { "piece", pieceOf(in, order[i]) },
                { "logit", logits.at(0, order[i]) }, { "prob", probs.at(0, order[i]) } });
        nlohmann::ordered_json out = { { "tokens", tokens }, { "top", topList } };
        if (shift) {
            nlohmann::ordered_json moved = nlohmann::json::array();
            for (const auto& t : shift->tokens)
                moved.push_back({ { "id", t.id }, { "piece", pieceOf(in, t.id) }, { "logit_before", t.logitBefore },
                    { "logit_after", t.logitAfter }, { "prob_before", t.probBefore }, { "prob_after", t.probAfter },
                    { "rank_before", t.rankBefore }, { "rank_after", t.rankAfter } });
            out["interventions"] = core::interventionListSpec(list);
            out["shift"] = { { "kl_before_after", shift->klBeforeAfter }, { "tokens", moved } };
        }
        if (args.flag("all")) {
            out["logits"] = logits.copy();
            out["probs"] = probs.copy();
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "tokens:";
    for (auto id : in.tokens)
        std::cout << " " << id << nlohmann::json(pieceOf(in, id)).dump();
    std::cout << "\nnext-token candidates at position " << in.tokens.size() - 1 << ":\n";
    for (int i = 0; i < n; ++i)
        std::printf("%3d  %8d  %-20s logit %9.4f  p %.6f\n", i + 1, order[i],
            nlohmann::json(pieceOf(in, order[i])).dump().c_str(), logits.at(0, order[i]), probs.at(0, order[i]));
    if (shift) {
        std::printf("with %s, against the normal run: KL(before || after) %.6f nats\n",
            core::interventionListSpec(list).c_str(), shift->klBeforeAfter);
        for (const auto& t : shift->tokens)
            std::printf("  %8d  %-20s p %.6f -> %.6f (%+.6f)  logit %+.4f  rank %d -> %d\n", t.id,
                nlohmann::json(pieceOf(in, t.id)).dump().c_str(), t.probBefore, t.probAfter, t.probAfter - t.probBefore,
                t.logitAfter - t.logitBefore, t.rankBefore + 1, t.rankAfter + 1);
    }
    return 0;
}

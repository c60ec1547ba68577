#include "commands.h"
#include "model_input.h"

#include "core/exec/executor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <numeric>

int cmdLogits(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert("top");
    Args args(w, { "json", "all" }, opts);
    const ModelInput in = loadModelInput(args);
    const int top = int(args.integer("top", 10, 1, 1 << 24));
    const auto& c = in.model->config();
    const core::ExecutionPlan& plan = in.loaded->plan; // compiled once, when the model was opened
    core::KvCache cache(c, std::min<int>(c.maxPositions, int(in.tokens.size())));
    core::Executor exec(*in.model, plan);
    exec.begin(in.tokens, cache, {}, core::LogitRows::Last);
    exec.run();
    const core::TensorView logits = exec.logits(), probs = exec.probs();

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
    return 0;
}

#include "commands.h"
#include "model_input.h"

#include "core/plan/execution_plan.h"

#include <nlohmann/json.hpp>

#include <iostream>

int cmdPlan(const Words& w)
{
    Args args(w, { "json" }, { "threads" });
    const ModelInput in = loadModelInput(args, false);
    const core::ExecutionPlan& plan = in.loaded->plan;
    if (args.flag("json"))
        std::cout << plan.toJson().dump(2) << "\n";
    else
        std::cout << plan.toText();
    return 0;
}

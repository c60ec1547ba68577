#include "commands.h"
#include "model_input.h"

#include "core/common/error.h"
#include "core/exec/executor.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

namespace {

// Streams every event straight into the JSON document (no second copy of all tensors).
class JsonTraceSink : public core::TraceSink {
public:
    explicit JsonTraceSink(nlohmann::ordered_json& events)
        : m_events(events)
    {
    }
    void record(const core::TraceEvent& e) override
    {
        const auto& n = *e.node;
        nlohmann::ordered_json values = nlohmann::json::array();
        for (int r = 0; r < e.output.rows; ++r) {
            nlohmann::ordered_json row = nlohmann::ordered_json::array();
            for (int col = 0; col < e.output.cols; ++col)
                row.push_back(e.output.at(r, col));
            values.push_back(std::move(row));
        }
        m_events.push_back({ { "index", e.nodeIndex }, { "name", n.name }, { "kind", core::opKindName(n.kind) },
            { "label", n.label }, { "layer", n.layer }, { "head", n.head }, { "phase", e.phase.text() },
            { "positions", { e.posBegin, e.posEnd } }, { "shape", { e.output.rows, e.output.cols } },
            { "values", std::move(values) } });
    }

private:
    nlohmann::ordered_json& m_events;
};

} // namespace

int cmdTrace(const Words& w)
{
    auto opts = kInputOptions;
    opts.insert("out");
    Args args(w, {}, opts);
    if (!args.has("out"))
        throw UsageError("--out FILE.json is required");
    const ModelInput in = loadModelInput(args);
    const auto& c = in.model->config();
    const core::ExecutionPlan& plan = in.loaded->plan; // compiled once, when the model was opened
    core::KvCache cache(c, std::min<int>(c.maxPositions, int(in.tokens.size())));
    core::Executor exec(*in.model, plan);
    nlohmann::ordered_json events = nlohmann::json::array();
    JsonTraceSink sink(events);
    exec.begin(in.tokens, cache, {}, core::LogitRows::All);
    exec.run(&sink);

    nlohmann::ordered_json tokens = nlohmann::json::array();
    for (auto id : in.tokens)
        tokens.push_back({ { "id", id }, { "piece", pieceOf(in, id) } });
    const nlohmann::ordered_json doc = { { "model", in.model->folder() }, { "architecture", core::archName(c.arch) },
        { "tokens", tokens }, { "events", std::move(events) } };
    const std::string out = args.text("out");
    std::ofstream f(out, std::ios::trunc);
    if (!f)
        throw core::Error(out, "", "cannot open for writing");
    f << doc.dump() << "\n";
    if (!f)
        throw core::Error(out, "", "write failed");
    std::cerr << "wrote " << doc["events"].size() << " events to " << out << "\n";
    return 0;
}

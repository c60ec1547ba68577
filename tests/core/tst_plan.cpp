// The execution plan mirrors the architecture: norm placement, positional encoding, per-head attention steps.
#include "core/model/model_config.h"
#include "core/plan/execution_plan.h"

#include <QtTest>

#include <nlohmann/json.hpp>

namespace {
core::ModelConfig config(const std::string& extra)
{
    const std::string json = R"({"model_type":"explorer","vocab_size":100,"hidden_size":16,"intermediate_size":32,
        "num_hidden_layers":2,"num_attention_heads":4,"max_position_embeddings":32)"
        + extra + "}";
    return core::parseModelConfig(json, "config.json");
}
std::vector<std::string> names(const core::ExecutionPlan& p, int layer)
{
    std::vector<std::string> out;
    for (const auto& n : p.nodes())
        if (n.layer == layer && n.head < 0)
            out.push_back(n.name);
    return out;
}
} // namespace

class TestPlan : public QObject {
    Q_OBJECT
private slots:
    void postNormPutsNormsAfterResiduals()
    {
        const auto p = core::ExecutionPlan::compile(config(R"(,"norm_placement":"post","positional":"sinusoidal")"));
        const auto n = names(p, 0);
        const auto at = [&](const char* s) { return std::find(n.begin(), n.end(), s) - n.begin(); };
        QVERIFY(at("blk.0.attn_residual") < at("blk.0.attn_norm"));
        QVERIFY(at("blk.0.ffn_residual") < at("blk.0.ffn_norm"));
        QCOMPARE(p.indexOf("output_norm"), -1); // post-norm: no final norm
        QCOMPARE(p[1].kind, core::OpKind::AddPositional);
        QVERIFY(p[std::size_t(p.indexOf("blk.0.ffn_norm"))].endsBlock);
    }

    void preNormRopeSwiglu()
    {
        const auto p = core::ExecutionPlan::compile(
            config(R"(,"norm_placement":"pre","positional":"rope","activation":"swiglu","norm":"rmsnorm")"));
        const auto n = names(p, 1);
        QCOMPARE(n.front(), std::string("blk.1.attn_norm"));
        QVERIFY(p.indexOf("pos_embd") < 0);
        QVERIFY(p.indexOf("blk.1.rope_q") > 0 && p.indexOf("blk.1.rope_k") > 0);
        QVERIFY(p.indexOf("blk.1.ffn_gate") > 0);
        QVERIFY(p.indexOf("output_norm") > 0);
        QCOMPARE(p[std::size_t(p.indexOf("blk.1.attn_norm"))].kind, core::OpKind::RmsNorm);
        QCOMPARE(p.nodes().back().kind, core::OpKind::OutputSoftmax);
    }

    void everyHeadHasFourSteps()
    {
        const auto p = core::ExecutionPlan::compile(config(""));
        for (int h = 0; h < 4; ++h)
            for (const char* step : { "scores", "mask", "softmax", "mix" })
                QVERIFY2(p.indexOf("blk.1.head." + std::to_string(h) + "." + step) > 0, step);
        QCOMPARE(p.firstNodeOfLayer(0), p.indexOf("blk.0.attn_q") - 0 - (p.indexOf("blk.0.attn_norm") >= 0 ? 1 : 0));
        QCOMPARE(p.firstNodeOfLayer(2), p.indexOf("output_norm") >= 0 ? p.indexOf("output_norm") : p.indexOf("output"));
    }

    void jsonListsEveryNode()
    {
        const auto p = core::ExecutionPlan::compile(config(""));
        const auto j = p.toJson();
        QCOMPARE(j["nodes"].size(), p.size());
        QCOMPARE(j["nodes"][0]["kind"].get<std::string>(), std::string("embed"));
    }
};

QTEST_APPLESS_MAIN(TestPlan)
#include "tst_plan.moc"

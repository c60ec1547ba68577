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

    // Today's models: each new part is a node (or a variant on one) where its architecture puts it.
    void todaysModelsHaveTheirParts()
    {
        const auto load = [](const char* name) {
            return core::ExecutionPlan::compile(
                core::loadModelConfig(std::string(IE_TEST_DATA_DIR "/reference/random-") + name + "/config.json"));
        };
        const auto node = [](const core::ExecutionPlan& p, const std::string& name) -> const core::PlanNode& {
            const int i = p.indexOf(name);
            if (i < 0)
                throw std::runtime_error("no node " + name);
            return p[std::size_t(i)];
        };
        // Gemma 3: sqrt(dim) embeddings, QK-norm, (1 + w) norms after attention and MLP, 5 sliding layers then a
        // global one, the sliding ones rotating with the local base.
        const auto g3 = load("gemma3");
        QCOMPARE(g3[1].kind, core::OpKind::Scale);
        QVERIFY(g3.indexOf("blk.0.attn_q_norm") < g3.indexOf("blk.0.rope_q"));
        QVERIFY(node(g3, "blk.0.attn_post_norm").variant.unitOffset);
        QVERIFY(g3.indexOf("blk.0.attn_post_norm") < g3.indexOf("blk.0.attn_residual"));
        QVERIFY(g3.indexOf("blk.0.ffn_post_norm") < g3.indexOf("blk.0.ffn_residual"));
        for (int l = 0; l < 6; ++l) {
            const auto& mask = node(g3, "blk." + std::to_string(l) + ".head.0.mask");
            QCOMPARE(mask.kind, l < 5 ? core::OpKind::SlidingWindowMask : core::OpKind::CausalMask);
            QCOMPARE(node(g3, "blk." + std::to_string(l) + ".rope_k").variant.localRope, l < 5);
        }
        QCOMPARE(node(g3, "blk.0.head.1.mask").variant.window, 6);
        // Gemma 2: scores soft-capped before the mask, logits before the output softmax.
        const auto g2 = load("gemma2");
        QVERIFY(g2.indexOf("blk.0.head.0.scores_softcap") < g2.indexOf("blk.0.head.0.mask"));
        QCOMPARE(node(g2, "output_softcap").variant.cap, 30.0f);
        QCOMPARE(node(g2, "blk.1.head.0.mask").kind, core::OpKind::CausalMask);
        // GPT-NeoX: the MLP norm reads the block input (before the attention residual), a quarter of the head rotates.
        const auto neox = load("gpt_neox");
        QVERIFY(neox.indexOf("blk.0.ffn_norm") < neox.indexOf("blk.0.attn_residual"));
        QCOMPARE(node(neox, "blk.0.ffn_norm").inputs.front(), core::BufferId::X);
        QCOMPARE(node(neox, "blk.0.rope_q").variant.rotaryDims, 4);
        QVERIFY(node(neox, "blk.0.rope_q").label.find("first 4 dims") != std::string::npos);
        // SmolLM3: layer 3 has no positions at all.
        const auto smol = load("smollm3");
        QVERIFY(smol.indexOf("blk.2.rope_q") > 0);
        QCOMPARE(smol.indexOf("blk.3.rope_q"), -1);
        QCOMPARE(smol.indexOf("blk.3.rope_k"), -1);
        // Phi-3: q / k / v and gate / up read slices of fused matrices.
        const auto phi = load("phi3");
        QVERIFY(node(phi, "blk.0.attn_k").variant.fusedWeight && node(phi, "blk.0.ffn_gate").variant.fusedWeight);
        QCOMPARE(node(phi, "blk.1.head.3.mask").variant.window, 7);
        // Qwen3: QK-norm, no window.
        const auto qwen = load("qwen3");
        QCOMPARE(node(qwen, "blk.0.attn_k_norm").kind, core::OpKind::HeadNorm);
        QCOMPARE(node(qwen, "blk.0.head.0.mask").kind, core::OpKind::CausalMask);
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

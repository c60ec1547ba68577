// The RoPE view's maths (core/analysis/rope_geometry) against a hand computation and against the engine's own RoPE
// kernel, and the grouped-query map's head groups and KV-cache bytes worked out by hand.
#include "core/analysis/grouped_query.h"
#include "core/analysis/prompt_pass.h"
#include "core/analysis/rope_geometry.h"
#include "core/analysis/rope_inputs.h"
#include "core/common/error.h"
#include "core/common/tensor_view.h"
#include "core/model/model.h"
#include "core/model/random_model.h"
#include "core/model/rope_frequencies.h"
#include "core/ops/positions.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <tuple>
#include <vector>

namespace {
core::ModelConfig smallRope(int headDim, double theta)
{
    core::ModelConfig c;
    c.nLayers = 2;
    c.nHeads = 1;
    c.nKvHeads = 1;
    c.headDim = headDim;
    c.dim = headDim;
    c.maxPositions = 64;
    c.ropeTheta = theta;
    return c;
}
} // namespace

class TestRopeGeometry : public QObject {
    Q_OBJECT
private slots:
    // The RoPE view on a model's own q and k (core::ropeInputs): the geometry's q.k after the turn, times the model's
    // attention scale, is the score the engine itself computes for that head and position pair — the same number
    // reached two ways (the view's pairs, the executor's attention-scores op). Grouped-query: head 3 reads K/V head 1.
    void modelVectorsGiveTheEnginesScore()
    {
        QTemporaryDir dir;
        core::RandomModelSpec spec;
        spec.arch = "llama";
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.layers = 2;
        const std::string folder = dir.filePath(QStringLiteral("m")).toStdString();
        core::writeRandomModel(spec, folder);
        const auto model = core::Model::load(folder);
        const core::ExecutionPlan plan = core::ExecutionPlan::compile(*model);
        const std::vector<std::int32_t> tokens { 5, 17, 42, 9, 77, 3, 120, 64 };
        const core::ModelConfig& c = model->config();
        int checked = 0;
        for (const auto& [layer, head, posQ, posK] :
            { std::tuple { 1, 3, 6, 2 }, std::tuple { 0, 0, 7, 7 }, std::tuple { 1, 1, 5, 0 } }) {
            const core::RopeInputs in = core::ropeInputs(*model, plan, tokens, layer, head, posQ, posK);
            QCOMPARE(in.kvHead, head / 2);
            QCOMPARE(int(in.q.size()), c.headDim);
            const core::RopeGeometry g = core::ropeGeometry(c, layer, in.q, in.k, posQ, posK);
            int scoresNode = -1;
            for (std::size_t i = 0; i < plan.size(); ++i)
                if (plan[i].kind == core::OpKind::AttnScores && plan[i].layer == layer && plan[i].head == head)
                    scoresNode = int(i);
            QVERIFY(scoresNode >= 0);
            core::NodeCapture capture({ scoresNode });
            core::promptLogits(*model, plan, tokens, {}, &capture);
            const float engine = capture.values(scoresNode)[std::size_t(posQ * capture.cols(scoresNode) + posK)];
            const double view = g.score * c.attentionScale();
            qInfo("layer %d head %d, q at %d, k at %d: view %.7f, engine %.7f", layer, head, posQ, posK, view,
                double(engine));
            QVERIFY(std::abs(view - engine) <= 1e-5 * std::max(1.0, std::abs(view)));
            ++checked;
        }
        QCOMPARE(checked, 3);
        QVERIFY_THROWS_EXCEPTION(core::Error, core::ropeInputs(*model, plan, tokens, 0, 0, 8, 0)); // past the prompt
        QVERIFY_THROWS_EXCEPTION(core::Error, core::ropeInputs(*model, plan, tokens, 0, 4, 1, 0)); // no head 4
    }

    // headDim 4, theta 100: frequencies 1 and 100^(-1/2) = 0.1; pairs (d0, d2) and (d1, d3).
    // q = (1, 2, 3, 4) at position 3, k = (0.5, -1, 2, 0.25) at position 1. By hand (rotation by angle a:
    // (x cos a - y sin a, x sin a + y cos a)):
    //   pair 0: q (1, 3) by 3 rad -> (-1.41335252, -2.82885748); k (0.5, 2) by 1 rad -> (-1.41279082, 1.50134010);
    //           dot -2.25030572
    //   pair 1: q (2, 4) by 0.3 rad -> (0.72859215, 4.41238660); k (-1, 0.25) by 0.1 rad -> (-1.01996252, 0.14891762);
    //           dot -0.08605459
    //   q.k after RoPE: -2.33636031; without: 0.5 - 2 + 6 + 1 = 5.5
    void handComputation()
    {
        const core::ModelConfig c = smallRope(4, 100.0);
        const std::vector<float> q { 1, 2, 3, 4 }, k { 0.5f, -1, 2, 0.25f };
        const core::RopeGeometry g = core::ropeGeometry(c, 0, q, k, 3, 1);
        QVERIFY(g.rotates);
        QCOMPARE(g.rotaryDim, 4);
        QCOMPARE(int(g.pairs.size()), 2);
        QCOMPARE(g.pairs[1].dimA, 1);
        QCOMPARE(g.pairs[1].dimB, 3);
        QVERIFY(std::abs(g.pairs[0].frequency - 1.0) < 1e-12);
        QVERIFY(std::abs(g.pairs[1].frequency - 0.1) < 1e-12);
        QVERIFY(std::abs(g.pairs[0].qRotated[0] - -1.41335252) < 1e-7);
        QVERIFY(std::abs(g.pairs[0].qRotated[1] - -2.82885748) < 1e-7);
        QVERIFY(std::abs(g.pairs[1].kRotated[0] - -1.01996252) < 1e-7);
        QVERIFY(std::abs(g.pairs[0].score - -2.25030572) < 1e-7);
        QVERIFY(std::abs(g.pairs[1].score - -0.08605459) < 1e-7);
        QVERIFY(std::abs(g.score - -2.33636031) < 1e-7);
        QCOMPARE(g.plainScore, 5.5);
        // Only the distance counts: 3 - 1 = 2, and at distance 0 the rotation cancels.
        QVERIFY(std::abs(core::scoreAtDistance(g, 2) - g.score) < 1e-12);
        QVERIFY(std::abs(core::scoreAtDistance(g, 0) - g.plainScore) < 1e-12);
    }

    // The same score as the engine's RoPE kernel gives: rotate q at posQ and k at posK, then dot them. Partial
    // rotary (8 of 12 dims), Llama 3 scaling.
    void agreesWithTheKernel()
    {
        core::ModelConfig c = smallRope(12, 10000.0);
        c.ropeDim = 8;
        c.ropeScaling.kind = core::RopeScalingKind::Llama3;
        c.ropeScaling.factor = 8;
        c.ropeScaling.lowFreqFactor = 1;
        c.ropeScaling.highFreqFactor = 2; // wavelengths below 8 kept (pair 0: 2 pi), above 16 slowed (pairs 1-3)
        c.ropeScaling.originalContext = 16;
        std::vector<float> q(12), k(12);
        for (int i = 0; i < 12; ++i) {
            q[std::size_t(i)] = std::sin(1.7f * i + 0.3f);
            k[std::size_t(i)] = std::cos(0.9f * i - 1.1f);
        }
        const int posQ = 37, posK = 5;
        const std::vector<double> freq = core::ropeFrequencies(c);
        std::vector<float> cosT(std::size_t(c.maxPositions) * 4), sinT(cosT.size());
        for (int p = 0; p < c.maxPositions; ++p)
            for (int i = 0; i < 4; ++i) {
                cosT[std::size_t(p * 4 + i)] = float(std::cos(p * freq[std::size_t(i)]));
                sinT[std::size_t(p * 4 + i)] = float(std::sin(p * freq[std::size_t(i)]));
            }
        core::RowMatrix qm(1, 12), km(1, 12);
        for (int i = 0; i < 12; ++i) {
            qm(0, i) = q[std::size_t(i)];
            km(0, i) = k[std::size_t(i)];
        }
        core::ops::rope(qm, posQ, 1, 12, cosT.data(), sinT.data(), 8);
        core::ops::rope(km, posK, 1, 12, cosT.data(), sinT.data(), 8);
        const double kernel = double((qm.array() * km.array()).sum());
        const core::RopeGeometry g = core::ropeGeometry(c, 1, q, k, posQ, posK);
        QCOMPARE(g.rotaryDim, 8);
        QCOMPARE(int(g.pairs.size()), 4);
        std::printf("    kernel %.7f, geometry %.7f\n", kernel, g.score);
        QVERIFY2(std::abs(kernel - g.score) < 1e-5, qPrintable(QString::number(kernel - g.score)));
        QVERIFY(std::abs(core::scoreAtDistance(g, posQ - posK) - g.score) < 1e-9);
        // The 4 dims past the rotary part pass unchanged: their dot is the pass-through score.
        double pass = 0;
        for (int i = 8; i < 12; ++i)
            pass += double(q[std::size_t(i)]) * k[std::size_t(i)];
        QVERIFY(std::abs(g.passScore - pass) < 1e-12);
        // Llama 3: the slowest pair is divided by the factor, the fastest kept.
        QVERIFY(std::abs(g.pairs[3].frequency - g.pairs[3].unscaledFrequency / 8) < 1e-15);
        QCOMPARE(g.pairs[0].frequency, g.pairs[0].unscaledFrequency);
    }

    void noPeLayer()
    {
        core::ModelConfig c = smallRope(4, 100.0);
        c.layerNoRope = { false, true };
        const std::vector<float> q { 1, 2, 3, 4 }, k { 0.5f, -1, 2, 0.25f };
        const core::RopeGeometry g = core::ropeGeometry(c, 1, q, k, 3, 1);
        QVERIFY(!g.rotates);
        QVERIFY(g.pairs.empty());
        QCOMPARE(g.score, 5.5);
        QCOMPARE(core::scoreAtDistance(g, 40), 5.5);
        QVERIFY(core::ropeGeometry(c, 0, q, k, 3, 1).rotates);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, core::ropeGeometry(c, 2, q, k, 0, 0));
    }

    // 8 query heads sharing 2 K/V heads, 3 layers of head_dim 16, 100 positions in F32:
    // 2 * 3 * 100 * 2 * 16 * 4 = 76800 bytes against 2 * 3 * 100 * 8 * 16 * 4 = 307200 for full MHA.
    void groupedQueryMap()
    {
        core::ModelConfig c = smallRope(16, 10000.0);
        c.nLayers = 3;
        c.nHeads = 8;
        c.nKvHeads = 2;
        const core::GroupedQueryMap m = core::groupedQueryMap(c, 100);
        QCOMPARE(m.groupSize, 4);
        QCOMPARE(m.kvHeadOf, (std::vector<int> { 0, 0, 0, 0, 1, 1, 1, 1 }));
        QCOMPARE(m.cacheBytes, std::uint64_t(76800));
        QCOMPARE(m.fullMhaBytes, std::uint64_t(307200));
        QCOMPARE(m.savedBytes(), std::uint64_t(230400));
        QCOMPARE(m.bytesPerToken(), std::uint64_t(768));
        QCOMPARE(core::groupedQueryMap(c).context, 64); // default: the model's context
    }
};

QTEST_APPLESS_MAIN(TestRopeGeometry)
#include "tst_ropegeometry.moc"

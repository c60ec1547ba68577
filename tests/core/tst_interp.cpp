// The interpretability bench on seeded random models (llama: pre-RMSNorm + RoPE; gpt2: pre-LayerNorm + learned
// positions + biases; explorer: post-norm): interventions as data (parse, bounds, an empty list is bit-identical),
// the logit lens at the last block is the model's own distribution (<= 1e-5), attribution parts sum to the logit
// (<= 1e-4 relative), patching every position at block 0 reproduces the clean run exactly, the induction detector
// is near chance on random weights. Agreement with PyTorch ablations: tst_reference (ablation fixtures).
#include "core/analysis/activation_patching.h"
#include "core/analysis/distribution_shift.h"
#include "core/analysis/head_detectors.h"
#include "core/analysis/logit_attribution.h"
#include "core/analysis/logit_lens.h"
#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/exec/executor.h"
#include "core/model/model.h"
#include "core/model/random_model.h"

#include <nlohmann/json.hpp>

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace core;

namespace {

std::unique_ptr<Model> randomModel(const QTemporaryDir& dir, const char* arch, const char* placement = "pre")
{
    RandomModelSpec spec;
    spec.arch = arch;
    spec.dim = 32;
    spec.layers = 2;
    spec.heads = 4;
    spec.vocab = 256;
    spec.context = 64;
    spec.seed = 7;
    spec.placement = placement;
    const std::string folder = dir.filePath(QString(arch) + placement).toStdString();
    if (!QFileInfo::exists(QString::fromStdString(folder + "/config.json")))
        writeRandomModel(spec, folder);
    return Model::load(folder);
}

const std::vector<std::int32_t> kPrompt { 3, 17, 42, 5, 9, 33, 12, 60 };

// logits of every position (T, vocab) of a plain run, or of a run with `list` set on the executor
std::vector<float> allLogits(const Model& m, const ExecutionPlan& plan, const InterventionList* list)
{
    KvCache cache(m.config(), int(kPrompt.size()));
    Executor exec(m, plan);
    if (list)
        exec.setInterventions(*list);
    exec.begin(kPrompt, cache, {}, LogitRows::All);
    exec.run();
    return exec.logits().copy();
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b)
{
    double d = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        d = std::max(d, std::abs(double(a[i]) - double(b[i])));
    return d;
}

} // namespace

class TestInterp : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    void parsesTheCliSyntax()
    {
        const auto m = randomModel(dir, "llama");
        const auto& c = m->config();
        QCOMPARE(parseIntervention("blk.1.head.2", c), Intervention::zeroHead(1, 2));
        QCOMPARE(parseIntervention("blk.1.head.2:mean", c), Intervention::meanHead(1, 2));
        QCOMPARE(parseIntervention("blk.0.mlp", c), Intervention::ablateMlp(0));
        QCOMPARE(parseIntervention("blk.1.attn", c), Intervention::ablateAttention(1));
        QCOMPARE(parseIntervention("blk.1.head.3:8->4", c), Intervention::knockout(1, 3, 8, 4));
        for (const char* spec : { "blk.1.head.2", "blk.1.head.2:mean", "blk.0.mlp", "blk.1.attn", "blk.0.head.1:5->0" })
            QCOMPARE(interventionSpec(parseIntervention(spec, c)), std::string(spec));
    }

    void refusesBadSpecsNamingThem_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("why");
        QTest::newRow("layer out of range") << "blk.2.mlp"
                                            << "layer 2 is outside the model's layers [0, 2)";
        QTest::newRow("head out of range") << "blk.0.head.4"
                                           << "head 4 is outside";
        QTest::newRow("key after query") << "blk.0.head.1:3->5"
                                         << "key position 5 must be in [0, 3]";
        QTest::newRow("query past the context") << "blk.0.head.1:64->5"
                                                << "outside the context [0, 64)";
        QTest::newRow("unknown mode") << "blk.0.head.1:max"
                                      << "unknown head mode";
        QTest::newRow("not a number") << "blk.x.mlp"
                                      << "not a whole number";
        QTest::newRow("unknown part") << "blk.0.ffn"
                                      << "expected blk.L.head.H";
        QTest::newRow("negative") << "blk.-1.mlp"
                                  << "not a whole number";
    }
    void refusesBadSpecsNamingThem()
    {
        QFETCH(QString, spec);
        QFETCH(QString, why);
        const auto m = randomModel(dir, "llama");
        try {
            parseIntervention(spec.toStdString(), m->config());
            QFAIL("accepted");
        } catch (const Error& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains(spec) && msg.contains(why), qPrintable(msg));
        }
    }

    void knockoutsMustLeaveAKey()
    {
        const auto m = randomModel(dir, "llama");
        // query 1 sees keys 0 and 1; knocking out both would leave its softmax nothing
        const InterventionList list { Intervention::knockout(0, 0, 1, 0), Intervention::knockout(0, 0, 1, 1) };
        QVERIFY_THROWS_EXCEPTION(Error, validateInterventions(list, m->config()));
        validateInterventions({ list[0] }, m->config());
    }

    void jsonRoundTrip()
    {
        const auto m = randomModel(dir, "llama");
        const InterventionList list { Intervention::zeroHead(1, 2), Intervention::meanHead(0, 1),
            Intervention::ablateMlp(1), Intervention::ablateAttention(0), Intervention::knockout(1, 3, 6, 2),
            Intervention::patchHead(0, 1, 3, std::vector<float>(std::size_t(m->config().headDim), 0.5f)) };
        QCOMPARE(interventionsFromJson(interventionsToJson(list), m->config()), list);
        nlohmann::json bad = interventionsToJson(list);
        bad[1]["head"] = 9;
        try {
            interventionsFromJson(bad, m->config());
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("interventions[1].head"), e.what());
        }
    }

    void eachInterventionNamesItsNode()
    {
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        auto nodeOf = [&](const Intervention& i) { return plan[std::size_t(interventionNode(plan, i))]; };
        QCOMPARE(nodeOf(Intervention::zeroHead(1, 2)).part, NodePart::Mix);
        QCOMPARE(nodeOf(Intervention::zeroHead(1, 2)).head, 2);
        QCOMPARE(nodeOf(Intervention::meanHead(0, 3)).layer, 0);
        QCOMPARE(nodeOf(Intervention::knockout(1, 1, 4, 2)).part, NodePart::Mask);
        QCOMPARE(nodeOf(Intervention::ablateAttention(1)).part, NodePart::AttnOut);
        QCOMPARE(nodeOf(Intervention::ablateMlp(0)).part, NodePart::DownProj);
        QCOMPARE(nodeOf(Intervention::ablateMlp(0)).layer, 0);
        const PlanNode entering = nodeOf(Intervention::patchResidual(1, 0, {}));
        QVERIFY(entering.endsBlock && entering.layer == 0);
        QCOMPARE(nodeOf(Intervention::patchResidual(0, 0, {})).part, NodePart::TokenEmbedding);
    }

    void emptyListIsBitIdentical()
    {
        for (const char* arch : { "llama", "gpt2" }) {
            const auto m = randomModel(dir, arch);
            const auto plan = ExecutionPlan::compile(*m);
            const InterventionList none;
            const auto plain = allLogits(*m, plan, nullptr), empty = allLogits(*m, plan, &none);
            QCOMPARE(plain.size(), empty.size());
            QVERIFY(std::memcmp(plain.data(), empty.data(), plain.size() * sizeof(float)) == 0);
            // and an intervention does change the run (so the comparison above can fail)
            const InterventionList one { Intervention::zeroHead(0, 1) };
            QVERIFY(maxAbsDiff(plain, allLogits(*m, plan, &one)) > 1e-4);
        }
    }

    void headAblationsAddUpToTheAttentionLayer()
    {
        // llama has no o_proj bias: zeroing every head of a layer is removing its attention sub-layer
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        InterventionList heads;
        for (int h = 0; h < m->config().nHeads; ++h)
            heads.push_back(Intervention::zeroHead(1, h));
        const InterventionList layer { Intervention::ablateAttention(1) };
        const double d = maxAbsDiff(allLogits(*m, plan, &heads), allLogits(*m, plan, &layer));
        std::printf("    all heads zeroed vs attention removed: max |diff| %.2e\n", d);
        QVERIFY(d <= 1e-5);
    }

    void knockoutRemovesTheEdge()
    {
        const auto m = randomModel(dir, "gpt2");
        const auto plan = ExecutionPlan::compile(*m);
        const int softmax = [&] {
            for (std::size_t n = 0; n < plan.size(); ++n)
                if (plan[n].part == NodePart::Softmax && plan[n].layer == 1 && plan[n].head == 2)
                    return int(n);
            return -1;
        }();
        NodeCapture before({ softmax }), after({ softmax });
        promptLogits(*m, plan, kPrompt, {}, &before);
        promptLogits(*m, plan, kPrompt, { Intervention::knockout(1, 2, 6, 3) }, &after);
        const auto& a = after.values(softmax);
        const int T = int(kPrompt.size());
        QVERIFY(before.values(softmax)[6 * T + 3] > 0);
        QCOMPARE(a[6 * T + 3], 0.0f);
        double row = 0;
        for (int k = 0; k < T; ++k)
            row += a[std::size_t(6 * T + k)];
        QVERIFY(std::abs(row - 1) < 1e-5);
        for (int q = 0; q < T; ++q) // other rows untouched
            if (q != 6)
                for (int k = 0; k < T; ++k)
                    QCOMPARE(a[std::size_t(q * T + k)], before.values(softmax)[std::size_t(q * T + k)]);
    }

    void meanAblationReusesThePromptMeanWhenDecoding()
    {
        // A decode step with a mean-ablated head must see the prompt's mean, not its own single row: then the
        // step's logits equal a prefill of the whole sequence whose head mean is computed over the prompt only,
        // which we get by patching that head with the prompt mean at every position.
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        const int mix = [&] {
            for (std::size_t n = 0; n < plan.size(); ++n)
                if (plan[n].part == NodePart::Mix && plan[n].layer == 0 && plan[n].head == 1)
                    return int(n);
            return -1;
        }();
        const int T = int(kPrompt.size()), hd = m->config().headDim;
        KvCache cache(m->config(), T + 1);
        Executor exec(*m, plan);
        exec.setInterventions({ Intervention::meanHead(0, 1) });
        NodeCapture prefill({ mix });
        exec.begin(kPrompt, cache, {}, LogitRows::Last);
        exec.run(&prefill);
        const std::vector<float> mean(prefill.values(mix).begin(), prefill.values(mix).begin() + hd);
        const std::int32_t next = 21;
        exec.begin(std::span(&next, 1), cache, { PhaseKind::Decode, 1 }, LogitRows::Last);
        exec.run();
        const auto decoded = exec.logits().copy();

        std::vector<std::int32_t> all = kPrompt;
        all.push_back(next);
        InterventionList patches;
        for (int p = 0; p <= T; ++p)
            patches.push_back(Intervention::patchHead(0, 1, p, mean));
        const double d = maxAbsDiff(decoded, promptLogits(*m, plan, all, patches));
        std::printf("    mean-ablated decode step vs prompt-mean patch: max |diff| %.2e\n", d);
        QVERIFY(d <= 1e-5);
    }

    void lensAtTheLastBlockIsTheOutput()
    {
        for (const char* arch : { "llama", "gpt2" }) {
            const auto m = randomModel(dir, arch);
            const auto plan = ExecutionPlan::compile(*m);
            const std::int32_t target = 11;
            const LogitLens lens = runLogitLens(*m, plan, kPrompt, target);
            QCOMPARE(int(lens.sites.size()), 1 + 2 * m->config().nLayers);
            QCOMPARE(lens.positions, int(kPrompt.size()));
            QVERIFY(std::all_of(lens.filled.begin(), lens.filled.end(), [](bool f) { return f; }));
            KvCache cache(m->config(), int(kPrompt.size()));
            Executor exec(*m, plan);
            exec.begin(kPrompt, cache, {}, LogitRows::All);
            exec.run();
            const TensorView probs = exec.probs();
            const int last = int(lens.sites.size()) - 1, V = m->config().vocab;
            double worst = 0;
            for (int p = 0; p < lens.positions; ++p) {
                const auto top = lensCellTop(*m, plan, lens, last, p, V);
                for (const auto& t : top)
                    worst = std::max(worst, std::abs(double(t.probability) - double(probs.at(p, t.id))));
                const LensCell& cell = lens.cell(last, p);
                QCOMPARE(cell.topId, top[0].id);
                QVERIFY(std::abs(cell.targetProb - probs.at(p, target)) <= 1e-5);
                int rank = 0;
                for (int i = 0; i < V; ++i)
                    rank += probs.at(p, i) > probs.at(p, target);
                QCOMPARE(cell.targetRank, rank);
            }
            std::printf("    %s: lens at the last block vs output softmax: max |diff| %.2e\n", arch, worst);
            QVERIFY(worst <= 1e-5);
            // earlier rows differ from the output (the lens is not a copy of the last row)
            QVERIFY(lens.cell(1, lens.positions - 1).topProb != lens.cell(last, lens.positions - 1).topProb);
        }
    }

    void lensFillsRowByRow()
    {
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        std::vector<int> rows;
        LogitLensRecorder recorder(*m, plan, -1, [&](int site) { rows.push_back(site); });
        KvCache cache(m->config(), int(kPrompt.size()));
        Executor exec(*m, plan);
        exec.begin(kPrompt, cache, {}, LogitRows::Last);
        while (!exec.finished()) {
            const int before = int(rows.size());
            exec.step(&recorder);
            for (int s = before; s < int(rows.size()); ++s) // a row appears exactly when its node ran
                QCOMPARE(recorder.lens().sites[std::size_t(rows[std::size_t(s)])].nodeIndex, exec.cursor() - 1);
        }
        QCOMPARE(rows, std::vector<int>({ 0, 1, 2, 3, 4 }));
    }

    void attributionSumsToTheLogit()
    {
        for (const char* arch : { "llama", "gpt2" }) {
            const auto m = randomModel(dir, arch);
            const auto plan = ExecutionPlan::compile(*m);
            for (const std::int32_t minus : { -1, 40 }) {
                const LogitAttribution a = attributeLogit(*m, plan, kPrompt, 11, minus);
                const std::size_t expected = 1 + std::size_t(m->config().nLayers) * (m->config().nHeads + 1)
                    + (m->config().outBias ? m->config().nLayers : 0) + (std::string(arch) == "gpt2" ? 1 : 0);
                QCOMPARE(a.parts.size(), expected);
                double sum = 0;
                for (const auto& p : a.parts)
                    sum += p.value;
                const double rel = std::abs(sum - a.logit) / std::max(1.0, std::abs(a.logit));
                std::printf("    %s minus %d: logit %.6f, parts sum %.6f, relative diff %.2e\n", arch, minus, a.logit,
                    sum, rel);
                QVERIFY(rel <= 1e-4);
                const auto logits = promptLogits(*m, plan, kPrompt);
                QCOMPARE(a.logit, double(logits[11]) - (minus >= 0 ? double(logits[40]) : 0.0));
            }
        }
    }

    void attributionRefusesPostNorm()
    {
        const auto m = randomModel(dir, "explorer", "post");
        const auto plan = ExecutionPlan::compile(*m);
        try {
            attributeLogit(*m, plan, kPrompt, 1);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("pre-norm"), e.what());
        }
    }

    void patchingEveryPositionAtBlockZeroIsTheCleanRun()
    {
        for (const char* arch : { "llama", "gpt2" }) {
            const auto m = randomModel(dir, arch);
            const auto plan = ExecutionPlan::compile(*m);
            std::vector<std::int32_t> corrupted = kPrompt;
            corrupted[3] = 50;
            const CleanActivations clean = recordCleanActivations(*m, plan, kPrompt);
            InterventionList all;
            const int dim = m->config().dim;
            for (int p = 0; p < int(kPrompt.size()); ++p) {
                const float* row = clean.residualPre[0].data() + std::size_t(p) * dim;
                all.push_back(Intervention::patchResidual(0, p, std::vector<float>(row, row + dim)));
            }
            const auto patched = promptLogits(*m, plan, corrupted, all);
            QCOMPARE(patched.size(), clean.logits.size());
            QVERIFY(std::memcmp(patched.data(), clean.logits.data(), patched.size() * sizeof(float)) == 0);
            QVERIFY(maxAbsDiff(promptLogits(*m, plan, corrupted), clean.logits) > 1e-4);
        }
    }

    void patchingGrid()
    {
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        std::vector<std::int32_t> corrupted = kPrompt;
        corrupted[3] = 50;
        int calls = 0, lastTotal = 0;
        PatchingOptions o;
        o.target = 11;
        o.minus = 40;
        o.progress = [&](int done, int total) {
            ++calls;
            QCOMPARE(done, calls);
            lastTotal = total;
        };
        const PatchingResult r = runActivationPatching(*m, plan, kPrompt, corrupted, o);
        const int L = m->config().nLayers, T = int(kPrompt.size()), H = m->config().nHeads;
        QCOMPARE(lastTotal, L * T + L * H);
        QCOMPARE(calls, lastTotal);
        QVERIFY(!r.cancelled);
        // block 0, the changed position: the whole difference is in that row, so patching it restores everything;
        // positions before it never saw the change (restore nothing)
        QVERIFY(std::abs(r.residualAt(0, 3) - 1.0) < 1e-4);
        for (int p = 0; p < 3; ++p)
            QVERIFY(std::abs(r.residualAt(0, p)) < 1e-6);
        for (double v : r.head)
            QVERIFY(std::isfinite(v));
        // cancel stops before the next pass
        std::atomic<bool> cancel { false };
        PatchingOptions c = o;
        c.cancel = &cancel;
        c.progress = [&](int done, int) {
            if (done == 3)
                cancel = true;
        };
        const PatchingResult stopped = runActivationPatching(*m, plan, kPrompt, corrupted, c);
        QVERIFY(stopped.cancelled);
        QVERIFY(std::isnan(stopped.residual[3]));
        // unequal lengths are refused
        QVERIFY_THROWS_EXCEPTION(Error,
            runActivationPatching(*m, plan, kPrompt, std::vector<std::int32_t>(kPrompt.begin(), kPrompt.end() - 1), o));
    }

    void headDetectorsOnRandomWeights()
    {
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        HeadDetectorOptions o;
        o.target = 11;
        o.attendPosition = 2;
        const HeadDetectorResult r = detectHeads(*m, plan, kPrompt, o);
        QCOMPARE(int(r.heads.size()), m->config().nLayers * m->config().nHeads);
        QCOMPARE(int(r.inductionTokens.size()), 2 * o.inductionLength);
        double worst = 0;
        for (const auto& h : r.heads) {
            worst = std::max(worst, h.induction);
            QVERIFY(h.sink >= 0 && h.sink <= 1 && h.previous >= 0 && h.previous <= 1);
            QVERIFY(std::isfinite(h.attentionTo) && std::isfinite(h.ablationDelta));
        }
        // random weights attend almost evenly: about 1 / (position + 1), ~0.04 on a 2 x 16 sequence
        std::printf("    random weights: best induction score %.3f\n", worst);
        QVERIFY(worst < 0.1);
        // the ablation column is what a zero-ablated run gives
        const auto p = softmaxOf(promptLogits(*m, plan, kPrompt, { Intervention::zeroHead(1, 2) }));
        QCOMPARE(r.heads[std::size_t(1 * m->config().nHeads + 2)].ablationDelta, p[11] - r.baselineTargetProb);
        QCOMPARE(repeatedRandomTokens(256, 16, 3), repeatedRandomTokens(256, 16, 3));
    }

    // tests/data/interp/induction-llama: 2 layers x 4 heads trained on repeated random sequences
    // (tools/interp/train_induction_model.py), the setting where induction heads form. The detector must find them:
    // a previous-token head in layer 0 and induction heads in layer 1 that compose with it (zeroing the
    // previous-token head breaks them), far above the random-weight scores of headDetectorsOnRandomWeights.
    void detectsInductionHeadsInATrainedModel()
    {
        const auto m = Model::load(IE_TEST_DATA_DIR "/interp/induction-llama");
        const auto plan = ExecutionPlan::compile(*m);
        const std::vector<std::int32_t> prompt { 1, 2, 3, 4 };
        const HeadDetectorResult r = detectHeads(*m, plan, prompt, {});
        const HeadScores* induction = &r.heads[0];
        const HeadScores* previous = &r.heads[0];
        for (const auto& h : r.heads) {
            if (h.induction > induction->induction)
                induction = &h;
            if (h.previous > previous->previous)
                previous = &h;
        }
        std::printf("    trained: induction head %d.%d scores %.3f; previous-token head %d.%d scores %.3f\n",
            induction->layer, induction->head, induction->induction, previous->layer, previous->head,
            previous->previous);
        QVERIFY(induction->induction > 0.6);
        QCOMPARE(induction->layer, 1);
        QVERIFY(previous->previous > 0.8);
        QCOMPARE(previous->layer, 0);

        // The circuit: the induction head finds "the token after the previous occurrence" through the previous-token
        // head's output. Zero that head and the induction attention collapses.
        const int nodes = [&] {
            for (std::size_t n = 0; n < plan.size(); ++n)
                if (plan[n].part == NodePart::Softmax && plan[n].layer == induction->layer
                    && plan[n].head == induction->head)
                    return int(n);
            return -1;
        }();
        NodeCapture probs({ nodes });
        promptLogits(*m, plan, r.inductionTokens, { Intervention::zeroHead(previous->layer, previous->head) }, &probs);
        const int n = int(r.inductionTokens.size()) / 2;
        double ablated = 0;
        for (int q = n; q < 2 * n; ++q)
            ablated += probs.values(nodes)[std::size_t(q * 2 * n + q - n + 1)];
        ablated /= n;
        std::printf("    with the previous-token head zeroed the induction score drops to %.3f\n", ablated);
        QVERIFY(ablated < induction->induction / 2);
    }

    void distributionShiftOfAnAblation()
    {
        const auto m = randomModel(dir, "llama");
        const auto plan = ExecutionPlan::compile(*m);
        const auto before = promptLogits(*m, plan, kPrompt);
        const DistributionShift same = distributionShift(before, before, 5);
        QCOMPARE(same.klBeforeAfter, 0.0);
        QCOMPARE(int(same.tokens.size()), 5);
        const auto after = promptLogits(*m, plan, kPrompt, { Intervention::ablateMlp(1) });
        const DistributionShift s = distributionShift(before, after, 5);
        QVERIFY(s.klBeforeAfter > 0);
        QVERIFY(s.tokens.size() >= 5);
        QCOMPARE(s.tokens[0].rankBefore, 0);
    }
};

QTEST_APPLESS_MAIN(TestInterp)
#include "tst_interp.moc"

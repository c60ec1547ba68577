// DecodingController: the sampler re-runs on the same logits when parameters move (no forward pass), top-k = 1
// leaves one kept row, every stop reason is reported as the session saw it, step back gives the same token again,
// a long generation is cancellable while the event loop keeps running, and the beam tree arrives whole.
#include "random_model.h"

#include "ui/decoding/beam_hypothesis_model.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/decoding/probability_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

using ui::DecodingController;

class TestDecodingController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void temperatureResamplesWithoutForwardPass();
    void topKOneKeepsOneRow();
    void stopReason_data();
    void stopReason();
    void stepBackGivesTheSameToken();
    void generationIsCancellable();
    void beamTreeArrivesWhole();
    void comparisonSideBySide();
    void contextCurveToTheLimit();

private:
    // A controller with the small model loaded and a prompt prefilled.
    void ready(DecodingController& c, const QString& folder = {});
    QTemporaryDir m_dir;
    QString m_model;
};

static const std::vector<std::int32_t> kPrompt { 72, 101, 108, 108, 111 }; // "Hello" in byte tokens

void TestDecodingController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestDecodingController::ready(DecodingController& c, const QString& folder)
{
    QSignalSpy loaded(&c, &DecodingController::modelReady);
    c.loadModel(folder.isEmpty() ? m_model : folder);
    QVERIFY(loaded.wait(10000));
    QSignalSpy sampled(&c, &DecodingController::sampled);
    c.setPrompt(kPrompt);
    QVERIFY(sampled.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);
}

void TestDecodingController::temperatureResamplesWithoutForwardPass()
{
    DecodingController c;
    ready(c);
    QCOMPARE(c.forwardPasses(), 1); // the prefill
    const double before = c.lastSampling().table.rows.front().cells.back().probability;

    core::SamplingParameters p;
    for (float t : { 0.5f, 0.3f, 2.0f, 1.5f }) { // a dragged slider
        p.temperature = t;
        c.setSampling(p);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);
    const auto& s = c.lastSampling();
    QCOMPARE(c.sampling().temperature, 1.5f);
    QVERIFY(s.table.settings.size() == s.table.columns.size());
    const double after = s.table.rows.front().cells.back().probability;
    QVERIFY2(after < before,
        qPrintable(QStringLiteral("T = 1.5 should flatten the top probability: %1 -> %2").arg(before).arg(after)));
    QCOMPARE(s.forwardPasses, 1);
    QCOMPARE(c.forwardPasses(), 1);

    ui::ProbabilityTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(s);
    QCOMPARE(model.rowCount(), c.tableRows());
    QCOMPARE(model.columnCount(), 2 + int(s.table.columns.size()));
}

void TestDecodingController::topKOneKeepsOneRow()
{
    DecodingController c;
    ready(c);
    ui::ProbabilityTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&c, &DecodingController::sampled, &model, &ui::ProbabilityTableModel::setSnapshot);
    model.setSnapshot(c.lastSampling());
    QVERIFY(model.keptRowCount() > 1);
    core::SamplingParameters p;
    p.topK = 1;
    c.setSampling(p);
    QTRY_COMPARE_WITH_TIMEOUT(model.keptRowCount(), 1, 5000);
    QCOMPARE(model.chosenRow(), 0); // the single survivor is drawn
    QVERIFY(model.index(0, 0).data(ui::ProbabilityTableModel::ChosenRole).toBool());
    QVERIFY(!model.index(1, 0).data(ui::ProbabilityTableModel::KeptRole).toBool());
    QCOMPARE(c.forwardPasses(), 1);
    c.setTableRows(5);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, 5000);
}

void TestDecodingController::stopReason_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("max tokens") << QStringLiteral("max_new_tokens");
    QTest::newRow("eos") << QStringLiteral("eos");
    QTest::newRow("stop sequence") << QStringLiteral("stop_sequence");
    QTest::newRow("context full") << QStringLiteral("context_full");
}

void TestDecodingController::stopReason()
{
    QFETCH(QString, kind);
    DecodingController c;
    ready(c);
    // Greedy with a strong bias: every token is "a" (byte 97), so each stop condition can be aimed at.
    core::SamplingParameters greedy;
    greedy.temperature = 0;
    greedy.logitBias[97] = 100.0f;
    c.setSampling(greedy);
    core::GenerationOptions o;
    o.maxNewTokens = 6;
    o.stopAtEos = true;
    if (kind == QLatin1String("eos"))
        o.extraEosIds = { 97 };
    if (kind == QLatin1String("stop_sequence"))
        o.stopSequences = { "zz", "aaa" };
    if (kind == QLatin1String("context_full"))
        o.maxNewTokens = 500; // the cache holds the 64-position context: 59 tokens after the 5 of the prompt
    c.setOptions(o);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);
    c.generate();
    QTRY_VERIFY_WITH_TIMEOUT(c.lastGeneration().finished && !c.isBusy(), 20000);
    const auto& g = c.lastGeneration();
    QCOMPARE(g.stopReason, kind);
    QVERIFY(!g.stopDetail.isEmpty());
    if (kind == QLatin1String("max_new_tokens"))
        QCOMPARE(g.generated.size(), 6);
    if (kind == QLatin1String("eos")) {
        QCOMPARE(g.generated.size(), 1);
        QVERIFY(g.stopDetail.contains(QStringLiteral("97")));
    }
    if (kind == QLatin1String("stop_sequence")) {
        QCOMPARE(g.generated.size(), 3);
        QCOMPARE(g.stopSequence, QStringLiteral("aaa"));
        QCOMPARE(g.rawText.mid(g.stopBegin, g.stopEnd - g.stopBegin), QStringLiteral("aaa"));
        QCOMPARE(g.text, QString()); // the answer ends before the match
    }
    if (kind == QLatin1String("context_full")) {
        QCOMPARE(g.prompt.size() + g.generated.size(), 64);
        QCOMPARE(g.cache.capacity, 64);
    }
    // The last token ended the run: its forward pass was not needed.
    QCOMPARE(g.cache.length, g.prompt.size() + g.generated.size() - 1);
}

void TestDecodingController::stepBackGivesTheSameToken()
{
    DecodingController c;
    ready(c);
    core::SamplingParameters p;
    p.seed = 7;
    p.temperature = 1.3f;
    c.setSampling(p);
    c.stepToken();
    c.stepToken();
    QTRY_COMPARE_WITH_TIMEOUT(c.lastGeneration().generated.size(), 2, 5000);
    const int second = c.lastGeneration().generated.back().id;
    const int passes = c.forwardPasses();
    c.stepBack();
    QTRY_COMPARE_WITH_TIMEOUT(c.lastGeneration().generated.size(), 1, 5000);
    QCOMPARE(c.lastGeneration().cache.length, int(kPrompt.size()) + 1);
    QCOMPARE(c.lastSampling().table.chosenToken, second);
    c.stepToken();
    QTRY_COMPARE_WITH_TIMEOUT(c.lastGeneration().generated.size(), 2, 5000);
    QCOMPARE(c.lastGeneration().generated.back().id, second);
    QCOMPARE(c.forwardPasses(), passes + 1);
}

void TestDecodingController::generationIsCancellable()
{
    // A model big enough that 3000 tokens take seconds.
    const QString folder = testing::makeSlowRandomModel(m_dir, QStringLiteral("long"), 4096);
    DecodingController c;
    ready(c, folder);
    core::GenerationOptions o;
    o.maxNewTokens = 3000;
    o.stopAtEos = false;
    c.setOptions(o);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);

    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(10);
    QSignalSpy progress(&c, &DecodingController::progress);
    c.generate();
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 10000);
    QTest::qWait(300);
    QVERIFY2(ticks >= 10, qPrintable(QStringLiteral("the event loop stalled: %1 ticks").arg(ticks)));
    c.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
    const auto& g = c.lastGeneration();
    QCOMPARE(g.stopReason, QStringLiteral("cancelled"));
    QVERIFY(g.generated.size() > 0 && g.generated.size() < 3000);
}

void TestDecodingController::beamTreeArrivesWhole()
{
    DecodingController c;
    ready(c);
    ui::BeamHypothesisModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&c, &DecodingController::beamChanged, &model, &ui::BeamHypothesisModel::setSnapshot);
    core::BeamSearchParameters p;
    p.numBeams = 3;
    p.maxNewTokens = 5;
    p.numReturnSequences = 3;
    c.startBeam(p);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastBeam().isValid(), 5000);
    QCOMPARE(c.lastBeam().nodes.size(), std::size_t(1)); // the root
    c.stepBeam();
    QTRY_COMPARE_WITH_TIMEOUT(c.lastBeam().steps, 1, 5000);
    QVERIFY(c.lastBeam().nodes.size() >= std::size_t(1 + 3));
    c.runBeam();
    QTRY_VERIFY_WITH_TIMEOUT(c.lastBeam().finished && !c.isBusy(), 10000);
    const auto& b = c.lastBeam();
    QCOMPARE(b.nodeText.size(), int(b.nodes.size()));
    QVERIFY(!b.hypotheses.isEmpty());
    QCOMPARE(model.rowCount(), b.hypotheses.size());
    for (int i = 1; i < b.hypotheses.size(); ++i)
        QVERIFY(b.hypotheses[i - 1].score >= b.hypotheses[i].score);
}

void TestDecodingController::comparisonSideBySide()
{
    DecodingController c;
    ready(c);
    core::GenerationOptions o;
    o.maxNewTokens = 8;
    o.stopAtEos = false;
    c.setOptions(o);
    core::SamplingParameters greedy;
    greedy.temperature = 0;
    c.setSampling(greedy);
    c.generate();
    QTRY_VERIFY_WITH_TIMEOUT(c.lastGeneration().finished && !c.isBusy(), 10000);
    const auto generated = c.lastGeneration().generated;

    c.compare(3, 3);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastComparison().isValid() && !c.isBusy(), 20000);
    const auto& cmp = c.lastComparison();
    QCOMPARE(cmp.runs.size(), 1 + 1 + 3);
    QCOMPARE(cmp.runs[0].label, QStringLiteral("greedy"));
    QCOMPARE(cmp.runs[0].divergesAt, -1);
    // The greedy run is the greedy generation.
    QCOMPARE(cmp.runs[0].tokens.size(), generated.size());
    for (int i = 0; i < generated.size(); ++i)
        QCOMPARE(cmp.runs[0].tokens[i].id, generated[i].id);
    int first = -1;
    for (const auto& run : cmp.runs) {
        QVERIFY(!run.tokens.isEmpty() && run.tokens.size() <= 8);
        double sum = 0;
        for (const auto& t : run.tokens) {
            QVERIFY(t.probability > 0 && t.probability <= 1);
            sum += std::log(t.probability);
        }
        QVERIFY(std::abs(sum - run.sumLogProb) < 1e-3);
        if (run.divergesAt >= 0 && (first < 0 || run.divergesAt < first))
            first = run.divergesAt;
    }
    QCOMPARE(cmp.firstDivergence, first);
    QVERIFY(cmp.firstDivergence >= 0); // three random samples of a random model do not all follow greedy

    // Interventions drop the shown runs (they were the other model's), and the next comparison runs with them.
    const double plainFirst = cmp.runs[0].tokens[0].probability;
    const core::InterventionList list { core::Intervention::zeroHead(0, 1), core::Intervention::ablateMlp(1) };
    c.setInterventions(list);
    QTRY_VERIFY_WITH_TIMEOUT(!c.lastComparison().isValid() && !c.isBusy(), 5000);
    c.compare(1, 2);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastComparison().isValid() && !c.isBusy(), 20000);
    QVERIFY(c.lastComparison().interventions == list);
    QVERIFY(c.lastComparison().runs[0].tokens[0].probability != plainFirst);
}

void TestDecodingController::contextCurveToTheLimit()
{
    DecodingController c;
    ready(c);
    c.measureContext();
    QTRY_VERIFY_WITH_TIMEOUT(c.lastCurve().isValid() && !c.isBusy(), 20000);
    const auto& k = c.lastCurve();
    QCOMPARE(k.limit, 64);
    QCOMPARE(k.context.size(), 64 - int(kPrompt.size())); // every token up to the full context
    QCOMPARE(k.context.back(), 64);
    for (int i = 1; i < k.context.size(); ++i) {
        QCOMPARE(k.context[i], k.context[i - 1] + 1);
        // KV cache linear in the context, score matrices quadratic.
        QCOMPARE(k.kvBytes[i] / k.context[i], k.kvBytes[0] / k.context[0]);
        QCOMPARE(k.naiveAttentionBytes[i] / (double(k.context[i]) * k.context[i]),
            k.naiveAttentionBytes[0] / (double(k.context[0]) * k.context[0]));
    }
    QCOMPARE(c.forwardPasses(), 1); // measured on its own session: the lab's is untouched
}

QTEST_GUILESS_MAIN(TestDecodingController)
#include "tst_decodingcontroller.moc"

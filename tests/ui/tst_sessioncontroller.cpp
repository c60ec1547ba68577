// The session controller: signals in order, stepping as a cursor (forward then back gives identical tensors),
// stepping over a layer, and a bad model that leaves the previous one usable.
#include "random_model.h"

#include "ui/session/session_controller.h"

#include "core/exec/executor.h"
#include "core/exec/kv_cache.h"
#include "core/model/model.h"
#include "core/plan/execution_plan.h"

#include <QDir>

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cstring>

using ui::SessionController;
using ui::StepSnapshot;

class TestSessionController : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fullPrefillSignalsInOrder();
    void forwardThenBackIsIdentical_data();
    void forwardThenBackIsIdentical();
    void stepOverLayerEndsTheLayer();
    void attentionMatricesArePerHead();
    void badModelKeepsTheOldOne_data();
    void badModelKeepsTheOldOne();
    void newPromptResetsThePass();
    void cancelStopsALongRunAndTheUiThreadStaysFree();
    void decodePassIsOneQueryRowOverTheCache();
    void decodePassNeedsAFinishedPass();
    void openDecodeStepReplaysTheContext();
    void focusedHeadInFullAndFlashWalk();
    void opensGgufAndLlama2c_data();
    void opensGgufAndLlama2c();

private:
    void loadAndPrompt(SessionController& c, const QString& prompt = QStringLiteral("the cat sat"));
    QTemporaryDir m_dir;
    QString m_model;
};

void TestSessionController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestSessionController::loadAndPrompt(SessionController& c, const QString& prompt)
{
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(m_model);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QSignalSpy stepped(&c, &SessionController::stepped);
    c.setPrompt(prompt);
    QTRY_COMPARE_WITH_TIMEOUT(stepped.count(), 1, 10000);
    QTRY_VERIFY(!c.isBusy());
}

void TestSessionController::fullPrefillSignalsInOrder()
{
    SessionController c;
    QStringList order;
    connect(&c, &SessionController::loadStarted, this, [&] { order << "loadStarted"; });
    connect(&c, &SessionController::modelLoaded, this, [&] { order << "modelLoaded"; });
    connect(&c, &SessionController::tokensReady, this, [&] { order << "tokensReady"; });
    connect(&c, &SessionController::stepped, this,
        [&](const StepSnapshot& s) { order << QStringLiteral("stepped %1").arg(s.cursor); });
    connect(&c, &SessionController::prefillFinished, this, [&] { order << "prefillFinished"; });
    connect(&c, &SessionController::failed, this, [&](const QString& m) { order << "failed " + m; });
    QSignalSpy progress(&c, &SessionController::progress);
    QSignalSpy busy(&c, &SessionController::busyChanged);

    c.loadModel(m_model);
    c.setPrompt(QStringLiteral("I think the capital of France is"));
    QTRY_VERIFY_WITH_TIMEOUT(order.contains("tokensReady"), 10000);
    QTRY_VERIFY(!c.isBusy());
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(order.contains("prefillFinished"), 10000);
    QTRY_VERIFY(!c.isBusy());

    const int total = c.opCount();
    QCOMPARE(total, int(c.model().plan.size()));
    const QStringList expected { "loadStarted", "modelLoaded", "tokensReady", "stepped -1",
        QStringLiteral("stepped %1").arg(total - 1), "prefillFinished" };
    QCOMPARE(order, expected);
    QVERIFY(progress.count() >= 1);
    const QList<QVariant> lastProgress = progress.last();
    QCOMPARE(lastProgress.at(0).toInt(), lastProgress.at(1).toInt());
    QVERIFY(busy.count() >= 2);
    QCOMPARE(busy.last().at(0).toBool(), false);
    QVERIFY(c.current().finished());
    QCOMPARE(c.current().kind, QStringLiteral("output_softmax"));
    QVERIFY(!c.current().predictions.isEmpty());
    QCOMPARE(c.tokens().size(), 32); // byte-level tokenizer: one token per byte
}

void TestSessionController::forwardThenBackIsIdentical_data()
{
    QTest::addColumn<int>("at");
    QTest::addColumn<int>("ahead");
    QTest::newRow("embedding") << 0 << 3;
    QTest::newRow("inside layer 0") << 7 << 5;
    QTest::newRow("far ahead") << 10 << 40;
}

void TestSessionController::forwardThenBackIsIdentical()
{
    QFETCH(int, at);
    QFETCH(int, ahead);
    SessionController c;
    loadAndPrompt(c);
    QSignalSpy stepped(&c, &SessionController::stepped);
    for (int i = 0; i <= at; ++i)
        c.stepForward();
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), at, 10000);
    QTRY_VERIFY(!c.isBusy());
    const StepSnapshot before = c.current();
    QCOMPARE(before.nodeIndex, at);
    QVERIFY(!before.values.isEmpty());

    c.seek(at + ahead);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), at + ahead, 10000);
    for (int i = 0; i < ahead; ++i)
        c.stepBack();
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), at, 10000);
    QTRY_VERIFY(!c.isBusy());
    const StepSnapshot after = c.current();
    QCOMPARE(after.name, before.name);
    QCOMPARE(after.rows, before.rows);
    QCOMPARE(after.cols, before.cols);
    QVERIFY(after.values == before.values); // bit for bit
    QCOMPARE(after.attention.size(), before.attention.size());
}

void TestSessionController::stepOverLayerEndsTheLayer()
{
    SessionController c;
    loadAndPrompt(c);
    const int firstOfLayer0 = c.model().firstNodeOfLayer(0);
    c.seek(firstOfLayer0 - 1);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), firstOfLayer0 - 1, 10000);
    c.stepOverLayer();
    const int lastOfLayer0 = c.model().firstNodeOfLayer(1) - 1;
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), lastOfLayer0, 10000);
    QCOMPARE(c.current().layer, 0);
    QCOMPARE(c.current().kind, QStringLiteral("residual_add"));
    c.stepOverLayer();
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), c.model().firstNodeOfLayer(2) - 1, 10000);
    QCOMPARE(c.current().layer, 1);
}

void TestSessionController::attentionMatricesArePerHead()
{
    SessionController c;
    loadAndPrompt(c, QStringLiteral("abcdef"));
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished(), 10000);
    const auto& attention = c.current().attention;
    QCOMPARE(attention.size(), c.model().layers * c.model().heads);
    for (const ui::AttentionMatrix& m : attention) {
        QCOMPARE(m.rows, 6);
        QCOMPARE(m.cols, 6);
        for (int r = 0; r < m.rows; ++r) {
            double sum = 0;
            for (int col = 0; col < m.cols; ++col) {
                if (col > r)
                    QCOMPARE(m.at(r, col), 0.0f); // the causal mask
                sum += m.at(r, col);
            }
            QVERIFY(qAbs(sum - 1.0) < 1e-4);
        }
    }
    c.seek(c.model().firstNodeOfLayer(1) - 1);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), c.model().firstNodeOfLayer(1) - 1, 10000);
    QCOMPARE(c.current().attention.size(), c.model().heads); // only layer 0 has run
}

void TestSessionController::badModelKeepsTheOldOne_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("missing folder") << "missing";
    QTest::newRow("empty folder") << "empty";
    QTest::newRow("config not json") << "badconfig";
    QTest::newRow("weights truncated") << "truncated";
}

void TestSessionController::badModelKeepsTheOldOne()
{
    QFETCH(QString, what);
    QTemporaryDir dir;
    QString bad = dir.filePath(what);
    if (what == "empty") {
        QVERIFY(QDir().mkpath(bad));
    } else if (what == "badconfig") {
        QVERIFY(QDir().mkpath(bad));
        QFile f(bad + "/config.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ this is not json");
    } else if (what == "truncated") {
        bad = testing::makeRandomModel(dir, what);
        QFile f(bad + "/model.safetensors");
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
    }
    SessionController c;
    loadAndPrompt(c);
    const QString oldFolder = c.model().folder;
    QSignalSpy failed(&c, &SessionController::failed);
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(bad);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(loaded.count(), 0);
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.startsWith("Could not load"), qPrintable(message));
    QCOMPARE(c.model().folder, oldFolder);
    // The old model still runs.
    QTRY_VERIFY(!c.isBusy());
    c.setPrompt(QStringLiteral("still here"));
    QTRY_COMPARE_WITH_TIMEOUT(c.tokens().size(), 10, 10000);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished(), 10000);
}

void TestSessionController::newPromptResetsThePass()
{
    SessionController c;
    loadAndPrompt(c);
    c.seek(20);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), 20, 10000);
    QSignalSpy tokens(&c, &SessionController::tokensReady);
    c.setPrompt(QStringLiteral("xy"));
    QTRY_COMPARE_WITH_TIMEOUT(tokens.count(), 1, 10000);
    QTRY_COMPARE(c.cursor(), -1);
    QCOMPARE(c.current().positions, 2);
    c.stepForward();
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), 0, 10000);
    QCOMPARE(c.current().rows, 2);
}

void TestSessionController::cancelStopsALongRunAndTheUiThreadStaysFree()
{
    // A model big enough that a prefill over a long prompt takes a noticeable time.
    QTemporaryDir dir;
    const QString big = testing::makeSlowRandomModel(dir, QStringLiteral("big"), 512);
    SessionController c;
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(big);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    c.setPrompt(QString(480, QLatin1Char('a')));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 20000);

    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    timer.start(5);
    c.runToEndOfPass();
    QTest::qWait(30);
    c.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 20000);
    QVERIFY2(
        c.cursor() < c.opCount() - 1, qPrintable(QStringLiteral("ran to %1 of %2").arg(c.cursor()).arg(c.opCount())));
    QVERIFY(ticks > 0); // the event loop kept running
    // Nothing is lost: the run can go on from there.
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished(), 60000);
}

// After the prefill, F9's decode pass appends one token and runs the plan on it alone: every attention matrix is one
// query row over all cached keys, and its numbers equal the last row of a prefill of the whole context (computed
// here by the core executor directly), as do the next-token probabilities.
void TestSessionController::decodePassIsOneQueryRowOverTheCache()
{
    SessionController c;
    loadAndPrompt(c, QStringLiteral("abcdef"));
    QVERIFY(!c.canDecode());
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 10000);
    QVERIFY(c.canDecode());
    const int top = c.current().predictions.front().id;

    for (int pass = 1; pass <= 2; ++pass) {
        QSignalSpy tokens(&c, &SessionController::tokensReady);
        c.decodeNext(pass == 1 ? -1 : 7); // the most likely token, then a chosen one
        QTRY_COMPARE_WITH_TIMEOUT(tokens.count(), 1, 10000);
        QTRY_VERIFY(!c.isBusy());
        QCOMPARE(c.tokens().size(), 6 + pass);
        const ui::TokenInfo& added = c.tokens().back();
        QCOMPARE(added.id, pass == 1 ? top : 7);
        QCOMPARE(added.decodeStep, pass);
        QVERIFY(!c.tokens().front().generated());
        QCOMPARE(c.cursor(), -1);
        QVERIFY(!c.current().prefill);
        QCOMPARE(c.current().positions, 1);
        QCOMPARE(c.current().context, 6 + pass);

        c.runToEndOfPass();
        QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 10000);
        const StepSnapshot decoded = c.current();
        QCOMPARE(decoded.kind, QStringLiteral("output_softmax"));
        QCOMPARE(decoded.decodeStep, pass);
        QCOMPARE(decoded.attention.size(), c.model().layers * c.model().heads);

        // The same context as one prefill, by the core directly.
        std::vector<std::int32_t> ids;
        for (const ui::TokenInfo& t : c.tokens())
            ids.push_back(t.id);
        auto model = core::Model::load(m_model.toStdString());
        const auto plan = core::ExecutionPlan::compile(model->config());
        core::KvCache cache(model->config(), model->config().maxPositions);
        core::Executor exec(*model, plan);
        core::RecordingSink sink;
        exec.begin(ids, cache, core::Phase {}, core::LogitRows::Last);
        exec.run(&sink);
        const int last = int(ids.size()) - 1;
        int matrix = 0;
        for (const core::RecordedEvent& e : sink.events()) {
            if (plan[std::size_t(e.nodeIndex)].kind != core::OpKind::Softmax)
                continue;
            const ui::AttentionMatrix& m = decoded.attention[matrix++];
            QCOMPARE(m.rows, 1);
            QCOMPARE(m.cols, int(ids.size()));
            QCOMPARE(m.posBegin, last);
            for (int k = 0; k < m.cols; ++k)
                QVERIFY2(qAbs(m.at(0, k) - e.values[std::size_t(last) * e.cols + k]) < 1e-5f,
                    qPrintable(QStringLiteral("matrix %1 key %2: %3 vs %4")
                                   .arg(matrix)
                                   .arg(k)
                                   .arg(m.at(0, k))
                                   .arg(e.values[std::size_t(last) * e.cols + k])));
        }
        QCOMPARE(matrix, decoded.attention.size());
        const core::TensorView probs = exec.probs();
        QCOMPARE(decoded.cols, probs.cols);
        for (int v = 0; v < probs.cols; ++v)
            QVERIFY(qAbs(decoded.values[v] - probs.at(0, v)) < 1e-5f);
    }
    // A new prompt starts from a prefill again.
    c.setPrompt(QStringLiteral("abc"));
    QTRY_VERIFY_WITH_TIMEOUT(c.tokens().size() == 3 && !c.isBusy(), 10000);
    QVERIFY(c.current().prefill);
}

void TestSessionController::decodePassNeedsAFinishedPass()
{
    SessionController c;
    loadAndPrompt(c, QStringLiteral("abc"));
    QSignalSpy tokens(&c, &SessionController::tokensReady);
    c.decodeNext(); // the prefill has not run: nothing happens
    QTest::qWait(50);
    QCOMPARE(tokens.count(), 0);
    QCOMPARE(c.tokens().size(), 3);
}

// Past 64 positions the snapshot's heads are 64 x 64 thumbnails; the focused head comes in full, recomputed from its
// layer's checkpoint, bit for bit the softmax a recording of the pass saw; FlashAttention walked on it ends at that
// head's mix output.
void TestSessionController::focusedHeadInFullAndFlashWalk()
{
    QTemporaryDir dir;
    const QString model = testing::makeSlowRandomModel(dir, QStringLiteral("wide"), 128);
    SessionController c;
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(model);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QString prompt;
    for (int i = 0; i < 100; ++i)
        prompt += QLatin1Char(char('a' + (i * 7) % 26));
    c.setPrompt(prompt);
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 20000);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 30000);
    const auto& thumbs = c.current().attention;
    QCOMPARE(thumbs.size(), c.model().layers * c.model().heads);
    QCOMPARE(thumbs.front().rows, 64);
    QCOMPARE(thumbs.front().fullRows, 100);
    QVERIFY(thumbs.front().downsampled());

    c.focusAttention(2, 5);
    QTRY_VERIFY_WITH_TIMEOUT(c.current().focus.layer == 2 && c.current().focus.head == 5 && !c.isBusy(), 20000);
    const ui::AttentionMatrix focus = c.current().focus;
    QCOMPARE(focus.rows, 100);
    QCOMPARE(focus.cols, 100);
    QVERIFY(c.current().finished()); // the cursor stays where it was

    // The same pass recorded by the core directly.
    auto m = core::Model::load(model.toStdString());
    const auto plan = core::ExecutionPlan::compile(m->config());
    std::vector<std::int32_t> ids;
    for (const ui::TokenInfo& t : c.tokens())
        ids.push_back(t.id);
    core::KvCache cache(m->config(), 128);
    core::Executor exec(*m, plan);
    core::RecordingSink sink;
    exec.begin(ids, cache, core::Phase {}, core::LogitRows::Last);
    exec.run(&sink);
    const int softmax = plan.indexOf("blk.2.head.5.softmax"), mix = plan.indexOf("blk.2.head.5.mix");
    QVERIFY(softmax >= 0 && mix >= 0);
    const auto& expected = sink.events()[std::size_t(softmax)].values;
    QVERIFY(std::memcmp(focus.values.constData(), expected.data(), expected.size() * sizeof(float)) == 0);

    QSignalSpy walked(&c, &SessionController::flashWalked);
    c.walkFlash(2, 5, 99);
    QTRY_COMPARE_WITH_TIMEOUT(walked.count(), 1, 20000);
    const auto walk = walked.first().at(0).value<ui::FlashWalkInfo>();
    QVERIFY(walk.isValid());
    QVERIFY(walk.queryBegin <= 99 && 99 < walk.queryEnd);
    QCOMPARE(walk.steps.back().keyEnd, 100);
    const auto& out = sink.events()[std::size_t(mix)];
    float maxDiff = 0;
    for (int j = 0; j < walk.headDim; ++j)
        maxDiff = std::max(maxDiff,
            std::abs(walk.steps.back().partialOut[(99 - walk.queryBegin) * walk.headDim + j]
                - out.values[std::size_t(99) * out.cols + j]));
    qInfo("flash walk of layer 2 head 5, query 99: %d tiles of %d; max |flash - naive| = %.3g", int(walk.steps.size()),
        walk.tile, double(maxDiff));
    QVERIFY(maxDiff < 1e-5f);
}

// openDecodeStep: prompt "abcdef" + 3 given tokens, the last one's decode pass prepared; its result equals a prefill
// of the same 9 tokens.
void TestSessionController::openDecodeStepReplaysTheContext()
{
    SessionController c;
    loadAndPrompt(c, QStringLiteral("abcdef"));
    QVector<int> ids;
    for (const ui::TokenInfo& t : c.tokens())
        ids << t.id;
    ids << 11 << 3 << 40;
    c.openDecodeStep(ids, 6);
    QTRY_VERIFY_WITH_TIMEOUT(c.tokens().size() == 9 && !c.isBusy(), 10000);
    QCOMPARE(c.tokens()[5].decodeStep, 0);
    QCOMPARE(c.tokens()[6].decodeStep, 1);
    QCOMPARE(c.tokens()[8].decodeStep, 3);
    QCOMPARE(c.current().context, 9);
    QCOMPARE(c.current().positions, 1);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 10000);
    QCOMPARE(c.current().decodeStep, 3);

    auto model = core::Model::load(m_model.toStdString());
    const auto plan = core::ExecutionPlan::compile(model->config());
    core::KvCache cache(model->config(), model->config().maxPositions);
    core::Executor exec(*model, plan);
    const std::vector<std::int32_t> v(ids.begin(), ids.end());
    exec.begin(v, cache, core::Phase {}, core::LogitRows::Last);
    exec.run();
    const core::TensorView probs = exec.probs();
    for (int k = 0; k < probs.cols; ++k)
        QVERIFY(qAbs(c.current().values[k] - probs.at(0, k)) < 1e-5f);

    // Nonsense is refused with a message, and the session stays usable.
    QSignalSpy failed(&c, &SessionController::failed);
    c.openDecodeStep({ 1, 2, 99999 }, 2);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(failed.front().front().toString().contains(QStringLiteral("99999")));
    c.openDecodeStep({ 1, 2 }, 2);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QTRY_VERIFY(!c.isBusy());
}

// The window's session opens a quantized GGUF and a llama2.c model.bin like a folder: the file's own tokenizer
// encodes the prompt and a whole pass runs.
void TestSessionController::opensGgufAndLlama2c_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("GGUF Q4_K_M") << "model-Q4_K_M.gguf"
                                 << "GGUF";
    QTest::newRow("llama2.c") << "model.bin"
                              << "llama2.c";
}
void TestSessionController::opensGgufAndLlama2c()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    SessionController c;
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(QStringLiteral(IE_GGUF_FIXTURES "/llama-gqa-256/") + file);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(c.model().format, format);
    QVERIFY(c.model().hasTokenizer);
    c.setPrompt(QStringLiteral("Hello world"));
    QTRY_COMPARE_WITH_TIMEOUT(c.tokens().size(), 7, 10000); // <s> H el lo w or ld
    QTRY_VERIFY(!c.isBusy());
    QSignalSpy finished(&c, &SessionController::prefillFinished);
    c.runToEndOfPass();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QTRY_VERIFY(!c.isBusy());
    QVERIFY(!c.current().predictions.isEmpty());
}

QTEST_GUILESS_MAIN(TestSessionController)
#include "tst_sessioncontroller.moc"

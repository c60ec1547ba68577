// Saved sessions: save → open in a new window restores the same numbers (the tensor at the cursor, the sampling
// table), cursor, selection, head and every setting; a hostile, old or foreign file is refused with a message
// naming the field; a missing or changed model is reported, never run.
#include "random_model.h"

#include "core/common/error.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/session/session_controller.h"
#include "ui/session_file/session_actions.h"
#include "ui/session_file/session_state.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/presentation_mode.h"
#include "ui/widgets/sampling_lab.h"

#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using ui::MainWindow;
using ui::SessionState;

class TestSessionFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void saveThenOpenRestoresTheSameNumbers();
    void aDecodePassIsRestored();
    void hostileFilesAreRefused_data();
    void hostileFilesAreRefused();
    void aHostileFileLeavesTheWindowAsItWas();
    void aMissingOrChangedModelIsReported();
    void closingSavesTheLastSession();

private:
    MainWindow* newWindow(bool remember = false);
    void waitIdle(MainWindow* w);
    static QByteArray validJson();
    QTemporaryDir m_dir;
    QString m_model;
};

void TestSessionFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the last session goes to a test folder, not the user's
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

MainWindow* TestSessionFile::newWindow(bool remember)
{
    auto* w = new MainWindow(MainWindow::Options { remember, false });
    w->resize(1280, 720);
    w->show();
    return w;
}

void TestSessionFile::waitIdle(MainWindow* w)
{
    QTRY_VERIFY_WITH_TIMEOUT(!w->controller()->isBusy() && !w->decoding()->controller()->isBusy(), 10000);
}

void TestSessionFile::saveThenOpenRestoresTheSameNumbers()
{
    std::unique_ptr<MainWindow> a(newWindow());
    a->setPromptText(QStringLiteral("abcdef"));
    a->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(a->controller()->hasPass(), 10000);
    waitIdle(a.get());
    a->controller()->seek(12);
    QTRY_COMPARE_WITH_TIMEOUT(a->controller()->cursor(), 12, 10000);
    a->selectPosition(2);
    a->attentionPanel()->view()->setSelectedHead(1, 3);
    QVERIFY(a->decoding()->samplingLab()->applySettings(QStringLiteral("temperature=0.7,top_k=5,seed=42,min_p=0.05")));
    a->decoding()->samplingLab()->orderBox()->setCurrentText(QStringLiteral("llama.cpp"));
    core::BeamSearchParameters beam;
    beam.numBeams = 3;
    beam.lengthPenalty = 0.5f;
    beam.maxNewTokens = 7;
    QVERIFY(a->decoding()->beamPanel()->setParameters(beam, nullptr));
    QVERIFY(a->showView(ui::View::Attention));
    a->presentation()->setZoom(1.25); // the interface zoom travels with the session
    waitIdle(a.get());
    QTRY_COMPARE_WITH_TIMEOUT(a->decoding()->controller()->lastSampling().table.order, std::string("llama.cpp"), 10000);
    const QString path = m_dir.filePath(QStringLiteral("demo.iesession.json"));
    QString error;
    QVERIFY2(a->sessions()->save(path, &error), qPrintable(error));
    const ui::StepSnapshot before = a->controller()->current();
    const core::SamplingTable tableBefore = a->decoding()->controller()->lastSampling().table;
    const core::SamplingParameters samplingBefore = a->decoding()->samplingLab()->parameters();
    QCOMPARE(samplingBefore.topK, 5);
    a.reset();

    std::unique_ptr<MainWindow> b(newWindow());
    QSignalSpy restored(b->sessions(), &ui::SessionActions::restored);
    QSignalSpy failed(b->sessions(), &ui::SessionActions::failed);
    b->sessions()->open(path);
    QTRY_VERIFY_WITH_TIMEOUT(restored.count() == 1 || failed.count() == 1, 20000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    waitIdle(b.get());
    QTRY_COMPARE_WITH_TIMEOUT(b->decoding()->controller()->lastSampling().table.order, std::string("llama.cpp"), 10000);

    const ui::StepSnapshot& after = b->controller()->current();
    QCOMPARE(after.cursor, 12);
    QCOMPARE(after.name, before.name);
    QCOMPARE(after.values, before.values); // the same numbers, bit for bit: the engine is deterministic
    QCOMPARE(b->selectedPosition(), 2);
    QCOMPARE(b->attentionPanel()->view()->selectedLayer(), 1);
    QCOMPARE(b->attentionPanel()->view()->selectedHead(), 3);
    QCOMPARE(b->currentView(), ui::View::Attention);
    QCOMPARE(b->presentation()->zoom(), 1.25);
    b->presentation()->setZoom(1.0); // the zoom scales the application's font: the next tests start at 100%
    QCOMPARE(b->decoding()->samplingLab()->parameters(), samplingBefore);
    QCOMPARE(b->decoding()->beamPanel()->parameters().numBeams, 3);
    QCOMPARE(b->decoding()->beamPanel()->parameters().lengthPenalty, 0.5f);
    QCOMPARE(b->decoding()->beamPanel()->parameters().maxNewTokens, 7);
    const core::SamplingTable& tableAfter = b->decoding()->controller()->lastSampling().table;
    QCOMPARE(tableAfter.rows.size(), tableBefore.rows.size());
    QCOMPARE(tableAfter.chosenToken, tableBefore.chosenToken);
    for (std::size_t r = 0; r < tableBefore.rows.size(); ++r) {
        QCOMPARE(tableAfter.rows[r].token, tableBefore.rows[r].token);
        QCOMPARE(tableAfter.rows[r].cumulative, tableBefore.rows[r].cumulative);
    }
}

void TestSessionFile::aDecodePassIsRestored()
{
    std::unique_ptr<MainWindow> a(newWindow());
    a->setPromptText(QStringLiteral("abc"));
    a->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(a->controller()->hasPass(), 10000);
    waitIdle(a.get());
    a->controller()->runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(a->controller()->canDecode(), 10000);
    a->controller()->decodeNext();
    QTRY_COMPARE_WITH_TIMEOUT(a->controller()->tokens().size(), 4, 10000);
    waitIdle(a.get());
    a->controller()->seek(20);
    QTRY_COMPARE_WITH_TIMEOUT(a->controller()->cursor(), 20, 10000);
    QVERIFY(!a->controller()->current().prefill);
    const QString path = m_dir.filePath(QStringLiteral("decode.json"));
    QVERIFY(a->sessions()->save(path));
    const ui::StepSnapshot before = a->controller()->current();
    const int appended = a->controller()->tokens().back().id;
    a.reset();

    std::unique_ptr<MainWindow> b(newWindow());
    QSignalSpy restored(b->sessions(), &ui::SessionActions::restored);
    b->sessions()->open(path);
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
    QCOMPARE(b->controller()->tokens().size(), 4);
    QCOMPARE(b->controller()->tokens().back().id, appended);
    QVERIFY(b->controller()->tokens().back().generated());
    QVERIFY(!b->controller()->current().prefill);
    QCOMPARE(b->controller()->cursor(), 20);
    QCOMPARE(b->controller()->current().values, before.values);
}

QByteArray TestSessionFile::validJson()
{
    SessionState s;
    s.modelPath = QStringLiteral("/models/x");
    s.prompt = QStringLiteral("hello");
    s.tokens = { 1, 2, 3 };
    s.promptTokens = 3;
    return QByteArray::fromStdString(s.toJsonText());
}

void TestSessionFile::hostileFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field"); // the message names it
    const QByteArray ok = validJson();
    auto with = [&ok](const char* from, const char* to) {
        QByteArray b = ok;
        const int at = b.indexOf(from);
        Q_ASSERT(at >= 0);
        return b.replace(at, int(qstrlen(from)), to);
    };
    QTest::newRow("not json") << QByteArray("{\"format\": ") << QString();
    QTest::newRow("an array") << QByteArray("[1, 2]") << QString();
    QTest::newRow("another program's file") << with("inference-explorer-session", "something-else") << "format";
    QTest::newRow("a newer version") << with("\"version\": 1", "\"version\": 2") << "version";
    QTest::newRow("version as text") << with("\"version\": 1", "\"version\": \"1\"") << "version";
    QTest::newRow("no model") << with("\"path\": \"/models/x\"", "\"path\": \"\"") << "model.path";
    QTest::newRow("negative token") << with("\"tokens\": [\n    1,", "\"tokens\": [\n    -1,") << "tokens[0]";
    QTest::newRow("prompt tokens past the end")
        << with("\"prompt_tokens\": 3", "\"prompt_tokens\": 9") << "prompt_tokens";
    QTest::newRow("cursor below -1") << with("\"op\": -1", "\"op\": -7") << "cursor.op";
    QTest::newRow("unknown phase") << with("\"phase\": \"prefill\"", "\"phase\": \"later\"") << "cursor.phase";
    QTest::newRow("decode without a decoded token")
        << with("\"phase\": \"prefill\"", "\"phase\": \"decode\"") << "cursor.phase";
    QTest::newRow("selected token past the end")
        << with("\"selected_token\": -1", "\"selected_token\": 3") << "selected_token";
    QTest::newRow("negative temperature")
        << with("\"temperature\": 1.0", "\"temperature\": -1.0") << "sampling.temperature";
    QTest::newRow("top_p above 1") << with("\"top_p\": 1.0", "\"top_p\": 1.5") << "sampling.top_p";
    QTest::newRow("huge number") << with("\"top_p\": 1.0", "\"top_p\": 1e400") << QString();
    QTest::newRow("unknown order") << with("\"order\": \"hf\"", "\"order\": \"mine\"") << "sampling.order";
    QTest::newRow("bias for a word") << with("\"logit_bias\": {}", "\"logit_bias\": {\"abc\": 1}") << "logit_bias";
    QTest::newRow("zero beams") << with("\"num_beams\": 4", "\"num_beams\": 0") << "beam.num_beams";
    QTest::newRow("unknown early stopping")
        << with("\"early_stopping\": \"false\"", "\"early_stopping\": \"soon\"") << "beam.early_stopping";
    QTest::newRow("zoom 0") << with("\"zoom\": 1.0", "\"zoom\": 0.0") << "zoom";
    QTest::newRow("interventions") << with("\"interventions\": []", "\"interventions\": [{\"layer\": 1}]")
                                   << "interventions";
    QTest::newRow("deep nesting") << QByteArray(100000, '[') << QString();
}

void TestSessionFile::hostileFilesAreRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    try {
        SessionState::fromJsonText(text.toStdString(), "demo.json");
        QFAIL("accepted");
    } catch (const core::Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QStringLiteral("demo.json")), qPrintable(message));
        if (!field.isEmpty())
            QVERIFY2(message.contains(field), qPrintable(message));
    }
}

void TestSessionFile::aHostileFileLeavesTheWindowAsItWas()
{
    std::unique_ptr<MainWindow> w(newWindow());
    w->setPromptText(QStringLiteral("abcdef"));
    w->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasPass(), 10000);
    waitIdle(w.get());
    const QString big = m_dir.filePath(QStringLiteral("big.json"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(int(SessionState::kMaxSessionBytes) + 10, ' '));
    }
    QSignalSpy failed(w->sessions(), &ui::SessionActions::failed);
    for (const QString& path : { big, m_dir.filePath(QStringLiteral("missing.json")), m_dir.path() }) {
        w->sessions()->open(path);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.takeFirst().first().toString().contains(path), qPrintable(path));
    }
    QCOMPARE(w->controller()->tokens().size(), 6);
    QVERIFY(w->statusText().contains(big) || w->statusText().contains(m_dir.path()));
}

void TestSessionFile::aMissingOrChangedModelIsReported()
{
    QTemporaryDir dir;
    const QString model = testing::makeRandomModel(dir, QStringLiteral("moved"));
    std::unique_ptr<MainWindow> a(newWindow());
    a->setPromptText(QStringLiteral("abc"));
    a->openModel(model);
    QTRY_VERIFY_WITH_TIMEOUT(a->controller()->hasPass(), 10000);
    waitIdle(a.get());
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QVERIFY(a->sessions()->save(path));

    std::unique_ptr<MainWindow> b(newWindow());
    QSignalSpy failed(b->sessions(), &ui::SessionActions::failed);
    { // retrained: the same folder, other numbers
        QFile config(model + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::Append));
        config.write("\n");
    }
    b->sessions()->open(path);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("changed")),
        qPrintable(failed.first().first().toString()));
    QVERIFY(!b->controller()->hasModel()); // never run approximately
    QVERIFY(QDir(model).removeRecursively());
    b->sessions()->open(path);
    QCOMPARE(failed.count(), 2);
    QVERIFY(failed.last().first().toString().contains(model));
    QVERIFY(!b->controller()->hasModel());
}

void TestSessionFile::closingSavesTheLastSession()
{
    QFile::remove(ui::SessionActions::lastSessionPath());
    std::unique_ptr<MainWindow> a(newWindow(true));
    a->setPromptText(QStringLiteral("abcd"));
    a->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(a->controller()->hasPass(), 10000);
    waitIdle(a.get());
    a->close();
    const SessionState last = SessionState::load(ui::SessionActions::lastSessionPath());
    QCOMPARE(last.prompt, QStringLiteral("abcd"));
    QCOMPARE(last.tokens.size(), 4);
    QVERIFY(last.modelPath.endsWith(QStringLiteral("model")));
}

QTEST_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"

// The rough edges a class would hit (issue 16), each seen in the window and each checked here: stale tokens after
// an error, cancel and progress for Compare / Metrics / Generation (Esc included), the Beam tab's Run before Start,
// the F11 keys in the Run menu and the F1 list, the window's first size, what "peak" memory means, and the Turkish
// words that were left in English.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/decoding/probability_table_model.h"
#include "ui/session/session_controller.h"
#include "ui/session_file/session_actions.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/comparison_view.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/interface_language.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/run_status.h"
#include "ui/widgets/sampling_lab.h"
#include "ui/widgets/token_strip.h"
#include "ui/widgets/view_names.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using ui::MainWindow;

class TestRoughEdges : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void anEmptyPromptLeavesNothingToRun();
    void aTooLongPromptLeavesNoOldStrip();
    void runMenuAndF1ListTheTokenKeys();
    void theWindowStartsSmallEnoughFor1280x720();
    void compareWithoutAModelSaysWhy();
    void escCancelsACompareAndSaysSo();
    void metricsShowsProgressAndEscCancelsIt();
    void aCancelledGenerationSaysSo();
    void beamRunBeforeStartRuns();
    void peakMemoryIsTheWholeProgramsAndSaysSo();
    void anF9TokenSaysItIsAppended();
    void turkishLeavesNoEnglishWords();
    void theWindowIsCleanAfterEveryKindOfFailure();

private:
    void window(const QString& model, const QString& prompt);
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = {});
    void expectClean(const QString& after, int tokens);
    QTemporaryDir m_dir;
    QString m_model;
    QString m_slow;
    MainWindow* m_window = nullptr;
};

void TestRoughEdges::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
    m_slow = testing::makeSlowRandomModel(m_dir, QStringLiteral("slow"), 1024);
}

void TestRoughEdges::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestRoughEdges::window(const QString& model, const QString& prompt)
{
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->setPromptText(prompt);
    if (!model.isEmpty()) {
        m_window->openModel(model);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->controller()->isBusy() && !m_window->decoding()->controller()->isBusy(), 20000);
    }
}

void TestRoughEdges::press(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    m_window->activateWindow();
    QTest::keyClick(m_window, key, modifiers);
}

// An empty prompt is an error; the previous prompt's tokens must not stay on screen, and F5 must not run them.
void TestRoughEdges::anEmptyPromptLeavesNothingToRun()
{
    window(m_model, QStringLiteral("abcdef"));
    QCOMPARE(m_window->tokenStrip()->tokens().size(), 6);
    QSignalSpy failed(m_window->controller(), &ui::SessionController::failed);
    m_window->setPromptText(QString());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    QCOMPARE(m_window->controller()->tokens().size(), 0);
    QCOMPARE(m_window->tokenStrip()->tokens().size(), 0);
    QVERIFY(!m_window->controller()->hasPass());
    press(Qt::Key_F5);
    QTest::qWait(200);
    QVERIFY(!m_window->controller()->hasPass());
    QCOMPARE(m_window->controller()->cursor(), -1);
    // A good prompt afterwards works as before.
    m_window->setPromptText(QStringLiteral("abc"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass() && !m_window->controller()->isBusy(), 10000);
    QCOMPARE(m_window->tokenStrip()->tokens().size(), 3);
}

// A prompt longer than the context is refused, and the old prompt's strip goes with the old pass.
void TestRoughEdges::aTooLongPromptLeavesNoOldStrip()
{
    window(m_model, QStringLiteral("abcdef")); // context 64
    QSignalSpy failed(m_window->controller(), &ui::SessionController::failed);
    m_window->setPromptText(QString(100, QLatin1Char('x')));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("64")),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(m_window->tokenStrip()->tokens().size(), 0);
    QVERIFY(!m_window->controller()->hasPass());
    // The offer: keep the end that fits. Taking it runs a prompt of at most the context, the end of the long one.
    const QString long_ = QStringLiteral("ab").repeated(40) + QStringLiteral("xyz");
    m_window->setPromptText(long_);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    const QString tail = m_window->offeredPromptTail();
    QVERIFY2(!tail.isEmpty() && long_.endsWith(tail) && tail.size() <= 64, qPrintable(tail));
    QVERIFY(m_window->statusText().contains(QStringLiteral("Keep the end")));
    QVERIFY(m_window->keepPromptTail());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass() && !m_window->controller()->isBusy(), 10000);
    QCOMPARE(m_window->promptText(), tail);
    QVERIFY(m_window->controller()->tokens().size() <= 64);
    QVERIFY(m_window->controller()->tokens().size() >= 62);
    QVERIFY(m_window->offeredPromptTail().isEmpty()); // the offer went with the prompt it was made for
}

void TestRoughEdges::runMenuAndF1ListTheTokenKeys()
{
    window(QString(), QStringLiteral("abc"));
    QMenu* run = nullptr;
    for (QAction* a : m_window->menuBar()->actions())
        if (a->text() == QStringLiteral("&Run"))
            run = a->menu();
    QVERIFY(run);
    QStringList keys;
    for (QAction* a : run->actions())
        keys << a->shortcut().toString(QKeySequence::PortableText);
    const QString table = m_window->shortcutTable();
    for (const QString& key : { QStringLiteral("F11"), QStringLiteral("Shift+F11"), QStringLiteral("Ctrl+F11") }) {
        QVERIFY2(keys.contains(key), qPrintable(key + QStringLiteral(" not in the Run menu: ") + keys.join(',')));
        QVERIFY2(table.contains(QStringLiteral("<b>%1</b>").arg(QKeySequence(key).toString(QKeySequence::NativeText))),
            qPrintable(key));
    }
}

void TestRoughEdges::theWindowStartsSmallEnoughFor1280x720()
{
    MainWindow w(MainWindow::Options { false, false });
    // 720 rows minus a title bar and a task bar.
    QVERIFY2(
        w.width() <= 1280 && w.height() <= 680, qPrintable(QStringLiteral("%1×%2").arg(w.width()).arg(w.height())));
    QVERIFY(w.minimumSizeHint().height() <= 680);
}

// Compare with no model used to say "running…" forever.
void TestRoughEdges::compareWithoutAModelSaysWhy()
{
    window(QString(), QStringLiteral("abc"));
    ui::ComparisonView* compare = m_window->decoding()->comparisonView();
    compare->compare();
    QTRY_VERIFY_WITH_TIMEOUT(!compare->status()->isRunning(), 5000);
    QVERIFY2(!compare->status()->text().contains(QStringLiteral("…")), qPrintable(compare->status()->text()));
    QVERIFY(compare->status()->cancelButton()->isHidden());
}

void TestRoughEdges::escCancelsACompareAndSaysSo()
{
    window(m_slow, QStringLiteral("abcdef"));
    QString why;
    core::GenerationOptions many = m_window->decoding()->controller()->options();
    many.maxNewTokens = 999;
    many.stopAtEos = false;
    QVERIFY(m_window->decoding()->samplingLab()->setGenerationOptions(many, &why));
    QTRY_VERIFY(!m_window->decoding()->controller()->isBusy());
    ui::ComparisonView* compare = m_window->decoding()->comparisonView();
    m_window->showView(ui::View::Compare);
    compare->compare();
    QVERIFY(m_window->decoding()->controller()->isBusy());
    QVERIFY(compare->status()->isRunning());
    QVERIFY(compare->status()->cancelButton()->isVisible());
    QVERIFY(compare->status()->progressBar()->isVisible());
    QTest::qWait(300);
    press(Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->decoding()->controller()->isBusy(), 15000);
    QVERIFY2(compare->status()->text().contains(QStringLiteral("Cancelled")), qPrintable(compare->status()->text()));
}

void TestRoughEdges::metricsShowsProgressAndEscCancelsIt()
{
    window(m_slow, QStringLiteral("abcdef"));
    ui::MetricsView* metrics = m_window->decoding()->metricsView();
    m_window->showView(ui::View::Metrics);
    metrics->measure();
    QVERIFY(metrics->status()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(metrics->status()->progressBar()->maximum() > 0, 15000); // real progress arrived
    QVERIFY(metrics->status()->progressBar()->value() > 0);
    press(Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->decoding()->controller()->isBusy(), 15000);
    QVERIFY2(metrics->status()->text().contains(QStringLiteral("Cancelled")), qPrintable(metrics->status()->text()));
}

void TestRoughEdges::aCancelledGenerationSaysSo()
{
    window(m_slow, QStringLiteral("abcdef"));
    QString why;
    core::GenerationOptions many = m_window->decoding()->controller()->options();
    many.maxNewTokens = 999;
    many.stopAtEos = false;
    QVERIFY(m_window->decoding()->samplingLab()->setGenerationOptions(many, &why));
    QTRY_VERIFY(!m_window->decoding()->controller()->isBusy());
    m_window->showView(ui::View::Generation);
    press(Qt::Key_F11, Qt::ControlModifier); // generate to a stop
    QTRY_VERIFY(m_window->decoding()->controller()->isBusy());
    QTest::qWait(300);
    press(Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->decoding()->controller()->isBusy(), 15000);
    const QString banner = m_window->decoding()->generationView()->stopBanner()->text();
    QVERIFY2(banner.contains(QStringLiteral("Cancelled")), qPrintable(banner));
    QVERIFY(m_window->decoding()->controller()->lastGeneration().generated.size() < 999);
}

void TestRoughEdges::beamRunBeforeStartRuns()
{
    window(m_model, QStringLiteral("abc"));
    ui::BeamPanel* beam = m_window->decoding()->beamPanel();
    m_window->showView(ui::View::Beam);
    QVERIFY(!m_window->decoding()->controller()->lastBeam().isValid());
    QTest::mouseClick(beam->runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->decoding()->controller()->lastBeam().finished, 20000);
    // A new prompt drops the old tree (the search behind it is gone); Run starts a new one again.
    m_window->setPromptText(QStringLiteral("abd"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->decoding()->controller()->lastBeam().isValid(), 10000);
    QTRY_VERIFY(!m_window->decoding()->controller()->isBusy());
    QTest::mouseClick(beam->runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->decoding()->controller()->lastBeam().finished, 20000);
}

void TestRoughEdges::peakMemoryIsTheWholeProgramsAndSaysSo()
{
    window(m_model, QStringLiteral("abc"));
    m_window->decoding()->controller()->generate();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->decoding()->controller()->lastGeneration().finished, 20000);
    const QString text = m_window->decoding()->generationView()->metricsLabel()->text();
    QVERIFY2(!text.contains(QStringLiteral("peak RSS")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("whole program")), qPrintable(text));
}

// After F9 the appended token is part of the context the decoding views continue from: the line above the strip
// says so, and how to go back to the prompt alone.
void TestRoughEdges::anF9TokenSaysItIsAppended()
{
    window(m_model, QStringLiteral("abc"));
    QVERIFY(!m_window->tokenSummaryText().contains(QStringLiteral("F9")));
    press(Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->canDecode() && !m_window->controller()->isBusy(), 10000);
    press(Qt::Key_F9);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->tokens().size(), 4, 10000);
    QVERIFY(m_window->tokenStrip()->tokens().back().generated());
    const QString summary = m_window->tokenSummaryText();
    QVERIFY2(
        summary.contains(QStringLiteral("F9")) && summary.contains(QStringLiteral("Ctrl+Return")), qPrintable(summary));
}

// The Turkish interface: the words a Turkish class saw in English.
void TestRoughEdges::turkishLeavesNoEnglishWords()
{
    QTranslator turkish;
    QVERIFY(turkish.load(ui::InterfaceLanguage::qmResource(QStringLiteral("tr"))));
    struct Word {
        const char* context;
        const char* english;
        const char* mustNotContain;
    };
    const Word words[] = {
        { "ui::MainWindow", "&Prompt:", "Prompt" },
        { "OpLabel", "MLP up projection", "up" },
        { "OpLabel", "MLP down projection", "down" },
        { "OpLabel", "residual add (attention)", "residual" },
        { "OpLabel", "residual add (MLP)", "residual" },
        { "ui::SamplingLab", "temperature", "temperature" },
    };
    for (const Word& w : words) {
        const QString tr = turkish.translate(w.context, w.english);
        QVERIFY2(!tr.isEmpty(), w.english);
        QVERIFY2(!tr.contains(QLatin1String(w.mustNotContain)), qPrintable(tr));
    }
    // The sampling table's header takes the lab's word: "temperature" is "sıcaklık" in Turkish.
    QCoreApplication::installTranslator(&turkish);
    window(m_model, QStringLiteral("abc"));
    m_window->showView(ui::View::Sampling);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->decoding()->controller()->lastSampling().isValid(), 10000);
    ui::ProbabilityTableModel* table = m_window->decoding()->samplingLab()->tableModel();
    QString headers;
    for (int c = 0; c < table->columnCount(); ++c)
        headers += table->headerData(c, Qt::Horizontal).toString() + QLatin1Char('|');
    QCoreApplication::removeTranslator(&turkish);
    QVERIFY2(headers.contains(QStringLiteral("sıcaklık")), qPrintable(headers));
    QVERIFY2(!headers.contains(QStringLiteral("temperature")), qPrintable(headers));
}

// After a failure the window is in a clean state: nothing busy or "running…", the strip shows the tokens of the
// pass it has (no stale ones), the loaded model is still the one it was, and F5 runs its pass to the end.
void TestRoughEdges::expectClean(const QString& after, int tokens)
{
    QTRY_VERIFY2_WITH_TIMEOUT(
        !m_window->controller()->isBusy() && !m_window->decoding()->controller()->isBusy(), qPrintable(after), 10000);
    QVERIFY2(!m_window->decoding()->comparisonView()->status()->isRunning(), qPrintable(after));
    QVERIFY2(!m_window->decoding()->metricsView()->status()->isRunning(), qPrintable(after));
    QCOMPARE(m_window->controller()->model().folder, m_model);
    QCOMPARE(m_window->tokenStrip()->tokens().size(), m_window->controller()->tokens().size());
    QCOMPARE(int(m_window->controller()->tokens().size()), tokens);
    if (tokens > 0) {
        press(Qt::Key_F5);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->controller()->current().finished() && !m_window->controller()->isBusy(),
            qPrintable(after), 10000);
    }
}

// Issue #17: every kind of failure, one after another in one window — a model that cannot be read, one too large for
// the memory left, an empty and an overlong prompt, an export that cannot be written, a hostile session file, a
// malformed lesson — and after each the window is clean and usable (expectClean).
void TestRoughEdges::theWindowIsCleanAfterEveryKindOfFailure()
{
    window(m_model, QStringLiteral("abcdef"));
    QSignalSpy failed(m_window->controller(), &ui::SessionController::failed);

    m_window->openModel(m_dir.filePath(QStringLiteral("no-such-model")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    expectClean(QStringLiteral("a missing model"), 6);

    qputenv("IE_MEMORY_LIMIT", "4K");
    m_window->openModel(m_slow);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    qunsetenv("IE_MEMORY_LIMIT");
    QVERIFY2(m_window->statusText().contains(QStringLiteral("memory")), qPrintable(m_window->statusText()));
    expectClean(QStringLiteral("a model larger than the memory left"), 6);

    m_window->setPromptText(QString());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, 10000);
    expectClean(QStringLiteral("an empty prompt"), 0);
    m_window->setPromptText(QString(200, QLatin1Char('x')));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 4, 10000);
    expectClean(QStringLiteral("a prompt longer than the context"), 0);
    m_window->setPromptText(QStringLiteral("abcd"));
    expectClean(QStringLiteral("a good prompt"), 4);

    QString error;
    QVERIFY(!ui::exportView(
        m_window, ui::View::Tensor, m_dir.filePath(QStringLiteral("no/such/folder/x.png")), 1.0, &error));
    QVERIFY2(!error.isEmpty(), "an export that cannot be written says why");
    expectClean(QStringLiteral("an export that cannot be written"), 4);

    const QString hostile = m_dir.filePath(QStringLiteral("hostile.session.json"));
    {
        QFile f(hostile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "inference-explorer-session", "version": 1, "tokens": [1e400]})");
    }
    QSignalSpy sessionFailed(m_window->sessions(), &ui::SessionActions::failed);
    m_window->sessions()->open(hostile);
    QTRY_COMPARE_WITH_TIMEOUT(sessionFailed.count(), 1, 10000);
    expectClean(QStringLiteral("a hostile session file"), 4);

    const QString lesson = m_dir.filePath(QStringLiteral("broken-lesson.json"));
    {
        QFile f(lesson);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version": 1, "title": {"en": "x"}, "steps": [{"prompt": 7}]})");
    }
    QVERIFY(!m_window->openLesson(lesson));
    expectClean(QStringLiteral("a malformed lesson"), 4);
}

QTEST_MAIN(TestRoughEdges)
#include "tst_roughedges.moc"

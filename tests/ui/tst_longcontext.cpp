// Long contexts stay smooth. Timings are printed, never asserted (a busy CI machine would make them flaky); what is
// asserted is behaviour: the UI thread's timer keeps firing during a long prefill and while the attention tab
// opens, the prefill reports progress and can be cancelled, a 4096 x 4096 head is drawn from a downsampled image
// with exact values on hover, and a shorter prompt releases the longer one's memory.
#include "random_model.h"

#include "ui/session/session_controller.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/token_strip.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <random>

using ui::MainWindow;

namespace {
// Counts timer ticks on the UI thread and the longest gap between two.
struct GapMeter {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    int ticks = 0;
    GapMeter()
    {
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
            ++ticks;
        });
    }
    void start()
    {
        clock.start();
        last = 0;
        longest = 0;
        ticks = 0;
        timer.start(5);
    }
};

// Frame times of `frames` repaints of `w` after `change(i)`: median and worst, printed.
template <class Change> void reportFrames(const char* what, QWidget* w, int frames, Change change)
{
    QVector<double> ms;
    for (int i = 0; i < frames; ++i) {
        change(i);
        QElapsedTimer t;
        t.start();
        w->repaint();
        ms << t.nsecsElapsed() / 1e6;
    }
    std::sort(ms.begin(), ms.end());
    qInfo("%s: %d frames, median %.2f ms, worst %.2f ms", what, frames, ms[ms.size() / 2], ms.back());
}
} // namespace

class TestLongContext : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void uiThreadNeverBlocksOnALongPrefill();
    void shorterPromptReleasesMemory();
    void bigAttentionHeadDrawsDownsampled();
    void longStripAndTablesReportFrameTimes();

private:
    QTemporaryDir m_dir;
};

void TestLongContext::uiThreadNeverBlocksOnALongPrefill()
{
    const QString model = testing::makeSlowRandomModel(m_dir, QStringLiteral("slow"), 1024);
    MainWindow window(MainWindow::Options { false, false });
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.setPromptText(QString(988, QLatin1Char('a'))); // the 988-token prefill (one token a byte)
    window.openModel(model);
    ui::SessionController* c = window.controller();
    QTRY_VERIFY_WITH_TIMEOUT(c->hasPass() && !c->isBusy(), 30000);
    QCOMPARE(c->tokens().size(), 988);

    GapMeter gaps;
    QSignalSpy progress(c, &ui::SessionController::progress);
    QElapsedTimer wall;
    wall.start();
    gaps.start();
    c->runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c->current().finished() && !c->isBusy(), 120000);
    const qint64 prefillMs = wall.elapsed();
    const qint64 prefillGap = gaps.longest;
    const int prefillTicks = gaps.ticks;
    QVERIFY(progress.count() >= 1);
    QVERIFY(prefillTicks > 0); // the event loop ran during the prefill

    // Open the attention tab: the full matrix of a head is on its way from the worker; the grid draws thumbnails.
    gaps.start();
    wall.restart();
    QVERIFY(window.showView(QStringLiteral("attention")));
    ui::AttentionView* view = window.attentionPanel()->view();
    view->setSelectedHead(3, 5);
    emit view->headSelected(3, 5);
    QTRY_VERIFY_WITH_TIMEOUT(view->selectedMatrix() && !view->selectedMatrix()->downsampled(), 30000);
    view->repaint();
    const qint64 tabMs = wall.elapsed();
    QCOMPARE(view->selectedMatrix()->shownRows(), 988);
    QCOMPARE(view->selectedMatrix()->layer, 3);
    qInfo("988-token prefill in the window: %lld ms, %d timer ticks, longest UI-thread gap %lld ms; attention tab "
          "with head 3.5 in full: %lld ms, longest gap %lld ms; the stepper holds %.1f MB for the pass",
        prefillMs, prefillTicks, prefillGap, tabMs, gaps.longest, c->current().heldBytes / 1e6);
    QVERIFY(gaps.ticks > 0);

    // Cancel: a new prompt's prefill stops where it is.
    window.setPromptText(QString(900, QLatin1Char('b')));
    QTRY_VERIFY_WITH_TIMEOUT(c->tokens().size() == 900 && !c->isBusy(), 30000);
    c->runToEndOfPass();
    QTest::qWait(20);
    c->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!c->isBusy(), 30000);
    QVERIFY(c->cursor() < c->opCount() - 1);
}

void TestLongContext::shorterPromptReleasesMemory()
{
    const QString model = testing::makeSlowRandomModel(m_dir, QStringLiteral("slow2"), 1024);
    ui::SessionController c;
    QSignalSpy loaded(&c, &ui::SessionController::modelLoaded);
    c.loadModel(model);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    c.setPrompt(QString(600, QLatin1Char('a')));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 30000);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 120000);
    const qint64 longHeld = c.current().heldBytes;
    c.setPrompt(QStringLiteral("ab"));
    QTRY_VERIFY_WITH_TIMEOUT(c.tokens().size() == 2 && !c.isBusy(), 30000);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 30000);
    const qint64 shortHeld = c.current().heldBytes;
    qInfo("stepper memory for the pass: 600 tokens %.2f MB, then 2 tokens %.3f MB", longHeld / 1e6, shortHeld / 1e6);
    QVERIFY(shortHeld * 50 < longHeld);
}

void TestLongContext::bigAttentionHeadDrawsDownsampled()
{
    const int T = 4096;
    ui::AttentionMatrix m;
    m.layer = 0;
    m.head = 0;
    m.rows = m.cols = m.fullRows = m.fullCols = T;
    m.values.resize(qsizetype(T) * T);
    // Each row attends to itself and to key 0 (a "sink"), the rest spread thin; the mask keeps the future at zero.
    std::mt19937 rng(1);
    for (int r = 0; r < T; ++r) {
        float* row = m.values.data() + qsizetype(r) * T;
        std::fill(row, row + T, 0.0f);
        for (int c = 0; c <= r; ++c)
            row[c] = 0.2f / float(r + 1);
        row[0] += 0.4f;
        row[r] += 0.4f;
    }
    // The worker sends a head this big with its preview (block maxima at most kImageSide a side, made on its thread).
    auto previewOf = [](const ui::AttentionMatrix& full) {
        QElapsedTimer t;
        t.start();
        const ui::AttentionMatrix p = ui::attentionPreview(full, ui::AttentionView::kImageSide);
        qInfo("preview of the 4096 x 4096 head (worker thread): %.1f ms", t.nsecsElapsed() / 1e6);
        return p;
    };
    ui::AttentionView view;
    view.resize(1280, 720);
    view.setModelShape(1, 1);
    view.setSelectedHead(0, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer t;
    t.start();
    view.setFocusMatrix(m, previewOf(m));
    const double imageMs = t.nsecsElapsed() / 1e6;
    t.restart();
    const QPixmap first = view.grab();
    const double firstMs = t.nsecsElapsed() / 1e6;
    t.restart();
    view.repaint();
    const double againMs = t.nsecsElapsed() / 1e6;
    qInfo("4096 x 4096 head at 1280x720: downsampled image %.1f ms + first paint %.1f ms = %.1f ms; repaint %.1f ms "
          "(image at most %d a side)",
        imageMs, firstMs, imageMs + firstMs, againMs, ui::AttentionView::kImageSide);
    QVERIFY(view.selectedMatrix() && !view.selectedMatrix()->downsampled());
    // The diagonal is bright, the future masked: sample pixels in the drawn matrix.
    const QRectF cell0 = view.matrixCellRect(0, 0), cellEnd = view.matrixCellRect(T - 1, T - 1);
    QVERIFY(cellEnd.bottom() - cell0.top() < 720); // the whole matrix fits: cells are sub-pixel
    const QImage img = first.toImage();
    const QPoint diag = view.matrixCellRect(T / 2, T / 2).center().toPoint();
    const QPoint future = view.matrixCellRect(T / 8, T - 8).center().toPoint();
    QVERIFY(img.pixel(diag) != img.pixel(future));
    // Exact values on hover.
    const QPoint hover = view.matrixCellRect(3000, 0).center().toPoint();
    QMouseEvent move(QEvent::MouseMove, QPointF(hover), view.mapToGlobal(QPointF(hover)), Qt::NoButton, Qt::NoButton,
        Qt::NoModifier);
    QCoreApplication::sendEvent(&view, &move);
    // A pixel covers several rows here: the tooltip names the row under the pointer and its exact value.
    const QRegularExpressionMatch row = QRegularExpression(QStringLiteral("query (\\d+)")).match(view.toolTip());
    QVERIFY2(row.hasMatch(), qPrintable(view.toolTip()));
    const int r = row.captured(1).toInt();
    QVERIFY(std::abs(r - 3000) <= 8);
    QVERIFY2(view.toolTip().contains(QString::number(double(m.at(r, 0)), 'g', 6)), qPrintable(view.toolTip()));
}

void TestLongContext::longStripAndTablesReportFrameTimes()
{
    QStringList pieces;
    for (int i = 0; i < 4096; ++i)
        pieces << QStringLiteral("tok%1").arg(i % 97);
    // As in the window: the strip in a scroll area, the selection moving and scrolled into view.
    QScrollArea area;
    auto* strip = new ui::TokenStrip;
    area.setWidget(strip);
    area.setWidgetResizable(true);
    area.resize(1200, 200);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QElapsedTimer t;
    t.start();
    strip->setTokens(pieces);
    QCoreApplication::processEvents();
    qInfo("token strip: 4096 tokens laid out in %.1f ms (%d px tall)", t.nsecsElapsed() / 1e6, strip->height());
    QVERIFY(strip->cellRect(4095).bottom() <= strip->height());
    reportFrames("token strip, 4096 tokens, selection moving", area.viewport(), 30, [&](int i) {
        strip->setSelected(i * 131);
        const QRect r = strip->cellRect(i * 131);
        area.ensureVisible(r.center().x(), r.center().y(), 0, r.height());
    });

    // The window's Ops and token tables with a long prompt: repaint while the selection moves.
    QTemporaryDir dir;
    const QString model = testing::makeRandomModel(dir, QStringLiteral("m"), "gpt2", 2, 4);
    MainWindow window(MainWindow::Options { false, false });
    window.resize(1920, 1080);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.setPromptText(QString(60, QLatin1Char('x')));
    window.openModel(model);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasPass() && !window.controller()->isBusy(), 30000);
    reportFrames("main window 1920x1080, token selection moving", &window, 20,
        [&](int i) { window.tokenStrip()->setSelected(i % 60); });
}

QTEST_MAIN(TestLongContext)
#include "tst_longcontext.moc"

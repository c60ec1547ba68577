// Presentation mode and the UI zoom (ui/widgets/presentation_mode.h): Ctrl + / Ctrl − / Ctrl 0 step the zoom of
// the whole interface and it is remembered; F12 hides the docks and the diagram, switches to high contrast and
// back; and at 1280×720 with zoom 150% every view — each string its paint code draws, recorded by a paint
// engine that sees exactly what reaches the screen — is at least 20 px tall, and the sampling table shows every
// column without scrolling.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/decoding/probability_table_model.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/presentation_mode.h"
#include "ui/widgets/sampling_lab.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QPaintEngine>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTest>

#include <climits>
#include <cmath>

using ui::MainWindow;
using ui::View;

namespace {

// Records every text item painted through it: its text and its height in device pixels (the font's line height
// times the painter's scale, e.g. the beam tree drawn scaled to fit).
class TextRecorder : public QPaintEngine {
public:
    struct Item {
        QString text;
        double height;
    };
    QList<Item> items;

    TextRecorder()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState& state) override
    {
        if (state.state() & QPaintEngine::DirtyTransform)
            m_transform = state.transform();
    }
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override { }
    // Shapes are not recorded (the defaults of these two call each other).
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override { }
    void drawPolygon(const QPoint*, int, PolygonDrawMode) override { }
    void drawPath(const QPainterPath&) override { }
    void drawTextItem(const QPointF&, const QTextItem& item) override
    {
        if (item.text().trimmed().isEmpty())
            return;
        const double scale = std::sqrt(std::abs(m_transform.determinant()));
        items.push_back({ item.text(), QFontMetricsF(item.font()).height() * scale });
    }
    Type type() const override { return QPaintEngine::User; }

private:
    QTransform m_transform;
};

class RecordingDevice : public QPaintDevice {
public:
    explicit RecordingDevice(QSize size, const QPaintDevice* like)
        : m_size(size)
        , m_like(like)
    {
    }
    QPaintEngine* paintEngine() const override { return &m_engine; }
    TextRecorder& recorder() { return m_engine; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        case PdmDpiX:
        case PdmPhysicalDpiX:
            return m_like->logicalDpiX();
        case PdmDpiY:
        case PdmPhysicalDpiY:
            return m_like->logicalDpiY();
        case PdmWidthMM:
            return int(m_size.width() * 25.4 / m_like->logicalDpiX());
        case PdmHeightMM:
            return int(m_size.height() * 25.4 / m_like->logicalDpiY());
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return INT_MAX;
        default:
            return QPaintDevice::metric(m);
        }
    }

private:
    QSize m_size;
    const QPaintDevice* m_like;
    mutable TextRecorder m_engine;
};

} // namespace

class TestPresentation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void zoomKeysStepAndAreRemembered();
    void presentationHidesDocksAndRestoresThem();
    void samplingTableFitsAt150(); // before the walk below generates (the lab then shows a finished run)
    void everyViewReadableAt150_data();
    void everyViewReadableAt150();

private:
    MainWindow* makeWindow(bool remember);
    void showPrepared(MainWindow* w, const QString& view);
    void presentingWindow();
    QTemporaryDir m_dir;
    QString m_model;
    MainWindow* m_window = nullptr; // presenting at 1280x720, zoom 150%
};

void TestPresentation::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("InferenceExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presentation"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir, QStringLiteral("model"), "gpt2", 2, 4);
}

void TestPresentation::cleanupTestCase()
{
    delete m_window;
    QSettings().clear();
}

MainWindow* TestPresentation::makeWindow(bool remember)
{
    auto* w = new MainWindow(MainWindow::Options { remember, false });
    w->resize(1280, 720);
    w->show();
    if (!QTest::qWaitForWindowExposed(w))
        return w;
    return w;
}

void TestPresentation::showPrepared(MainWindow* w, const QString& view)
{
    bool ready = false;
    const View v = *ui::viewFromName(view);
    if (ui::viewSide(v) == ui::ViewSide::Decoding)
        QVERIFY(w->decoding()->prepareView(view, [&ready] { ready = true; }));
    else if (ui::viewSide(v) == ui::ViewSide::Interp) // runs its analysis
        QVERIFY(w->interp()->prepareView(view, [&ready] { ready = true; }));
    else if (ui::viewSide(v) == ui::ViewSide::Interventions)
        QVERIFY(w->interventions()->prepareView(v, [&ready] { ready = true; }));
    else
        ready = w->showView(view);
    QTRY_VERIFY_WITH_TIMEOUT(ready, 20000);
    QTest::qWait(80); // layouts settle
}

void TestPresentation::zoomKeysStepAndAreRemembered()
{
    const double base = QApplication::font().pointSizeF();
    MainWindow* w = makeWindow(true);
    ui::PresentationMode* pm = w->presentation();
    QCOMPARE(pm->zoom(), 1.0);
    QTest::keyClick(w, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(pm->zoom(), 1.1);
    QTest::keyClick(w, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(pm->zoom(), 1.25);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.25);
    QTest::keyClick(w, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(pm->zoom(), 1.1);
    delete w;
    QCOMPARE(QApplication::font().pointSizeF(), base); // the window gave the application its font back

    w = makeWindow(true); // remembered
    QCOMPARE(w->presentation()->zoom(), 1.1);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.1);
    QTest::keyClick(w, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(w->presentation()->zoom(), 1.0);
    QCOMPARE(QApplication::font().pointSizeF(), base);
    delete w;
}

void TestPresentation::presentationHidesDocksAndRestoresThem()
{
    MainWindow* w = makeWindow(false);
    const QList<QDockWidget*> docks = w->findChildren<QDockWidget*>();
    QVERIFY(!docks.isEmpty());
    auto* splitter = w->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    const QColor window = QApplication::palette().color(QPalette::Window);
    QTest::keyClick(w, Qt::Key_F12);
    QVERIFY(w->presentation()->isActive());
    QCOMPARE(w->presentation()->zoom(), ui::PresentationMode::kPresentationZoom);
    for (QDockWidget* d : docks)
        QVERIFY(!d->isVisible());
    QVERIFY(!splitter->widget(0)->isVisible()); // the diagram
    QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
    QTest::keyClick(w, Qt::Key_F12);
    QVERIFY(!w->presentation()->isActive());
    QCOMPARE(w->presentation()->zoom(), 1.0);
    QTRY_VERIFY(docks.front()->isVisible());
    QVERIFY(splitter->widget(0)->isVisible());
    QCOMPARE(QApplication::palette().color(QPalette::Window), window);
    delete w;
}

// One window for the walk: presenting at 1280x720 (zoom 150%), the prompt's prefill run.
void TestPresentation::presentingWindow()
{
    if (m_window)
        return;
    m_window = makeWindow(false);
    m_window->presentation()->setActive(true);
    QCOMPARE(m_window->presentation()->zoom(), 1.5);
    m_window->setPromptText(QStringLiteral("abcdef"));
    m_window->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass(), 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    m_window->controller()->runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->current().finished(), 10000);
}

void TestPresentation::everyViewReadableAt150_data()
{
    QTest::addColumn<QString>("view");
    for (const ui::ViewEntry& e : ui::viewTable()) {
        if (e.view == View::Model || e.view == View::Ops || e.view == View::Explanation || e.view == View::Diagram)
            continue; // the docks and the diagram: hidden while presenting
        QTest::newRow(e.name) << QString::fromLatin1(e.name);
    }
}

void TestPresentation::everyViewReadableAt150()
{
    QFETCH(QString, view);
    presentingWindow();
    QCOMPARE(m_window->size(), QSize(1280, 720));
    showPrepared(m_window, view);
    QWidget* widget = m_window->viewWidget(*ui::viewFromName(view));
    QVERIFY(widget && widget->isVisible());
    RecordingDevice device(widget->size(), widget);
    {
        QPainter p(&device);
        widget->render(&p);
    }
    const QList<TextRecorder::Item>& items = device.recorder().items;
    QVERIFY2(items.size() >= 3, qPrintable(QStringLiteral("%1 text items").arg(items.size())));
    double smallest = 1e9;
    QString which;
    for (const auto& it : items)
        if (it.height < smallest) {
            smallest = it.height;
            which = it.text;
        }
    qInfo("%s: %lld text items, the smallest %.1f px tall (\"%s\")", qPrintable(view), qlonglong(items.size()),
        smallest, qPrintable(which.left(40)));
    QVERIFY2(smallest >= 20.0, qPrintable(QStringLiteral("\"%1\" is %2 px tall").arg(which).arg(smallest)));
}

void TestPresentation::samplingTableFitsAt150()
{
    presentingWindow();
    QVERIFY(m_window->showView(QStringLiteral("sampling:temperature=0.8,top_k=8,top_p=0.9")));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->decoding()->controller()->sampling().topP == 0.9f && !m_window->decoding()->controller()->isBusy(),
        10000);
    QTest::qWait(100);
    QTableView* table = m_window->decoding()->samplingLab()->table();
    QVERIFY(table->isVisible());
    QStringList shown;
    for (int c = 0; c < table->model()->columnCount(); ++c) {
        if (table->isColumnHidden(c))
            continue;
        shown << table->model()->headerData(c, Qt::Horizontal).toString().replace(QLatin1Char('\n'), QLatin1Char(' '));
        const int right = table->columnViewportPosition(c) + table->columnWidth(c);
        QVERIFY2(table->columnViewportPosition(c) >= 0 && right <= table->viewport()->width(),
            qPrintable(QStringLiteral("column %1 (%2) ends at %3 of %4")
                           .arg(c)
                           .arg(table->model()->headerData(c, Qt::Horizontal).toString())
                           .arg(right)
                           .arg(table->viewport()->width())));
    }
    // token, logit, temperature, top-k, top-p, final
    QVERIFY2(shown.size() >= 6, qPrintable(shown.join(QLatin1String(" | "))));
    QVERIFY(!table->horizontalScrollBar()->isVisible());
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"

// Export of every view (ui/widgets/view_export.h, export_menu.h): a valid PNG at 1× and 2× (twice the pixels in
// each direction), an SVG that parses and holds <text> elements with the words the view paints, a CSV of the
// view's table that reads back to the same cells; CSV quoting survives commas, quotes and line breaks; a file
// name of another kind and a CSV of a view without a table are refused with the file named.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/state_export.h"
#include "ui/widgets/view_export.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTest>
#include <QXmlStreamReader>

using ui::MainWindow;
using ui::View;
namespace ViewExport = ui::ViewExport;

class TestViewExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyViewExports_data();
    void everyViewExports();
    void csvRoundTripsAwkwardFields();
    void refusesWhatItCannotWrite();
    void contextMenuCopiesTheImage();
    void stateJsonRecordsTheScreen();

private:
    void showPrepared(View view);
    QTemporaryDir m_dir;
    MainWindow* m_window = nullptr;
};

void TestViewExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString model = testing::makeRandomModel(m_dir);
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->setPromptText(QStringLiteral("abcdef"));
    m_window->openModel(model);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass(), 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    m_window->controller()->runToEndOfPass(); // tensors and attention to show
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->current().finished(), 10000);
}

void TestViewExport::cleanupTestCase() { delete m_window; }

// Shows the view and waits until it has its numbers (a decoding view generates / searches / measures first).
void TestViewExport::showPrepared(View view)
{
    bool ready = false;
    if (ui::viewSide(view) == ui::ViewSide::Decoding)
        QVERIFY(m_window->decoding()->prepareView(ui::viewName(view), [&ready] { ready = true; }));
    else if (ui::viewSide(view) == ui::ViewSide::Interp) // runs its analysis
        QVERIFY(m_window->interp()->prepareView(ui::viewName(view), [&ready] { ready = true; }));
    else if (ui::viewSide(view) == ui::ViewSide::Interventions) // compares / patches first
        QVERIFY(m_window->interventions()->prepareView(view, [&ready] { ready = true; }));
    else
        ready = m_window->showView(view);
    QTRY_VERIFY_WITH_TIMEOUT(ready, 20000);
    QTest::qWait(50); // layouts settle
}

void TestViewExport::everyViewExports_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<bool>("hasTable");
    for (const ui::ViewEntry& e : ui::viewTable()) {
        const bool table = e.view == View::Tensor || e.view == View::Attention || e.view == View::Lines
            || e.view == View::Sampling || e.view == View::Beam || e.view == View::Metrics || e.view == View::Model
            || e.view == View::Ops || e.view == View::Lens || e.view == View::Attribution || e.view == View::Heads
            || e.view == View::Interventions; // (patching: the default prompts' " Paris" is several tokens of this
                                              // byte-level model)
        QTest::newRow(e.name) << int(e.view) << table;
    }
}

void TestViewExport::everyViewExports()
{
    QFETCH(int, view);
    QFETCH(bool, hasTable);
    const View v = View(view);
    showPrepared(v);
    const ui::ExportTarget target = ui::exportTarget(m_window, v);
    QVERIFY(target.widget);
    QVERIFY(target.widget->isVisible());
    const QString name = ui::viewName(v);

    // PNG at 1× and 2×: readable, the widget's size times the scale, not one flat colour.
    for (double scale : { 1.0, 2.0 }) {
        const QString png = m_dir.filePath(QStringLiteral("%1@%2.png").arg(name).arg(scale));
        QString error;
        QVERIFY2(ViewExport::write(png, target.widget, target.table, scale, target.title, &error), qPrintable(error));
        QImageReader reader(png);
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage image = reader.read();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), target.widget->size() * scale);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 2, qPrintable(name));
    }

    // SVG: parses, and its <text> elements carry words.
    const QString svgFile = m_dir.filePath(name + QStringLiteral(".svg"));
    QString error;
    QVERIFY2(ViewExport::write(svgFile, target.widget, target.table, 1, target.title, &error), qPrintable(error));
    QFile svg(svgFile);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    int texts = 0;
    QString words;
    bool sawRoot = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("svg"))
            sawRoot = true;
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) {
            const QString t = xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            texts += !t.isEmpty();
            words += t + QLatin1Char(' ');
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawRoot);
    QVERIFY2(texts >= 3, qPrintable(QStringLiteral("%1: %2 text elements").arg(name).arg(texts)));

    // CSV: the view's table, read back cell for cell.
    QCOMPARE(!target.table.isEmpty(), hasTable);
    const QString csvFile = m_dir.filePath(name + QStringLiteral(".csv"));
    if (!hasTable) {
        QVERIFY(!ViewExport::write(csvFile, target.widget, target.table, 1, target.title, &error));
        QVERIFY(error.contains(csvFile));
        return;
    }
    QVERIFY2(ViewExport::write(csvFile, target.widget, target.table, 1, target.title, &error), qPrintable(error));
    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = ViewExport::parseCsv(QString::fromUtf8(csv.readAll()));
    QCOMPARE(rows.size(), target.table.rows.size() + 1);
    QCOMPARE(rows.front(), target.table.header);
    for (qsizetype r = 0; r < target.table.rows.size(); ++r)
        QCOMPARE(rows[r + 1], target.table.rows[r]);
    QVERIFY(target.table.rows.size() >= 1);
    QVERIFY(target.table.header.size() >= 2);
}

void TestViewExport::csvRoundTripsAwkwardFields()
{
    ui::CsvTable t;
    t.header = { QStringLiteral("token"), QStringLiteral("p, final"), QStringLiteral("say \"hi\"") };
    t.rows = { { QStringLiteral("␣France"), QStringLiteral("98.8%"), QStringLiteral("line\nbreak") },
        { QStringLiteral(""), QStringLiteral(","), QStringLiteral("\"") },
        { QStringLiteral("<|im_end|>"), QStringLiteral("3.2e-05"), QStringLiteral("a\r\nb") } };
    const QString text = ViewExport::toCsv(t);
    QVERIFY(text.endsWith(QLatin1String("\r\n")));
    QVERIFY(text.contains(QLatin1String("\"p, final\"")));
    QVERIFY(text.contains(QLatin1String("\"say \"\"hi\"\"\"")));
    const QList<QStringList> back = ViewExport::parseCsv(text);
    QCOMPARE(back.size(), 4);
    QCOMPARE(back[0], t.header);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(back[r + 1], t.rows[r]);
}

void TestViewExport::refusesWhatItCannotWrite()
{
    QWidget* tensor = m_window->viewWidget(View::Tensor);
    QString error;
    const QString txt = m_dir.filePath(QStringLiteral("view.txt"));
    QVERIFY(!ViewExport::write(txt, tensor, {}, 1, {}, &error));
    QVERIFY(error.contains(txt));
    QVERIFY(!QFile::exists(txt));
    const QString huge = m_dir.filePath(QStringLiteral("huge.png"));
    QVERIFY(!ViewExport::write(huge, tensor, {}, 16, {}, &error));
    QVERIFY(error.contains(QStringLiteral("16")));
    QVERIFY(!QFile::exists(huge));
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/view.svg"));
    QVERIFY(!ViewExport::write(nowhere, tensor, {}, 1, {}, &error));
    QVERIFY(error.contains(nowhere));
}

void TestViewExport::contextMenuCopiesTheImage()
{
    showPrepared(View::Attention);
    auto* exporter = m_window->findChild<ui::ExportMenu*>();
    QVERIFY(exporter);
    QMenu* menu = exporter->contextMenu(View::Attention, m_window);
    QAction* copy = nullptr;
    QStringList texts;
    for (QAction* a : menu->actions()) {
        texts << a->text();
        if (a->text().contains(QLatin1String("Copy image")))
            copy = a;
    }
    QVERIFY2(copy, qPrintable(texts.join(QLatin1String(" | "))));
    QVERIFY(texts.filter(QStringLiteral("SVG")).size() == 1);
    QVERIFY(texts.filter(QStringLiteral("CSV")).size() == 1);
    QGuiApplication::clipboard()->clear();
    copy->trigger();
    const QImage copied = QGuiApplication::clipboard()->image();
    QVERIFY(!copied.isNull());
    QCOMPARE(copied.size(), m_window->viewWidget(View::Attention)->size() * m_window->devicePixelRatioF());
    delete menu;
}

void TestViewExport::stateJsonRecordsTheScreen()
{
    showPrepared(View::Sampling);
    m_window->selectPosition(2);
    const QString file = m_dir.filePath(QStringLiteral("state.json"));
    QString error;
    QVERIFY2(ui::exportView(m_window, View::Attention, file, 1, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError parse;
    const QJsonObject s = QJsonDocument::fromJson(f.readAll(), &parse).object();
    QCOMPARE(parse.error, QJsonParseError::NoError);
    QCOMPARE(s.value("format").toString(), QStringLiteral("inference-explorer-state"));
    QCOMPARE(s.value("version").toInt(), ui::kStateJsonVersion);
    QCOMPARE(s.value("model").toObject().value("layers").toInt(), 2);
    QCOMPARE(s.value("prompt").toString(), QStringLiteral("abcdef"));
    const QJsonArray tokens = s.value("tokens").toArray();
    QCOMPARE(tokens.size(), m_window->controller()->tokens().size());
    QCOMPARE(tokens.at(1).toObject().value("id").toInt(), m_window->controller()->tokens()[1].id);
    QCOMPARE(s.value("selected_token").toInt(), 2);
    QCOMPARE(s.value("view").toString(), QStringLiteral("attention"));
    const QJsonObject stepper = s.value("stepper").toObject();
    QCOMPARE(stepper.value("op_index").toInt(), m_window->controller()->current().cursor);
    QCOMPARE(stepper.value("op").toObject().value("name").toString(), m_window->controller()->current().name);
    const QJsonObject sampling = s.value("sampling").toObject();
    QCOMPARE(sampling.value("parameters").toObject().value("temperature").toDouble(),
        double(m_window->decoding()->controller()->sampling().temperature));
    const QJsonArray rows = sampling.value("rows").toArray();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.at(0).toObject().value("token").toInt(),
        m_window->decoding()->controller()->lastSampling().table.rows.front().token);
}

QTEST_MAIN(TestViewExport)
#include "tst_viewexport.moc"

// inference-explorer --screenshot renders headless and exits: the PNG has the asked size and is not blank; a bad
// model folder exits non-zero with the loader's message; --view takes exactly the names of ui::viewTable().
#include "random_model.h"

#include "ui/widgets/view_names.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTest>

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void rendersEveryView_data();
    void rendersEveryView();
    void badModelFails();
    void viewOptionTakesTheTable();
    void exportWritesTheViewAlone_data();
    void exportWritesTheViewAlone();
    void exportRefusesABadOut();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestScreenshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestScreenshot::rendersEveryView_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QSize>("size");
    QTest::newRow("tensor after 12 ops") << QStringList { "--step", "12", "--view", "tensor" } << QSize(1280, 800);
    QTest::newRow("attention after prefill")
        << QStringList { "--run-prefill", "--view", "attention", "--select-token", "3" } << QSize(1280, 800);
    QTest::newRow("lines, dark, projector") << QStringList { "--run-prefill", "--view", "lines", "--theme", "dark",
        "--size", "1920x1080" } << QSize(1920, 1080);
    QTest::newRow("turkish explanation") << QStringList { "--step", "5", "--lang", "tr" } << QSize(1280, 800);
    // The two decoding views the option once forgot.
    QTest::newRow("compare") << QStringList { "--view", "compare" } << QSize(1280, 800);
    QTest::newRow("metrics") << QStringList { "--view", "metrics" } << QSize(1280, 800);
}

void TestScreenshot::rendersEveryView()
{
    QFETCH(QStringList, args);
    QFETCH(QSize, size);
    const QString png = m_dir.filePath(QStringLiteral("shot-%1.png").arg(QTest::currentDataTag()).replace(' ', '_'));
    QProcess p;
    p.start(QStringLiteral(IE_EXPLORER_EXE),
        QStringList { "--model", m_model, "--prompt", "Hello world", "--screenshot", png } + args);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QImage img(png);
    QVERIFY(!img.isNull());
    QCOMPARE(img.size(), size);
    // Not blank: many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            colours.insert(img.pixel(x, y));
    QVERIFY(colours.size() > 50);
}

void TestScreenshot::badModelFails()
{
    QProcess p;
    p.start(QStringLiteral(IE_EXPLORER_EXE),
        QStringList { "--model", m_dir.filePath("nope"), "--screenshot", m_dir.filePath("x.png") });
    QVERIFY(p.waitForFinished(60000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("Could not load")));
}

void TestScreenshot::viewOptionTakesTheTable()
{
    // The help lists every name of the table.
    QProcess help;
    help.start(QStringLiteral(IE_EXPLORER_EXE), QStringList { "--ui-lang", "en", "--help" });
    QVERIFY(help.waitForFinished(60000));
    const QString text = QString::fromUtf8(help.readAllStandardOutput()).simplified();
    const QStringList names = ui::viewNames();
    QVERIFY(names.contains(QStringLiteral("compare")));
    QVERIFY(names.contains(QStringLiteral("metrics")));
    QVERIFY2(text.contains(names.join(QStringLiteral(", "))), qPrintable(text));
    // A name outside it is refused before anything is loaded, and the message lists the names.
    for (const char* bad : { "nonsense", "tensor:top_k=3", "Compare" }) {
        QProcess p;
        p.start(QStringLiteral(IE_EXPLORER_EXE),
            QStringList { "--model", m_model, "--view", bad, "--screenshot", m_dir.filePath("bad.png") });
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("unknown view")) && err.contains(names.join(QStringLiteral(", "))),
            qPrintable(err));
        QVERIFY(!QFile::exists(m_dir.filePath("bad.png")));
    }
    // Every name of the table maps back to its view, settings only for the sampling lab.
    for (const ui::ViewEntry& e : ui::viewTable()) {
        QCOMPARE(ui::viewFromName(QString::fromLatin1(e.name)), std::optional<ui::View>(e.view));
        QCOMPARE(ui::viewName(e.view), QString::fromLatin1(e.name));
    }
    QCOMPARE(ui::viewFromName(QStringLiteral("sampling:temperature=0.8,top_k=6")), std::optional(ui::View::Sampling));
    QCOMPARE(ui::viewSettings(QStringLiteral("sampling:temperature=0.8,top_k=6")),
        QStringLiteral("temperature=0.8,top_k=6"));
}

void TestScreenshot::exportWritesTheViewAlone_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("file");
    QTest::newRow("attention svg") << QStringList { "--run-prefill", "--head", "1.2", "--export", "attention" }
                                   << QStringLiteral("head.svg");
    QTest::newRow("beam png 2x") << QStringList { "--export", "beam", "--scale", "2" } << QStringLiteral("beam.png");
    QTest::newRow("sampling csv") << QStringList { "--run-prefill", "--export", "sampling:top_k=5" }
                                  << QStringLiteral("table.csv");
}

void TestScreenshot::exportWritesTheViewAlone()
{
    QFETCH(QStringList, args);
    QFETCH(QString, file);
    const QString out = m_dir.filePath(file);
    QProcess p;
    p.start(QStringLiteral(IE_EXPLORER_EXE),
        QStringList { "--model", m_model, "--prompt", "Hello world", "--out", out, "--size", "1280x800" } + args);
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (file.endsWith(QLatin1String(".svg"))) {
        QVERIFY(bytes.contains("<svg") && bytes.contains("<text"));
        QVERIFY(bytes.contains("Layer 1"));
    } else if (file.endsWith(QLatin1String(".png"))) {
        const QImage img = QImage::fromData(bytes, "PNG");
        QVERIFY(!img.isNull());
        QVERIFY(img.width() > 1000 && img.width() < 2 * 1280); // the beam tab alone (not the window), at twice its size
    } else {
        const QStringList lines = QString::fromUtf8(bytes).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 6);
        QVERIFY(lines.front().startsWith(QLatin1String("token,")) && lines.front().contains(QLatin1String("top-k")));
    }
}

void TestScreenshot::exportRefusesABadOut()
{
    for (const QStringList& args :
        { QStringList { "--export", "tensor" }, QStringList { "--export", "tensor", "--out", m_dir.filePath("x.jpg") },
            QStringList { "--export", "tensor", "--out", m_dir.filePath("x.png"), "--scale", "3" },
            QStringList { "--export", "nonsense", "--out", m_dir.filePath("x.png") } }) {
        QProcess p;
        p.start(QStringLiteral(IE_EXPLORER_EXE), QStringList { "--model", m_model } + args);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(!QString::fromUtf8(p.readAllStandardError()).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"

// The sampling lab and the generation view on a small random model: dragging the temperature slider changes the
// table and the chart without a forward pass, top-k = 1 leaves one kept (un-greyed) row, the table passes the item
// model tester, and the stop reason on screen is the session's.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/decoding/probability_table_model.h"
#include "ui/session/probability_text.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/decoding_transport.h"
#include "ui/widgets/kv_cache_view.h"
#include "ui/widgets/sampling_lab.h"
#include "ui/widgets/sampling_texts.h"
#include "ui/widgets/token_html.h"

#include "core/sampling/stage_descriptor.h"

#include <QAbstractItemModelTester>
#include <QAbstractTextDocumentLayout>
#include <QBarSet>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using ui::DecodingController;
using ui::ProbabilityTableModel;

class TestSamplingLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void temperatureSliderChangesTableWithoutForwardPass();
    void topKOneShowsOneKeptRow();
    void stopReasonShownMatchesSession();
    void slidersComeFromTheDescriptors();
    void topPShowsTheTotalItComparesWithP();
    void kvLabelsDoNotCollideWithTwelveLayers();
    void specialTokenChipStaysOnOneLine();
    void modelsGenerationConfigSetsTheControls();

private:
    void ready(DecodingController& c);
    QTemporaryDir m_dir;
    QString m_model;
};

void TestSamplingLab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestSamplingLab::ready(DecodingController& c)
{
    QSignalSpy loaded(&c, &DecodingController::modelReady);
    c.loadModel(m_model);
    QVERIFY(loaded.wait(10000));
    c.setPrompt({ 84, 104, 101, 32 });
    QTRY_VERIFY_WITH_TIMEOUT(c.lastSampling().isValid() && !c.isBusy(), 10000);
}

void TestSamplingLab::temperatureSliderChangesTableWithoutForwardPass()
{
    DecodingController c;
    ui::SamplingLab lab(&c);
    lab.resize(1200, 700);
    lab.show();
    QAbstractItemModelTester tester(lab.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    ready(c);
    ProbabilityTableModel* m = lab.tableModel();
    QTRY_VERIFY_WITH_TIMEOUT(m->rowCount() > 0, 5000);
    const int finalColumn = m->columnCount() - 1;
    const double before = m->index(0, finalColumn).data(ProbabilityTableModel::ProbabilityRole).toDouble();
    QCOMPARE(c.forwardPasses(), 1);

    // Drag: every position re-samples; only the last matters.
    QSlider* t = lab.temperatureSlider();
    for (int v = 100; v >= 30; v -= 10)
        t->setValue(v);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(c.lastSampling().table.settings.size(), c.lastSampling().table.columns.size(), 5000);
    const double after = m->index(0, finalColumn).data(ProbabilityTableModel::ProbabilityRole).toDouble();
    QVERIFY2(after > before,
        qPrintable(QStringLiteral("T = 0.3 should sharpen the top probability: %1 -> %2").arg(before).arg(after)));
    QCOMPARE(c.sampling().temperature, 0.3f);
    QCOMPARE(c.forwardPasses(), 1); // no forward pass for a slider
    // The chart follows: the top bar of the "after" set is the top row's final probability.
    QVERIFY(lab.finalBars()->count() > 0);
    QCOMPARE(lab.finalBars()->at(lab.finalBars()->count() - 1), after); // best at the top: the last bar
    // Temperature 0 is greedy: one survivor.
    t->setValue(0);
    QTRY_COMPARE_WITH_TIMEOUT(m->keptRowCount(), 1, 5000);
    QCOMPARE(c.forwardPasses(), 1);
}

void TestSamplingLab::topKOneShowsOneKeptRow()
{
    DecodingController c;
    ui::SamplingLab lab(&c);
    lab.resize(1200, 700);
    ready(c);
    ProbabilityTableModel* m = lab.tableModel();
    QTRY_VERIFY_WITH_TIMEOUT(m->keptRowCount() > 1, 5000);
    lab.topKSlider()->setValue(1);
    QTRY_COMPARE_WITH_TIMEOUT(m->keptRowCount(), 1, 5000);
    // In the view: row 0 in normal text, the others greyed (the styler's foreground).
    QAbstractItemModel* shown = lab.table()->model();
    QVERIFY(!shown->index(1, 0).data(Qt::ForegroundRole).value<QColor>().isValid()
        || shown->index(1, 0).data(Qt::ForegroundRole).value<QColor>() == QColor(0x99, 0x99, 0x99));
    QCOMPARE(shown->index(1, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(0x99, 0x99, 0x99));
    QVERIFY(shown->index(0, 0).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("▶")));
    // The top-k column says "cut" for the second row.
    int topK = -1;
    for (int col = 0; col < m->columnCount(); ++col)
        if (m->headerData(col, Qt::Horizontal, ProbabilityTableModel::ColumnKindRole).toString()
            == QLatin1String("top_k"))
            topK = col;
    QVERIFY(topK > 0);
    QVERIFY(m->index(1, topK).data(ProbabilityTableModel::RemovedHereRole).toBool());
    QCOMPARE(c.forwardPasses(), 1);
}

// Top-p keeps rows until the running total of the probabilities it *receives* reaches p; its column shows its own
// renormalised values, so the Σ beside them must be the input's running total (the old one summed the column's own
// values and always ended at 100%).
void TestSamplingLab::topPShowsTheTotalItComparesWithP()
{
    DecodingController c;
    ui::SamplingLab lab(&c);
    lab.resize(1200, 700);
    ready(c);
    ProbabilityTableModel* m = lab.tableModel();
    QTRY_VERIFY_WITH_TIMEOUT(m->rowCount() > 0, 5000);
    c.setTableRows(100); // enough rows to reach the cut on a random model's flat distribution
    QVERIFY(lab.applySettings(QStringLiteral("temperature=1,top_p=0.15")));
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy() && c.sampling().topP == 0.15f, 5000);
    int topP = -1;
    for (int col = 0; col < m->columnCount(); ++col)
        if (m->headerData(col, Qt::Horizontal, ProbabilityTableModel::ColumnKindRole).toString()
            == QLatin1String("top_p"))
            topP = col;
    QVERIFY(topP > 1);
    QTRY_VERIFY_WITH_TIMEOUT(m->index(0, topP).data().toString().contains(QStringLiteral("Σ")), 5000);
    double input = 0; // running total of the column before top-p: what p is compared with
    int kept = 0;
    double reached = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        input += m->index(r, topP - 1).data(ProbabilityTableModel::ProbabilityRole).toDouble();
        const bool alive = m->index(r, topP).data(ProbabilityTableModel::KeptRole).toBool();
        if (!alive)
            break;
        ++kept;
        reached = input;
        const QString shown = m->index(r, topP).data().toString();
        QVERIFY2(shown.endsWith(QStringLiteral("Σ") + ui::probabilityText(input)),
            qPrintable(QStringLiteral("row %1 shows \"%2\", input total %3").arg(r).arg(shown).arg(input)));
        // Every kept row but the last is below p; the last one reaches it.
        if (!m->index(r + 1, topP).data(ProbabilityTableModel::KeptRole).toBool())
            QVERIFY2(input >= 0.15 - 1e-6, qPrintable(QString::number(input)));
        else
            QVERIFY2(input < 0.15, qPrintable(QString::number(input)));
    }
    QVERIFY2(kept >= 1 && kept < m->rowCount(), qPrintable(QString::number(kept)));
    // Cells are coloured by the one table mapping its legend shows.
    const QModelIndex cell = lab.table()->model()->index(0, topP);
    QCOMPARE(cell.data(Qt::BackgroundRole).value<QColor>().rgb(),
        ui::tableCellColour(cell.data(ProbabilityTableModel::ProbabilityRole).toDouble()));
    qInfo(
        "top-p 0.15 keeps %d rows; the last reaches Σ %s of the input", kept, qPrintable(ui::probabilityText(reached)));
}

// With 12 layers the K / V blocks are narrow: the labels above them ("L3 K" each) ran into each other.
void TestSamplingLab::kvLabelsDoNotCollideWithTwelveLayers()
{
    ui::KvCacheSnapshot cache;
    cache.layers = 12;
    cache.length = 10;
    cache.capacity = 64;
    cache.rowWidth = 768;
    cache.shownWidth = 8;
    for (int l = 0; l < cache.layers; ++l) {
        cache.keys << QVector<float>(cache.length * cache.shownWidth, 0.5f);
        cache.values << QVector<float>(cache.length * cache.shownWidth, -0.5f);
    }
    for (int width : { 640, 900, 1600 }) {
        ui::KvCacheView view;
        view.resize(width, 420);
        view.setSnapshot(cache, 6);
        const QVector<ui::KvCacheView::Label> labels = view.labels();
        QStringList layers;
        for (const auto& l : labels)
            if (l.text.startsWith(QLatin1Char('L')))
                layers << l.text;
        QVERIFY2(layers.size() >= 3 && layers.front() == QLatin1String("L0"), qPrintable(layers.join(' ')));
        for (qsizetype i = 0; i < labels.size(); ++i) {
            // Wide enough for its text, inside the view, apart from every other label.
            QVERIFY(labels[i].rect.width() >= view.fontMetrics().horizontalAdvance(labels[i].text));
            QVERIFY(view.rect().contains(labels[i].rect));
            for (qsizetype j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].rect.intersects(labels[j].rect),
                    qPrintable(
                        QStringLiteral("width %1: %2 and %3 overlap").arg(width).arg(labels[i].text, labels[j].text)));
        }
        if (width == 1600)
            QCOMPARE(layers.size(), 12); // room for all of them
    }
}

// In the Generation and Compare tabs "<|endoftext|>" was purple text on the dark blue of p ≈ 1, and broke after "<|".
void TestSamplingLab::specialTokenChipStaysOnOneLine()
{
    const QString eos = QStringLiteral("<|endoftext|>");
    QTextDocument doc;
    const QString words = QStringLiteral("The capital of Germany is Berlin.");
    doc.setHtml(ui::tokenChipHtml(words, false, 0.5, {}) + ui::tokenChipHtml(eos, true, 0.99, {}));
    const QString plain = doc.toPlainText();
    QCOMPARE(QString(plain).remove(QChar(0x2060)).simplified(), words + QLatin1Char(' ') + eos);
    // A line that ends just after "<|" if the token could break there (after "|").
    doc.setTextWidth(QFontMetricsF(doc.defaultFont()).horizontalAdvance(words + QStringLiteral(" <|e")) + 4);
    doc.documentLayout(); // lay out
    const QTextLayout* layout = doc.firstBlock().layout();
    QVERIFY(layout && layout->lineCount() >= 2);
    const int first = layout->lineForTextPosition(int(plain.indexOf(QLatin1Char('<')))).lineNumber();
    const int last = layout->lineForTextPosition(int(plain.lastIndexOf(QLatin1Char('>')))).lineNumber();
    QCOMPARE(first, last);
    // Its own colours (dark on purple), not the probability's dark blue; an ordinary token keeps the map.
    QTextDocument alone;
    alone.setHtml(ui::tokenChipHtml(eos, true, 0.99, {}));
    const QTextCharFormat special = alone.firstBlock().begin().fragment().charFormat();
    QCOMPARE(special.background().color(), QColor(0xcc, 0x79, 0xa7));
    QCOMPARE(special.foreground().color(), QColor(Qt::black));
    QTextDocument ordinary;
    ordinary.setHtml(ui::tokenChipHtml(QStringLiteral("Paris"), false, 0.99, {}));
    QCOMPARE(
        ordinary.firstBlock().begin().fragment().charFormat().background().color().rgb(), ui::tokenChipColour(0.99));
}

void TestSamplingLab::stopReasonShownMatchesSession()
{
    DecodingController c;
    ui::DecodingGenerationView view(&c);
    view.resize(1200, 700);
    view.show();
    ready(c);
    core::GenerationOptions o;
    o.maxNewTokens = 4;
    o.stopAtEos = false;
    c.setOptions(o);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(view.transport()->generateButton()->isEnabled(), 5000);
    QTest::mouseClick(view.transport()->generateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastGeneration().finished && !c.isBusy(), 10000);
    QCOMPARE(view.stopReasonShown(), c.lastGeneration().stopReason);
    QCOMPARE(view.stopReasonShown(), QStringLiteral("max_new_tokens"));
    QVERIFY(view.stopBanner()->text().contains(QStringLiteral("max new tokens")));
    QVERIFY(view.transport()->stopLabel()->text().contains(QStringLiteral("Stopped")));
    QVERIFY(!view.transport()->stepButton()->isEnabled());
    QCOMPARE(view.cacheView()->snapshot().length, 4 + 4 - 1);
    // Step back: running again, the banner says so.
    QTest::mouseClick(view.transport()->backButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!c.lastGeneration().finished, 5000);
    QCOMPARE(view.stopReasonShown(), QString());
    QVERIFY(view.transport()->stepButton()->isEnabled());
}

void TestSamplingLab::slidersComeFromTheDescriptors()
{
    DecodingController c;
    ui::SamplingLab lab(&c);
    using P = core::SamplingParameter;
    const QList<std::pair<P, QSlider*>> sliders { { P::Temperature, lab.temperatureSlider() },
        { P::TopK, lab.topKSlider() }, { P::TopP, lab.topPSlider() } };
    for (const auto& [id, slider] : sliders) {
        const core::ParameterDescriptor& d = core::parameterDescriptor(id);
        QCOMPARE(slider->minimum(), d.slider.min);
        QCOMPARE(slider->maximum(), d.slider.max);
        QCOMPARE(slider->value() * d.slider.scale, d.defaultValue);
        QCOMPARE(slider->toolTip(), ui::samplingText(d.help));
    }
    // The lab's defaults are the struct's, and every text the lab shows from a descriptor can be translated.
    QCOMPARE(lab.parameters(), core::SamplingParameters {});
    for (const core::ParameterDescriptor& d : core::parameterDescriptors()) {
        QVERIFY2(ui::hasSamplingText(d.help), d.help.data());
        if (d.special)
            QVERIFY2(ui::hasSamplingText(d.specialText), d.specialText.data());
    }
    // Settings by JSON name or by label.
    QVERIFY(lab.applySettings(QStringLiteral("top_k=6,repetition=1.2,repetition_penalty=1.3,window=5")));
    QCOMPARE(lab.parameters().topK, 6);
    QCOMPARE(lab.parameters().repetitionPenalty, 1.3f);
    QCOMPARE(lab.parameters().penaltyWindow, 5);
    QVERIFY(!lab.applySettings(QStringLiteral("nucleus=0.5")));
}

// generation_config.json with do_sample: false makes the lab greedy (T = 0), as `generate` is; a model that states
// temperature / top_p starts there; one that states nothing leaves the controls and shows no note.
void TestSamplingLab::modelsGenerationConfigSetsTheControls()
{
    QTemporaryDir dir;
    const QString greedy = testing::makeRandomModel(dir);
    auto writeConfig = [&](const QByteArray& json) {
        QFile f(greedy + QStringLiteral("/generation_config.json"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
    };
    writeConfig(R"({"do_sample": false, "temperature": 0.7})");
    DecodingController c;
    ui::SamplingLab lab(&c);
    lab.show();
    lab.temperatureSlider()->setValue(lab.temperatureSlider()->maximum() / 2);
    QSignalSpy loaded(&c, &DecodingController::modelReady);
    c.loadModel(greedy);
    QVERIFY(loaded.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(lab.parameters().temperature, 0.0f, 2000);
    QVERIFY(lab.defaultsNote()->isVisible());
    QVERIFY(lab.defaultsNote()->text().contains(QStringLiteral("do_sample: false")));
    QCOMPARE(c.defaults().sampling.temperature, 0.0f);

    writeConfig(R"({"do_sample": true, "temperature": 0.6, "top_p": 0.9})");
    c.loadModel(greedy);
    QVERIFY(loaded.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(lab.parameters().temperature, 0.6f, 2000);
    QCOMPARE(lab.parameters().topP, 0.9f);

    QVERIFY(QFile::remove(greedy + QStringLiteral("/generation_config.json")));
    lab.temperatureSlider()->setValue(lab.temperatureSlider()->maximum());
    const float chosen = lab.parameters().temperature;
    c.loadModel(greedy);
    QVERIFY(loaded.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!lab.defaultsNote()->isVisible(), 2000);
    QCOMPARE(lab.parameters().temperature, chosen);
}

QTEST_MAIN(TestSamplingLab)
#include "tst_samplinglab.moc"

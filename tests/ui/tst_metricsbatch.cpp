// The Metrics tab's batch throughput (issue 18): "Measure batch throughput" runs core::measureBatchThroughput on the
// engine thread and charts 6 points per series (1 .. 32 sequences). The values are positive, and the parts that do
// not depend on the clock are exactly core's: the bytes a step reads (weights once + every sequence's KV cache), the
// bandwidth-limit lines from them and the measured bandwidth, and tokens/s = sequences / time per step. No timing is
// asserted. A cancel leaves the chart with what was measured and the status says so.
#include "random_model.h"

#include "core/bench/batch_throughput.h"
#include "core/model/model.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/run_status.h"

#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

class TestMetricsBatch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chartsSixMeasuredPoints();
    void cancelKeepsWhatWasMeasured();

private:
    void ready(ui::DecodingController& c);
    QTemporaryDir m_dir;
    QString m_model;
};

static const std::vector<std::int32_t> kPrompt { 72, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100 }; // "Hello world"

void TestMetricsBatch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir, QStringLiteral("m"), "llama");
}

void TestMetricsBatch::ready(ui::DecodingController& c)
{
    QSignalSpy loaded(&c, &ui::DecodingController::modelReady);
    c.loadModel(m_model);
    QVERIFY(loaded.wait(10000));
    c.setPrompt(kPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
}

static bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

void TestMetricsBatch::chartsSixMeasuredPoints()
{
    ui::DecodingController c;
    ready(c);
    ui::MetricsView view(&c);
    view.resize(1280, 720);
    view.show();
    QSignalSpy measured(&c, &ui::DecodingController::batchesMeasured);
    QTest::mouseClick(view.batchButton(), Qt::LeftButton);
    QVERIFY(c.isBusy()); // on the engine thread: the click returned at once
    QVERIFY(view.batchStatus()->isRunning());
    QVERIFY(view.batchStatus()->cancelButton()->isVisible());
    QVERIFY(view.batchStatus()->progressBar()->isVisible());
    QVERIFY(!view.batchButton()->isEnabled());
    QVERIFY(measured.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 10000);
    QVERIFY(!view.batchStatus()->isRunning());
    QVERIFY(view.batchButton()->isEnabled());
    QCOMPARE(view.pages()->currentIndex(), 1); // the batch page is shown

    const ui::BatchCurve& k = c.lastBatches();
    QVERIFY(k.bandwidth > 0);
    QCOMPARE(k.promptTokens, 8); // the prompt's last 8 tokens: bounded caches whatever the prompt
    const auto model = core::Model::load(m_model.toStdString());
    const QList<QLineSeries*> all
        = { view.stepTimeSeries(), view.stepLimitSeries(), view.tokensSeries(), view.tokensLimitSeries() };
    for (QLineSeries* s : all)
        QCOMPARE(s->count(), 6);
    const int sizes[] = { 1, 2, 4, 8, 16, 32 };
    for (int i = 0; i < 6; ++i) {
        const double n = sizes[i];
        for (QLineSeries* s : all) {
            QCOMPARE(s->at(i).x(), n);
            QVERIFY2(s->at(i).y() > 0 && std::isfinite(s->at(i).y()), qPrintable(s->name()));
        }
        // What the clock does not decide is core's: the bytes a step reads and the limits from them.
        const double bytes = core::batchStepBytes(*model, sizes[i], k.promptTokens + k.steps / 2.0);
        QVERIFY2(near(k.bytesPerStep[i], bytes), qPrintable(QString::number(k.bytesPerStep[i] - bytes)));
        QVERIFY(near(view.tokensLimitSeries()->at(i).y(), n * k.bandwidth / bytes));
        QVERIFY(near(view.stepLimitSeries()->at(i).y(), 1e3 * bytes / k.bandwidth));
        // The two measured charts are one measurement: tokens/s = sequences / time per step.
        QVERIFY(near(view.tokensSeries()->at(i).y(), 1e3 * n / view.stepTimeSeries()->at(i).y()));
        if (i > 0) // more sequences read more KV cache
            QVERIFY(k.bytesPerStep[i] > k.bytesPerStep[i - 1]);
        std::printf("    %2d sequences: %.3f ms/step, %.0f tokens/s (limit %.0f)\n", sizes[i], k.msPerStep[i],
            k.tokensPerS[i], k.limitTokensPerS[i]);
    }
    QVERIFY2(
        view.batchStatus()->text().contains(QStringLiteral("32 sequences")), qPrintable(view.batchStatus()->text()));
}

void TestMetricsBatch::cancelKeepsWhatWasMeasured()
{
    ui::DecodingController c;
    ready(c);
    ui::MetricsView view(&c);
    view.show();
    view.measureBatches();
    // Cancelled while the bandwidth is read: no batch size is timed after that.
    QTest::mouseClick(view.batchStatus()->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), 30000);
    QVERIFY(view.stepTimeSeries()->count() < 6);
    QVERIFY2(view.batchStatus()->text().contains(QStringLiteral("Cancelled")), qPrintable(view.batchStatus()->text()));
}

QTEST_MAIN(TestMetricsBatch)
#include "tst_metricsbatch.moc"

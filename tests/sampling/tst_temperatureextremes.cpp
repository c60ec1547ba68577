// Temperatures near zero (issue 17): logit / 1e-45 overflows the float range, and the old clamp flattened every large
// logit to the same value, so the draw was uniform among them (p = 1/258 on a real model). The limit T -> 0 is
// greedy: the best token with probability 1, whatever the draw, for positive and negative logits alike.
#include "sampling_test_helpers.h"

#include "core/sampling/stage_order.h"

#include <QtTest>

class TestTemperatureExtremes : public QObject {
    Q_OBJECT
private slots:
    void tinyTemperatureIsGreedy_data()
    {
        QTest::addColumn<float>("temperature");
        QTest::addColumn<QList<float>>("logits");
        QTest::addColumn<int>("best");
        QTest::addColumn<double>("uniform");
        for (float t : { 1e-45f, 1e-38f, 1e-30f }) {
            const QByteArray name = QByteArray::number(double(t));
            QTest::newRow(name + " positive, draw 0.99") << t << QList<float> { 10, 20, 30, 29, 25 } << 2 << 0.99;
            QTest::newRow(name + " positive, draw 0") << t << QList<float> { 30, 20, 10, 29, 25 } << 0 << 0.0;
            QTest::newRow(name + " negative") << t << QList<float> { -30, -20, -1, -29, -25 } << 2 << 0.99;
            QTest::newRow(name + " mixed, with a ban") << t << QList<float> { -INFINITY, 3, -2, 2.5f, 0 } << 1 << 0.99;
        }
    }
    void tinyTemperatureIsGreedy()
    {
        QFETCH(float, temperature);
        QFETCH(QList<float>, logits);
        QFETCH(int, best);
        QFETCH(double, uniform);
        core::SamplingParameters p;
        p.temperature = temperature;
        for (const auto& order : { core::StageOrder::huggingFace(), core::StageOrder::llamaCpp() }) {
            const core::SamplingRecord r = testing::runOrder(order, p, logits, {}, uniform);
            QCOMPARE(r.chosenToken(), best);
            QCOMPARE(r.chosenProbability(), 1.0);
            // The record replays the run: the last column's probabilities sum to 1, all on the best token.
            const size_t last = r.stageNames().size();
            QCOMPARE(r.cell(best, last).probability, 1.0);
            QVERIFY(qAbs(testing::probabilitySum(r, last) - 1.0) < 1e-6);
        }
    }

    // Small but representable temperatures keep their meaning: T = 0.5 on ln(p) doubles the log-odds.
    void ordinaryTemperatureUnchanged()
    {
        core::SamplingParameters p;
        p.temperature = 0.5f;
        const auto r
            = testing::runOrder(core::StageOrder::huggingFace(), p, testing::logOf({ 0.5, 0.25, 0.25 }), {}, 0.9);
        const size_t last = r.stageNames().size();
        QVERIFY(qAbs(r.cell(0, last).probability - 4.0 / 6.0) < 1e-5); // (1/2)^2 : (1/4)^2 : (1/4)^2
        QVERIFY(qAbs(r.cell(1, last).probability - 1.0 / 6.0) < 1e-5);
    }
};

QTEST_APPLESS_MAIN(TestTemperatureExtremes)
#include "tst_temperatureextremes.moc"

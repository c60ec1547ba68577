// Our engine against an independent PyTorch forward pass (tools/reference, float64): the stream after the
// embedding, after every block, every head's attention probabilities and the logits at every position.
// Tolerance: max |ours - ref| <= 1e-4 * max(1, max |ref|) for every tensor.
#include "reference_fixture.h"

#include <QDir>
#include <QtTest>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

class TestReference : public QObject {
    Q_OBJECT
private slots:
    void matchesPyTorch_data()
    {
        QTest::addColumn<QString>("modelDir");
        QTest::addColumn<QString>("fixture");
        const fs::path data = fs::path(IE_TEST_DATA_DIR) / "reference";
        int rows = 0;
        for (const auto& entry : fs::directory_iterator(data)) {
            if (!fs::exists(entry.path() / "reference.safetensors"))
                continue;
            // Random models keep their weights beside the fixture; the shipped models live in sample_models/.
            fs::path model = entry.path();
            if (!fs::exists(model / "config.json"))
                model = fs::path(IE_SOURCE_DIR) / "sample_models" / entry.path().filename();
            QTest::newRow(entry.path().filename().c_str()) << QString::fromStdString(
                model.string()) << QString::fromStdString((entry.path() / "reference.safetensors").string());
            ++rows;
        }
        QVERIFY2(rows >= 8, "expected the random-weight fixtures of every architecture in tests/data/reference");
    }

    void matchesPyTorch()
    {
        QFETCH(QString, modelDir);
        QFETCH(QString, fixture);
        const auto model = core::Model::load(modelDir.toStdString());
        const core::SafetensorsFile fx(fixture.toStdString());
        const int prompts = fixturePrompts(fx);
        QVERIFY(prompts > 0);
        double worst = 0;
        std::string worstKey;
        for (int p = 0; p < prompts; ++p) {
            for (const auto& c : compareWithFixture(*model, fx, p)) {
                if (c.relative() > worst) {
                    worst = c.relative();
                    worstKey = c.key;
                }
                QVERIFY2(c.relative() <= 1e-4,
                    qPrintable(
                        QString("%1: max diff %2 (scale %3)").arg(c.key.c_str()).arg(c.maxAbsDiff).arg(c.maxAbsRef)));
            }
        }
        std::printf("    %-28s %d prompts, max relative diff %.2e (%s)\n", QTest::currentDataTag(), prompts, worst,
            worstKey.c_str());
    }
};

QTEST_APPLESS_MAIN(TestReference)
#include "tst_reference.moc"

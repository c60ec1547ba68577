// Our engine against an independent PyTorch forward pass (tools/reference, float64): the stream after the
// embedding, after every block, every head's attention probabilities and the logits at every position.
// Tolerance: max |ours - ref| <= 1e-4 * max(1, max |ref|) for every tensor.
// Ablations (ablation.safetensors, tools/reference/make_ablation_fixtures.py): the reference runs the same
// interventions (a zeroed head, a mean-ablated head, an ablated MLP, an attention sub-layer, a knocked-out edge, and
// several at once) on random llama, gpt2 and post-norm explorer models; the logits at every position, same tolerance.
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

    void ablationsMatchPyTorch_data()
    {
        QTest::addColumn<QString>("folder");
        for (const char* name : { "random-llama", "random-gpt2", "random-explorer-classic" })
            QTest::newRow(name) << QString::fromStdString((fs::path(IE_TEST_DATA_DIR) / "reference" / name).string());
    }
    void ablationsMatchPyTorch()
    {
        QFETCH(QString, folder);
        const auto model = core::Model::load(folder.toStdString());
        const auto plan = core::ExecutionPlan::compile(*model);
        const core::SafetensorsFile fx((folder + "/ablation.safetensors").toStdString());
        std::vector<std::int32_t> tokens;
        for (auto v : fx.toInt(*fx.find("tokens")))
            tokens.push_back(std::int32_t(v));
        int checked = 0;
        for (const auto& t : fx.tensors()) {
            const std::string suffix = ".logits";
            if (!t.name.ends_with(suffix))
                continue;
            // the key names the interventions in the CLI syntax, several joined by "+"
            const std::string specs = t.name.substr(0, t.name.size() - suffix.size());
            core::InterventionList list;
            for (std::size_t at = 0; specs != "none" && at <= specs.size();) {
                const std::size_t plus = std::min(specs.find('+', at), specs.size());
                list.push_back(core::parseIntervention(specs.substr(at, plus - at), model->config()));
                at = plus + 1;
            }
            core::KvCache cache(model->config(), int(tokens.size()));
            core::Executor exec(*model, plan);
            exec.setInterventions(list);
            exec.begin(tokens, cache, {}, core::LogitRows::All);
            exec.run();
            const std::vector<float> ours = exec.logits().copy(), ref = fx.toFloat(t);
            QCOMPARE(ours.size(), ref.size());
            double diff = 0, scale = 1;
            for (std::size_t i = 0; i < ref.size(); ++i) {
                diff = std::max(diff, double(std::abs(ours[i] - ref[i])));
                scale = std::max(scale, double(std::abs(ref[i])));
            }
            std::printf(
                "    %-24s %-42s max relative diff %.2e\n", QTest::currentDataTag(), specs.c_str(), diff / scale);
            QVERIFY2(diff / scale <= 1e-4, qPrintable(QString::fromStdString(specs)));
            ++checked;
        }
        QCOMPARE(checked, 7);
    }
};

QTEST_APPLESS_MAIN(TestReference)
#include "tst_reference.moc"

// The checkpointing stepper (core/exec/stepper.h): every op's output, asked for in any order after the pass has
// moved on, equals bit for bit what a recording of the whole pass saw; the attention of a head equals its softmax
// event; and what it holds does not grow with heads x T^2.
#include "core/exec/stepper.h"
#include "core/model/random_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>

class TestStepper : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::Model> makeModel(const char* arch, const char* placement)
    {
        core::RandomModelSpec s;
        s.arch = arch;
        s.dim = 48;
        s.heads = 4;
        s.kvHeads = std::string(arch) == "llama" ? 2 : 0;
        s.layers = 3;
        s.vocab = 256;
        s.context = 128;
        s.placement = placement;
        s.seed = 5;
        const std::string dir = m_dir.filePath(QString("%1-%2").arg(arch, placement)).toStdString();
        core::writeRandomModel(s, dir);
        return core::Model::load(dir);
    }

private slots:
    void recomputedOutputsAreBitIdentical_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("placement");
        QTest::newRow("gpt2 pre") << "gpt2"
                                  << "pre";
        QTest::newRow("llama pre") << "llama"
                                   << "pre";
        QTest::newRow("explorer post") << "explorer"
                                       << "post";
    }
    void recomputedOutputsAreBitIdentical()
    {
        QFETCH(QString, arch);
        QFETCH(QString, placement);
        const auto model = makeModel(arch.toUtf8().constData(), placement.toUtf8().constData());
        const auto plan = core::ExecutionPlan::compile(model->config());
        const std::vector<std::int32_t> prompt { 5, 17, 200, 3, 99, 42, 7, 8, 9, 100 };

        core::Executor recorded(*model, plan);
        core::KvCache c1(model->config(), 32);
        core::RecordingSink sink;
        recorded.begin(prompt, c1, {});
        recorded.run(&sink);

        core::Executor exec(*model, plan);
        core::KvCache c2(model->config(), 32);
        exec.begin(prompt, c2, {});
        core::Stepper stepper(exec);
        while (!stepper.finished())
            stepper.advance();
        QCOMPARE(stepper.frontier(), int(plan.size()) - 1);
        // Every op, in a shuffled order (backwards jumps across layers, forwards inside one).
        std::vector<int> order(plan.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::shuffle(order.begin(), order.end(), std::mt19937(1));
        for (int n : order) {
            const core::TensorView out = stepper.show(n);
            const core::RecordedEvent& e = sink.events()[std::size_t(n)];
            QCOMPARE(out.rows, e.rows);
            QCOMPARE(out.cols, e.cols);
            const std::vector<float> got = out.copy();
            QVERIFY2(std::memcmp(got.data(), e.values.data(), got.size() * sizeof(float)) == 0,
                qPrintable(QString::fromStdString(plan[std::size_t(n)].name)));
        }
        // The pass goes on after looking back: a decode pass over the same cache gives the recording's numbers.
        QCOMPARE(c2.length(), int(prompt.size()));
        QVERIFY(std::memcmp(c1.keys(1), c2.keys(1), sizeof(float) * prompt.size() * c1.rowWidth()) == 0);
        // Attention of a head: its softmax event.
        const int sm = stepper.softmaxNode(1, 2);
        QVERIFY(sm >= 0);
        const std::vector<float> a = stepper.attention(1, 2).copy();
        QVERIFY(std::memcmp(a.data(), sink.events()[std::size_t(sm)].values.data(), a.size() * sizeof(float)) == 0);
        QCOMPARE(int(stepper.thumbnails().size()), model->config().nLayers * model->config().nHeads);
    }

    // Held memory: checkpoints (layers + 2) x T x dim and thumbnails of at most 64 x 64 per head, not T^2 per head.
    void heldBytesDoNotGrowWithTSquared()
    {
        const auto model = makeModel("gpt2", "pre");
        const auto& c = model->config();
        const auto plan = core::ExecutionPlan::compile(c);
        std::vector<std::uint64_t> held;
        for (int T : { 32, 128 }) {
            std::vector<std::int32_t> prompt(std::size_t(T), 7);
            core::Executor exec(*model, plan);
            core::KvCache cache(c, T);
            exec.begin(prompt, cache, {});
            core::Stepper stepper(exec);
            while (!stepper.finished())
                stepper.advance();
            held.push_back(stepper.bytesHeld());
            const std::uint64_t bound = std::uint64_t(c.nLayers + 2) * T * c.dim * 4
                + std::uint64_t(c.nLayers) * c.nHeads * (64 * 64 * 4 + sizeof(core::AttentionThumbnail));
            const std::uint64_t allAttention = std::uint64_t(c.nLayers) * c.nHeads * T * T * 4;
            qInfo("T %d: stepper holds %.1f KB (checkpoint bound %.1f KB; every attention matrix would be %.1f KB)", T,
                held.back() / 1e3, bound / 1e3, allAttention / 1e3);
            QVERIFY(held.back() <= bound);
        }
    }
};

QTEST_APPLESS_MAIN(TestStepper)
#include "tst_stepper.moc"

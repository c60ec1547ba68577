// The executor: stepping one node at a time gives bit-identical results to running at once; decode with the
// KV cache gives the logits a full prefill gives; the trace names every node once per pass.
#include "core/common/error.h"
#include "core/exec/executor.h"
#include "core/model/random_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

class TestExecutor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::Model> makeModel(const char* arch, const char* placement = "pre")
    {
        core::RandomModelSpec s;
        s.arch = arch;
        s.dim = 48;
        s.heads = 4;
        s.kvHeads = std::string(arch) == "llama" ? 2 : 0;
        s.vocab = 256;
        s.context = 64;
        s.placement = placement;
        s.seed = 11;
        const std::string dir = m_dir.filePath(QString("%1-%2").arg(arch, placement)).toStdString();
        core::writeRandomModel(s, dir);
        return core::Model::load(dir);
    }
    const std::vector<std::int32_t> m_prompt { 5, 17, 200, 3, 99, 42, 7 };

private slots:
    void stepEqualsRun_data()
    {
        QTest::addColumn<QString>("arch");
        for (const char* a : { "gpt2", "llama", "qwen2", "explorer", "llama3", "mistral", "qwen3", "gpt_neox", "phi3",
                 "gemma2", "gemma3", "smollm3" })
            QTest::newRow(a) << a;
    }
    void stepEqualsRun()
    {
        QFETCH(QString, arch);
        const auto model = makeModel(arch.toStdString().c_str(), "post");
        const auto plan = core::ExecutionPlan::compile(model->config());
        core::Executor fast(*model, plan), slow(*model, plan);
        core::KvCache c1(model->config(), 32), c2(model->config(), 32);
        fast.begin(m_prompt, c1, {}, core::LogitRows::All);
        fast.run();
        slow.begin(m_prompt, c2, {}, core::LogitRows::All);
        core::RecordingSink sink;
        int steps = 0;
        while (!slow.finished()) {
            slow.step(&sink);
            ++steps;
        }
        QCOMPARE(steps, int(plan.size()));
        QCOMPARE(int(sink.events().size()), int(plan.size()));
        const auto a = fast.logits().copy(), b = slow.logits().copy();
        QCOMPARE(a.size(), b.size());
        QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0); // bit-identical
        QCOMPARE(c1.length(), int(m_prompt.size()));
        QCOMPARE(c2.length(), int(m_prompt.size()));
        for (std::size_t i = 0; i < sink.events().size(); ++i)
            QCOMPARE(sink.events()[i].nodeIndex, int(i));
    }

    void decodeWithCacheMatchesFullPrefill_data() { stepEqualsRun_data(); }
    void decodeWithCacheMatchesFullPrefill()
    {
        QFETCH(QString, arch);
        const auto model = makeModel(arch.toStdString().c_str());
        const auto& c = model->config();
        const auto plan = core::ExecutionPlan::compile(c);
        core::Executor exec(*model, plan);
        // Everything at once: logits at every position.
        core::KvCache full(c, 32);
        exec.begin(m_prompt, full, {}, core::LogitRows::All);
        exec.run();
        const auto all = exec.logits().copy();
        // Prefill of the first 3, then one token at a time against the cache.
        core::KvCache cache(c, 32);
        exec.begin(std::span(m_prompt).first(3), cache, {});
        exec.run();
        double worst = 0;
        for (std::size_t t = 3; t < m_prompt.size(); ++t) {
            exec.begin(std::span(m_prompt).subspan(t, 1), cache, { core::PhaseKind::Decode, int(t - 3) });
            exec.run();
            QCOMPARE(cache.length(), int(t + 1));
            for (int v = 0; v < c.vocab; ++v)
                worst = std::max(worst, double(std::abs(exec.logits().at(0, v) - all[t * c.vocab + v])));
        }
        std::printf("    %s: decode vs prefill max diff %.2e\n", qPrintable(arch), worst);
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    }

    // Today's architectures as their reference fixtures shape them (windows of 6-8 tokens): a 20-token prompt, 3 by
    // prefill and 17 decoded one at a time, so the sliding windows move past the first keys while decoding.
    void decodeMatchesPrefillPastTheWindow_data()
    {
        QTest::addColumn<QString>("folder");
        for (const char* a : { "llama3", "mistral", "qwen3", "gpt_neox", "phi3", "gemma2", "gemma3", "smollm3" })
            QTest::newRow(a) << QString(IE_TEST_DATA_DIR "/reference/random-%1").arg(a);
    }
    void decodeMatchesPrefillPastTheWindow()
    {
        QFETCH(QString, folder);
        const auto model = core::Model::load(folder.toStdString());
        const auto& c = model->config();
        std::vector<std::int32_t> prompt;
        for (int i = 0; i < 20; ++i)
            prompt.push_back(std::int32_t((i * 37 + 11) % c.vocab));
        if (c.slidingWindow > 0)
            QVERIFY(int(prompt.size()) > c.slidingWindow);
        const auto plan = core::ExecutionPlan::compile(c);
        core::Executor exec(*model, plan);
        core::KvCache full(c, 32);
        exec.begin(prompt, full, {}, core::LogitRows::All);
        exec.run();
        const auto all = exec.logits().copy();
        core::KvCache cache(c, 32);
        exec.begin(std::span(prompt).first(3), cache, {});
        exec.run();
        double worst = 0, scale = 0;
        for (std::size_t t = 3; t < prompt.size(); ++t) {
            exec.begin(std::span(prompt).subspan(t, 1), cache, { core::PhaseKind::Decode, int(t - 3) });
            exec.run();
            for (int v = 0; v < c.vocab; ++v) {
                worst = std::max(worst, double(std::abs(exec.logits().at(0, v) - all[t * c.vocab + v])));
                scale = std::max(scale, double(std::abs(all[t * c.vocab + v])));
            }
        }
        std::printf("    %s: decode vs prefill over 20 positions (window %d), max diff %.2e (logits up to %.1f)\n",
            QTest::currentDataTag(), c.slidingWindow, worst, scale);
        QVERIFY2(worst <= 1e-4 * std::max(1.0, scale), qPrintable(QString::number(worst)));
    }

    void probabilitiesSumToOne()
    {
        const auto model = makeModel("llama");
        const auto plan = core::ExecutionPlan::compile(model->config());
        core::Executor exec(*model, plan);
        core::KvCache cache(model->config(), 16);
        exec.begin(m_prompt, cache, {});
        exec.run();
        QCOMPARE(exec.probs().rows, 1);
        QVERIFY(std::abs(exec.probs().map().sum() - 1.0f) < 1e-5f);
    }

    void causalMaskHidesTheFuture()
    {
        const auto model = makeModel("gpt2");
        const auto plan = core::ExecutionPlan::compile(model->config());
        core::Executor exec(*model, plan);
        core::KvCache cache(model->config(), 16);
        core::RecordingSink sink;
        exec.begin(m_prompt, cache, {});
        exec.run(&sink);
        int checked = 0;
        for (const auto& e : sink.events()) {
            if (plan[std::size_t(e.nodeIndex)].kind != core::OpKind::Softmax)
                continue;
            for (int i = 0; i < e.rows; ++i) {
                double rowSum = 0;
                for (int j = 0; j < e.cols; ++j) {
                    if (j > i)
                        QCOMPARE(e.values[std::size_t(i) * e.cols + j], 0.0f);
                    rowSum += e.values[std::size_t(i) * e.cols + j];
                }
                QVERIFY(std::abs(rowSum - 1.0) < 1e-5);
            }
            ++checked;
        }
        QCOMPARE(checked, model->config().nLayers * model->config().nHeads);
    }

    void rejectsBadInput()
    {
        const auto model = makeModel("llama");
        const auto plan = core::ExecutionPlan::compile(model->config());
        core::Executor exec(*model, plan);
        core::KvCache cache(model->config(), 4);
        const std::vector<std::int32_t> tooMany { 1, 2, 3, 4, 5 }, badId { 1, 256 }, none;
        QVERIFY_THROWS_EXCEPTION(core::Error, exec.begin(tooMany, cache, {}));
        QVERIFY_THROWS_EXCEPTION(core::Error, exec.begin(badId, cache, {}));
        QVERIFY_THROWS_EXCEPTION(core::Error, exec.begin(none, cache, {}));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::KvCache(model->config(), 65)); // beyond the context
        QCOMPARE(cache.length(), 0);
    }

    void kvCacheBytes()
    {
        const auto model = makeModel("llama");
        const auto& c = model->config();
        core::KvCache cache(c, 10);
        // 2 (k and v) x layers x kv heads x head dim x 4 bytes
        QCOMPARE(cache.bytesPerToken(), std::uint64_t(2 * c.nLayers * c.nKvHeads * c.headDim * 4));
        QCOMPARE(cache.bytesUsed(), std::uint64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestExecutor)
#include "tst_executor.moc"

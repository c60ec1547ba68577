// Batched decode (core::BatchDecoder): sequences of different lengths, each with its own KV cache, advanced together
// give every sequence the logits it gets decoding alone: <= 1e-5 of the largest logit for F32 / F16 (one F32 row
// goes through Eigen's GEMV, several through core/ops/kernels/small_rows; measured 0), and bit for bit with
// block-quantized weights (each row's block dots are the same whatever the batch). On the shared random Llama in F32,
// F16, Q8_0 and Q4_K_M (Q4_K + Q6_K).
#include "core/common/error.h"
#include "core/exec/batch_decoder.h"
#include "core/loader/loaded_model.h"

#include <QtTest>

#include <cmath>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";

double relative(core::TensorView a, core::TensorView b)
{
    double diff = 0, scale = 0;
    for (int v = 0; v < a.cols; ++v) {
        diff = std::max(diff, double(std::fabs(a.at(0, v) - b.at(0, v))));
        scale = std::max(scale, double(std::fabs(b.at(0, v))));
    }
    return diff / scale;
}
} // namespace

class TestBatchDecode : public QObject {
    Q_OBJECT
private slots:
    void batchEqualsAlone_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("bound");
        QTest::newRow("F32") << "model-F32.gguf" << 1e-5;
        QTest::newRow("F16") << "model-F16.gguf" << 1e-5;
        QTest::newRow("Q8_0") << "model-Q8_0.gguf" << 0.0;
        QTest::newRow("Q4_K_M") << "model-Q4_K_M.gguf" << 0.0;
    }
    void batchEqualsAlone()
    {
        QFETCH(QString, file);
        QFETCH(double, bound);
        const auto m = core::openModel(kDir + file.toStdString());
        const core::Model& model = *m->model;
        const int n = 5, steps = 4;
        // Prompts of lengths 1 .. 5, so every sequence decodes at its own position.
        std::vector<core::KvCache> batched, alone;
        std::vector<std::int32_t> next;
        core::Executor exec(model, m->plan);
        for (int i = 0; i < n; ++i) {
            std::vector<std::int32_t> prompt;
            for (int t = 0; t <= i; ++t)
                prompt.push_back(std::int32_t((37 * i + 11 * t + 5) % model.config().vocab));
            batched.emplace_back(model.config(), 32);
            alone.emplace_back(model.config(), 32);
            for (core::KvCache* c : { &batched.back(), &alone.back() }) {
                exec.begin(prompt, *c, {});
                exec.run();
            }
            next.push_back(std::int32_t((101 * i + 7) % model.config().vocab));
        }
        core::BatchDecoder batch(model, m->plan);
        double worst = 0;
        for (int s = 0; s < steps; ++s) {
            std::vector<core::KvCache*> caches;
            for (auto& c : batched)
                caches.push_back(&c);
            batch.step(next, caches);
            QCOMPARE(batch.sequences(), n);
            for (int i = 0; i < n; ++i) {
                exec.begin(std::span(&next[std::size_t(i)], 1), alone[std::size_t(i)], { core::PhaseKind::Decode, s });
                exec.run();
                QCOMPARE(batched[std::size_t(i)].length(), alone[std::size_t(i)].length());
                worst = std::max(worst, relative(batch.logits(i), exec.logits()));
                next[std::size_t(i)] = std::int32_t((next[std::size_t(i)] * 13 + s + 1) % model.config().vocab);
            }
        }
        std::printf("    %-8s %d sequences x %d steps, batched vs alone: %.2e (bound %.0e)\n", qPrintable(file), n,
            steps, worst, bound);
        QVERIFY2(worst <= bound, qPrintable(QString::number(worst)));
    }

    void badBatchRefused()
    {
        const auto m = core::openModel(kDir + "model-Q8_0.gguf");
        core::KvCache full(m->model->config(), 1), ok(m->model->config(), 4);
        full.setLength(1);
        core::BatchDecoder batch(*m->model, m->plan);
        const std::vector<std::int32_t> tokens { 1, 2 };
        std::vector<core::KvCache*> caches { &ok, &full };
        try {
            batch.step(tokens, caches);
            QFAIL("a full cache was accepted");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("sequence 1") != std::string::npos, e.what());
        }
        QCOMPARE(ok.length(), 0); // nothing ran
    }
};

QTEST_APPLESS_MAIN(TestBatchDecode)
#include "tst_batch_decode.moc"

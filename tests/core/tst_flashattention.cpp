// FlashAttention (core/ops/flash_attention.h) against the four naive ops it replaces: equal within 1e-5 for a
// prefill, a chunk after cached positions and a decode row; the walk the stepper shows ends where the kernel does;
// and a whole model's prefill with AttentionPath::Auto gives the naive logits.
#include "core/exec/executor.h"
#include "core/model/random_model.h"
#include "core/ops/attention.h"
#include "core/ops/flash_attention.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

namespace {
core::RowMatrix randomMatrix(int rows, int cols, unsigned seed, float scale = 1.0f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, scale);
    core::RowMatrix m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = n(rng);
    return m;
}

// The naive path: scores, mask, softmax, mix.
core::RowMatrix naive(
    const core::RowMatrix& q, const core::RowMatrix& k, const core::RowMatrix& v, float scale, int pos0)
{
    core::RowMatrix scores(q.rows(), k.rows()), out(q.rows(), v.cols());
    core::ops::attentionScores(scores, q, k, scale);
    core::ops::causalMask(scores, pos0);
    core::ops::softmaxRows(scores);
    core::ops::attentionMix(out, scores, v);
    return out;
}
} // namespace

class TestFlashAttention : public QObject {
    Q_OBJECT
private slots:
    void equalsNaive_data()
    {
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("pos0");
        QTest::addColumn<int>("tile");
        QTest::newRow("prefill 300, tile 64") << 300 << 0 << 64;
        QTest::newRow("prefill 7, tile 3") << 7 << 0 << 3;
        QTest::newRow("chunk of 50 after 30 cached") << 50 << 30 << 64;
        QTest::newRow("decode row over 129 keys") << 1 << 128 << 64;
        QTest::newRow("prefill 129, tile 1") << 129 << 0 << 1;
    }
    void equalsNaive()
    {
        QFETCH(int, T);
        QFETCH(int, pos0);
        QFETCH(int, tile);
        const int d = 32, ctx = pos0 + T;
        // Large scores (scale 3) make the running max change often: the rescaling is what is tested.
        const core::RowMatrix q = randomMatrix(T, d, 1, 3.0f), k = randomMatrix(ctx, d, 2, 3.0f),
                              v = randomMatrix(ctx, d, 3);
        const float scale = 1.0f / std::sqrt(float(d));
        const core::RowMatrix expected = naive(q, k, v, scale, pos0);
        core::RowMatrix out(T, d);
        core::ops::flashAttention(out, q, k, v, scale, pos0, 2, tile);
        const float maxDiff = (out - expected).cwiseAbs().maxCoeff();
        qInfo("T %d pos0 %d tile %d: max |flash - naive| = %.3g (tolerance 1e-5)", T, pos0, tile, double(maxDiff));
        QVERIFY(maxDiff <= 1e-5f);
    }

    void walkEndsAtTheKernelsOutput()
    {
        const int T = 40, d = 16, tile = 8;
        const core::RowMatrix q = randomMatrix(T, d, 4, 2.0f), k = randomMatrix(T, d, 5, 2.0f),
                              v = randomMatrix(T, d, 6);
        const float scale = 0.25f;
        core::RowMatrix out(T, d);
        core::ops::flashAttention(out, q, k, v, scale, 0, 1, tile);
        const core::ops::FlashWalk walk = core::ops::flashWalk(q, k, v, scale, 0, 21, tile);
        QCOMPARE(walk.queryBegin, 16);
        QCOMPARE(walk.queryEnd, 24);
        QCOMPARE(int(walk.steps.size()), 3); // key tiles [0,8) [8,16) [16,24): later keys are all in the future
        QCOMPARE(walk.steps.back().keyEnd, 24);
        // The running max after the last tile is the largest visible score of each row; the output is the kernel's.
        core::RowMatrix s = scale * (q * k.transpose());
        for (int i = 0; i < 8; ++i) {
            const int row = walk.queryBegin + i;
            QCOMPARE(walk.steps.back().runningMax[std::size_t(i)], s.row(row).head(row + 1).maxCoeff());
            for (int j = 0; j < d; ++j)
                QVERIFY(std::abs(walk.steps.back().partialOut[std::size_t(i * d + j)] - out(row, j)) < 1e-6f);
        }
        // The running sum only grows... unless the max moved; it is always at least 1 (the max's own exp(0)).
        for (const auto& st : walk.steps)
            for (float l : st.runningSum)
                QVERIFY(l >= 1.0f - 1e-6f);
    }

    void modelPrefillWithFlashEqualsNaive()
    {
        QTemporaryDir dir;
        core::RandomModelSpec s;
        s.arch = "llama";
        s.dim = 64;
        s.heads = 4;
        s.kvHeads = 2;
        s.layers = 2;
        s.vocab = 256;
        s.context = 256;
        s.seed = 3;
        core::writeRandomModel(s, dir.path().toStdString());
        const auto model = core::Model::load(dir.path().toStdString());
        const auto plan = core::ExecutionPlan::compile(model->config());
        std::vector<std::int32_t> prompt(200);
        for (std::size_t i = 0; i < prompt.size(); ++i)
            prompt[i] = std::int32_t((i * 37 + 11) % 256);
        core::Executor naivePass(*model, plan), flashPass(*model, plan);
        flashPass.setAttentionPath(core::AttentionPath::Auto);
        core::KvCache c1(model->config(), 256), c2(model->config(), 256);
        naivePass.begin(prompt, c1, {}, core::LogitRows::All);
        naivePass.run();
        flashPass.begin(prompt, c2, {}, core::LogitRows::All);
        QVERIFY(flashPass.flashThisPass());
        QVERIFY(!naivePass.flashThisPass());
        flashPass.run();
        const float maxDiff = (naivePass.logits().map() - flashPass.logits().map()).cwiseAbs().maxCoeff();
        qInfo("200-token prefill, logits: max |flash - naive| = %.3g (tolerance 1e-4)", double(maxDiff));
        QVERIFY(maxDiff <= 1e-4f);
        // FlashAttention holds no (T, ctx) score buffer.
        QVERIFY(flashPass.workspaceBytes() < naivePass.workspaceBytes());
    }
};

QTEST_APPLESS_MAIN(TestFlashAttention)
#include "tst_flashattention.moc"

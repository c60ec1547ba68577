// The F32 product ops::linear runs (core/ops/kernels/f32_gemm.h from 16 rows on AVX-512 builds, the small-row
// kernel or Eigen below) against a double-precision reference, on shapes that are not multiples of the kernel's
// tiles (8 weight rows x 48 tokens, K blocks of <= 1024, 8 x 8 transposes in and out): 1..600 rows, odd in / out,
// activations read through a stride (a block of a wider matrix), a bias, one and two threads, and an output slice
// inside a wider matrix. Error per element relative to sum_k |x_k w_k| (what float rounding scales with): <= 1e-5,
// worst value printed.
#include "core/common/thread_pool.h"
#include "core/ops/kernels/f32_gemm.h"
#include "core/ops/linear.h"

#include <QtTest>

#include <cmath>
#include <cstdio>
#include <random>

namespace {

core::RowMatrix randomMatrix(int rows, int cols, std::mt19937& rng)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    core::RowMatrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = normal(rng);
    return m;
}

// max over elements of |out - (x W^T + b)| / (sum_k |x_k w_k| + |b|), the reference in double.
double worstRelativeError(core::ConstMatRef out, core::ConstMatRef x, const core::RowMatrix& W, const float* bias)
{
    double worst = 0;
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
        for (Eigen::Index j = 0; j < W.rows(); ++j) {
            double sum = bias ? double(bias[j]) : 0.0, scale = bias ? std::abs(double(bias[j])) : 0.0;
            for (Eigen::Index k = 0; k < x.cols(); ++k) {
                const double p = double(x(t, k)) * double(W(j, k));
                sum += p;
                scale += std::abs(p);
            }
            worst = std::max(worst, std::abs(double(out(t, j)) - sum) / std::max(scale, 1e-30));
        }
    }
    return worst;
}

} // namespace

class TestF32Gemm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { core::ThreadPool::instance().setThreadCount(2); }

    void matchesDoubleReference_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("threads");
        // Around the 16-row switch, around the 48-token strips and 16-token vectors, K across one and two blocks
        // of <= 1024, out across groups and the 8-row tile, the largest prompt at 600.
        const int shapes[][3] = { { 1, 77, 131 }, { 2, 77, 131 }, { 15, 77, 131 }, { 16, 77, 131 }, { 31, 130, 67 },
            { 32, 130, 67 }, { 33, 130, 67 }, { 47, 515, 37 }, { 48, 515, 37 }, { 49, 515, 37 }, { 64, 768, 203 },
            { 97, 1031, 99 }, { 255, 300, 1001 }, { 600, 513, 45 } };
        for (const auto& s : shapes)
            for (int threads : { 1, 2 })
                QTest::addRow("%dx%d*%d^T, %d threads", s[0], s[1], s[2], threads) << s[0] << s[1] << s[2] << threads;
    }

    void matchesDoubleReference()
    {
        QFETCH(int, rows);
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, threads);
        std::mt19937 rng(std::uint32_t(rows * 7919 + in * 31 + out));
        // x is a block of a wider matrix, so its rows are `in + 5` floats apart.
        const core::RowMatrix wide = randomMatrix(rows, in + 5, rng);
        const core::ConstMatMap x(wide.data() + 2, rows, in, Eigen::OuterStride<>(in + 5));
        const core::RowMatrix W = randomMatrix(out, in, rng);
        const core::RowMatrix bias = randomMatrix(1, out, rng);
        const core::LinearWeight w { W.data(), out, in, in, false, bias.data() };
// The path this test is about: the blocked product from 16 rows wherever it is built.
#if defined(__AVX512F__)
        QCOMPARE(core::ops::kernels::usesF32Gemm(w, rows), rows >= 16);
#endif
        core::RowMatrix result = core::RowMatrix::Constant(rows, out, std::nanf(""));
        core::ops::linear(result, x, w, threads);
        const double worst = worstRelativeError(result, x, W, bias.data());
        std::printf("    %4d x %4d * %4d^T (%s): worst error / sum|xw| = %.2e\n", rows, in, out,
            core::ops::kernels::usesF32Gemm(w, rows) ? "f32_gemm" : "small rows / Eigen", worst);
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
    }

    // The kernel writes only its slice of a wider output, whose rows are further apart than the slice is wide.
    void writesOnlyItsSlice()
    {
        if (!core::ops::kernels::usesF32GemmRows(100))
            QSKIP("the blocked F32 product needs AVX-512");
        std::mt19937 rng(5);
        const int rows = 100, in = 200, out = 45;
        const core::RowMatrix x = randomMatrix(rows, in, rng);
        const core::RowMatrix W = randomMatrix(out, in, rng);
        core::RowMatrix wide = core::RowMatrix::Constant(rows, out + 10, -7.0f);
        core::ops::kernels::GemmActivations packed;
        packed.prepare(x);
        core::ops::kernels::f32GemmSlice(wide.middleCols(3, out), packed, W.data(), in);
        QVERIFY(worstRelativeError(wide.middleCols(3, out), x, W, nullptr) <= 1e-5);
        QVERIFY((wide.leftCols(3).array() == -7.0f).all());
        QVERIFY((wide.rightCols(7).array() == -7.0f).all());
    }
};

QTEST_APPLESS_MAIN(TestF32Gemm)
#include "tst_f32gemm.moc"

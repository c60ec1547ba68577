// core/analysis on vectors worked out by hand: tensor statistics (masked -inf entries left out, population
// standard deviation), the top-N predictions (best first, ties to the lower id) and a tensor downsampled to its
// signed extremes.
#include "core/analysis/downsample.h"
#include "core/analysis/tensor_stats.h"
#include "core/analysis/top_predictions.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using core::RankedToken;

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    void downsampleExtremeKeepsSignedPeaks();
    void statsOfAFewValues()
    {
        // mean 2.5; squares 1 4 9 16 -> E[x^2] 7.5; var 7.5 - 6.25 = 1.25
        const std::vector<float> v { 1, 2, 3, 4 };
        const core::TensorStats s = core::tensorStats(v);
        QCOMPARE(s.min, 1.0f);
        QCOMPARE(s.max, 4.0f);
        QCOMPARE(s.mean, 2.5f);
        QCOMPARE(s.std, float(std::sqrt(1.25)));
        QCOMPARE(s.count, std::size_t(4));
    }
    void maskedEntriesAreLeftOut()
    {
        // A causal-masked score row: only the finite entries count.
        const std::vector<float> v { -1, 3, -INFINITY, -INFINITY, NAN };
        const core::TensorStats s = core::tensorStats(v);
        QCOMPARE(s.count, std::size_t(2));
        QCOMPARE(s.min, -1.0f);
        QCOMPARE(s.max, 3.0f);
        QCOMPARE(s.mean, 1.0f);
        QCOMPARE(s.std, 2.0f);
    }
    void noFiniteValueGivesZeros()
    {
        const std::vector<float> v { -INFINITY, INFINITY };
        const core::TensorStats s = core::tensorStats(v);
        QCOMPARE(s.count, std::size_t(0));
        QCOMPARE(s.min, 0.0f);
        QCOMPARE(s.max, 0.0f);
        QCOMPARE(core::tensorStats({}).count, std::size_t(0));
    }
    void constantHasZeroStd()
    {
        const std::vector<float> v(1000, 0.1f);
        QCOMPARE(core::tensorStats(v).std, 0.0f); // E[x^2] - E[x]^2 may round below 0: clamped
    }

    void topPredictionsBestFirst()
    {
        const std::vector<float> p { 0.1f, 0.4f, 0.05f, 0.3f, 0.15f };
        const auto top = core::topPredictions(p, 3);
        const std::vector<RankedToken> expected { { 1, 0.4f }, { 3, 0.3f }, { 4, 0.15f } };
        QVERIFY(top == expected);
    }
    void tiesGoToTheLowerId()
    {
        const std::vector<float> p { 0.2f, 0.3f, 0.2f, 0.3f };
        const auto top = core::topPredictions(p, 4);
        const std::vector<RankedToken> expected { { 1, 0.3f }, { 3, 0.3f }, { 0, 0.2f }, { 2, 0.2f } };
        QVERIFY(top == expected);
    }
    void topNIsClamped()
    {
        const std::vector<float> p { 0.5f, 0.5f };
        QCOMPARE(core::topPredictions(p, 10).size(), std::size_t(2));
        QCOMPARE(core::topPredictions(p, 0).size(), std::size_t(0));
        QCOMPARE(core::topPredictions(p, -3).size(), std::size_t(0));
        QCOMPARE(core::topPredictions({}, 10).size(), std::size_t(0));
    }
};

void TestAnalysis::downsampleExtremeKeepsSignedPeaks()
{
    // 4 x 6 into 2 x 3: each output cell covers 2 x 2 inputs.
    const float inf = std::numeric_limits<float>::infinity();
    const float in[] = { 1, -5, 0.5f, 0.25f, -inf, -inf, //
        2, 3, -0.5f, 0.75f, -inf, -inf, //
        std::nanf(""), 4, 9, -9.5f, -inf, 7, //
        -1, 0, 1, 2, -inf, -inf };
    const std::vector<float> out = core::downsampleExtreme(core::TensorView { in, 4, 6, 6 }, 2, 3);
    QCOMPARE(out.size(), std::size_t(6));
    QCOMPARE(out[0], -5.0f); // the largest magnitude, negative kept
    QCOMPARE(out[1], 0.75f);
    QVERIFY(std::isinf(out[2]) && out[2] < 0); // all masked: stays masked
    QCOMPARE(out[3], 4.0f); // NaN passed over
    QCOMPARE(out[4], -9.5f);
    QCOMPARE(out[5], 7.0f); // one finite value beats the masked ones
    // Same size: a copy.
    const std::vector<float> same = core::downsampleExtreme(core::TensorView { in, 2, 6, 6 }, 2, 6);
    QVERIFY(std::equal(same.begin(), same.end(), in));
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"

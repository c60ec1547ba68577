// The seeded draw: the random numbers are the standard's mt19937_64 sequence on every machine, same seed gives the
// same tokens, and 100k draws follow the final distribution (chi-square).
#include "sampling_test_helpers.h"

#include "core/sampling/random_source.h"

#include <QTest>
#include <cmath>

using namespace testing;
using core::RandomSource;
using core::SamplingParameters;
using core::SamplingPipeline;

class TestSamplingDraw : public QObject {
    Q_OBJECT

private slots:
    void standardSequence();
    void uniformRange();
    void sameSeedSameTokens();
    void chiSquare_data();
    void chiSquare();
};

void TestSamplingDraw::standardSequence()
{
    // The C++ standard fixes mt19937_64's output: default seed 5489 gives 14514284786278117030 first and
    // 9981545732273789042 as the 10000th value ([rand.predef]). Our uniform is that value's top 53 bits / 2^53.
    RandomSource random(5489);
    QCOMPARE(random.nextUniform(), double(14514284786278117030ull >> 11) * 0x1.0p-53);
    for (int i = 2; i < 10000; ++i)
        random.nextUniform();
    QCOMPARE(random.nextUniform(), double(9981545732273789042ull >> 11) * 0x1.0p-53);
    QCOMPARE(random.drawCount(), uint64_t(10000));
    random.reseed(5489);
    QCOMPARE(random.drawCount(), uint64_t(0));
    QCOMPARE(random.nextUniform(), double(14514284786278117030ull >> 11) * 0x1.0p-53);
}

void TestSamplingDraw::uniformRange()
{
    RandomSource random(42);
    double sum = 0.0;
    double lowest = 1.0, highest = 0.0;
    const int n = 1000000;
    for (int i = 0; i < n; ++i) {
        const double u = random.nextUniform();
        QVERIFY(u >= 0.0 && u < 1.0);
        sum += u;
        lowest = std::min(lowest, u);
        highest = std::max(highest, u);
    }
    QVERIFY(std::fabs(sum / n - 0.5) < 0.002);
    QVERIFY(lowest < 1e-4 && highest > 1.0 - 1e-4);
}

void TestSamplingDraw::sameSeedSameTokens()
{
    // A little "model": the logits depend on the previous token, so a different draw changes the whole path.
    const auto generate = [](uint64_t seed) {
        SamplingParameters p;
        p.temperature = 0.9f;
        p.topP = 0.95f;
        p.repetitionPenalty = 1.2f;
        p.seed = seed;
        SamplingPipeline pipeline(16, p);
        RandomSource random(p.seed);
        std::vector<int32_t> tokens { 3 };
        std::vector<float> logits(16);
        for (int step = 0; step < 2000; ++step) {
            for (int t = 0; t < 16; ++t)
                logits[t] = float(((t * 7 + tokens.back() * 5) % 16)) * 0.3f;
            tokens.push_back(pipeline.run(logits, tokens, random.nextUniform()).chosenToken());
        }
        return tokens;
    };
    const std::vector<int32_t> a = generate(1234);
    QCOMPARE(generate(1234), a);
    QVERIFY(generate(1235) != a);
}

void TestSamplingDraw::chiSquare_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<float>("temperature");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("five tokens") << logOf({ 0.10, 0.50, 0.05, 0.20, 0.15 }) << 1.0f << quint64(1);
    QTest::newRow("uniform over 8") << QList<float>(8, 0.0f) << 1.0f << quint64(2);
    QTest::newRow("peaked, T = 0.7") << logOf({ 0.90, 0.05, 0.03, 0.02 }) << 0.7f << quint64(3);
    QTest::newRow("flat, T = 2") << QList<float> { 3, 2, 1, 0, -1, -2 } << 2.0f << quint64(4);
}

void TestSamplingDraw::chiSquare()
{
    QFETCH(QList<float>, logits);
    QFETCH(float, temperature);
    QFETCH(quint64, seed);
    const int k = int(logits.size());
    SamplingParameters p;
    p.temperature = temperature;
    SamplingPipeline pipeline(k, p);
    RandomSource random(seed);
    const std::vector<float> input = toVector(logits);
    const int draws = 100000;
    std::vector<int> counts(static_cast<size_t>(k), 0);
    for (int i = 0; i < draws; ++i)
        ++counts[size_t(pipeline.run(input, {}, random.nextUniform()).chosenToken())];

    // Expected: softmax(logits / T) computed here in double, independently of the pipeline.
    std::vector<double> expected(static_cast<size_t>(k));
    double z = 0.0;
    for (int t = 0; t < k; ++t)
        z += (expected[t] = std::exp(double(logits[t]) / temperature));
    double chi2 = 0.0;
    for (int t = 0; t < k; ++t) {
        const double e = expected[t] / z * draws;
        chi2 += (counts[t] - e) * (counts[t] - e) / e;
    }
    // Critical values of chi-square at p = 0.001 for k - 1 degrees of freedom.
    const double critical[] = { 0, 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32 };
    qInfo("chi-square %.3f with %d degrees of freedom (critical %.2f)", chi2, k - 1, critical[k - 1]);
    QVERIFY(chi2 < critical[k - 1]);
}

QTEST_APPLESS_MAIN(TestSamplingDraw)
#include "tst_samplingdraw.moc"

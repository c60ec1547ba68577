// Each sampler stage alone (a custom order holding just that stage) on 4-8 element vectors, against values worked
// out by hand in the comments.
#include "sampling_test_helpers.h"

#include "core/common/error.h"

#include <QTest>
#include <cmath>

using namespace testing;
using core::SamplerStageKind;
using core::SamplingParameters;
using core::StageOrder;

class TestSamplingStages : public QObject {
    Q_OBJECT

private:
    // Runs one stage (column 1 of the record = after the stage).
    static core::SamplingRecord runStage(SamplerStageKind kind, const SamplingParameters& parameters,
        const QList<float>& logits, const QList<int>& history = {})
    {
        return runOrder(StageOrder::custom({ kind }), parameters, logits, history);
    }

    // Every column is a distribution: no NaN, sums to 1.
    static void checkProbabilitiesSumToOne(const core::SamplingRecord& record)
    {
        for (size_t column = 0; column < record.columns().size(); ++column) {
            for (int t = 0; t < record.vocabSize(); ++t)
                QVERIFY(!std::isnan(record.cell(t, column).probability));
            QVERIFY2(std::fabs(probabilitySum(record, column) - 1.0) < 1e-6, qPrintable(QString::number(column)));
        }
    }

private slots:
    void logitBias_data();
    void logitBias();
    void repetitionPenalty_data();
    void repetitionPenalty();
    void presenceFrequencyPenalty_data();
    void presenceFrequencyPenalty();
    void temperature_data();
    void temperature();
    void topK_data();
    void topK();
    void topP_data();
    void topP();
    void minP_data();
    void minP();
    void typicalP_data();
    void typicalP();
    void offStagesChangeNothing_data();
    void offStagesChangeNothing();
};

void TestSamplingStages::logitBias_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<QList<int>>("tokens");
    QTest::addColumn<QList<float>>("biases");
    QTest::addColumn<QList<float>>("expected");

    QTest::newRow("raise one") << QList<float> { 1, 2, 3, 4 } << QList<int> { 0 } << QList<float> { 2.5f }
                               << QList<float> { 3.5f, 2, 3, 4 };
    QTest::newRow("lower two") << QList<float> { 1, 2, 3, 4 } << QList<int> { 3, 1 } << QList<float> { -4, -0.5f }
                               << QList<float> { 1, 1.5f, 3, 0 };
    QTest::newRow("ban with -inf") << QList<float> { 1, 2, 3, 4 } << QList<int> { 3 } << QList<float> { -INFINITY }
                                   << QList<float> { 1, 2, 3, -INFINITY };
    QTest::newRow("none") << QList<float> { 0, 0, 0, 0 } << QList<int> {} << QList<float> {}
                          << QList<float> { 0, 0, 0, 0 };
}

void TestSamplingStages::logitBias()
{
    QFETCH(QList<float>, logits);
    QFETCH(QList<int>, tokens);
    QFETCH(QList<float>, biases);
    QFETCH(QList<float>, expected);
    SamplingParameters p;
    for (qsizetype i = 0; i < tokens.size(); ++i)
        p.logitBias[tokens[i]] = biases[i];
    const auto record = runStage(SamplerStageKind::LogitBias, p, logits);
    QCOMPARE(logitsAt(record, 1), expected);
    checkProbabilitiesSumToOne(record);
    for (int t = 0; t < record.vocabSize(); ++t) {
        if (std::isinf(expected[t]))
            QCOMPARE(record.cell(t, 1).probability, 0.0); // banned: exactly zero
    }
}

void TestSamplingStages::repetitionPenalty_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<QList<int>>("history");
    QTest::addColumn<float>("penalty");
    QTest::addColumn<int>("window");
    QTest::addColumn<QList<float>>("expected");

    // Seen: 0 (2 -> 2/2 = 1), 1 (-1 -> -1*2 = -2), 3 (-3 -> -6). Counts do not matter (1 was seen twice).
    QTest::newRow("penalty 2, whole history") << QList<float> { 2, -1, 0.5f, -3, 4 } << QList<int> { 0, 1, 1, 3 }
                                              << 2.0f << 0 << QList<float> { 1, -2, 0.5f, -6, 4 };
    // Window 2 = the last two tokens {1, 3}: token 0 is no longer penalized.
    QTest::newRow("window of 2") << QList<float> { 2, -1, 0.5f, -3, 4 } << QList<int> { 0, 1, 1, 3 } << 2.0f << 2
                                 << QList<float> { 2, -2, 0.5f, -6, 4 };
    // A penalty below 1 rewards repeats: 2 / 0.5 = 4, -1 * 0.5 = -0.5, -3 * 0.5 = -1.5.
    QTest::newRow("penalty 0.5 encourages") << QList<float> { 2, -1, 0.5f, -3, 4 } << QList<int> { 0, 1, 3 } << 0.5f
                                            << 0 << QList<float> { 4, -0.5f, 0.5f, -1.5f, 4 };
    // Zero stays zero either way.
    QTest::newRow("zero logit") << QList<float> { 0, 1, 2, 3 } << QList<int> { 0 } << 4.0f << 0
                                << QList<float> { 0, 1, 2, 3 };
    QTest::newRow("empty history") << QList<float> { 2, -1, 0.5f, -3 } << QList<int> {} << 2.0f << 0
                                   << QList<float> { 2, -1, 0.5f, -3 };
}

void TestSamplingStages::repetitionPenalty()
{
    QFETCH(QList<float>, logits);
    QFETCH(QList<int>, history);
    QFETCH(float, penalty);
    QFETCH(int, window);
    QFETCH(QList<float>, expected);
    SamplingParameters p;
    p.repetitionPenalty = penalty;
    p.penaltyWindow = window;
    const auto record = runStage(SamplerStageKind::RepetitionPenalty, p, logits, history);
    QCOMPARE(logitsAt(record, 1), expected);
    checkProbabilitiesSumToOne(record);
}

void TestSamplingStages::presenceFrequencyPenalty_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<QList<int>>("history");
    QTest::addColumn<float>("presence");
    QTest::addColumn<float>("frequency");
    QTest::addColumn<int>("window");
    QTest::addColumn<QList<float>>("expected");

    // History: token 2 three times, token 0 once. logit -= presence + frequency * count.
    // token 2: 1 - (0.5 + 0.25 * 3) = -0.25; token 0: 1 - (0.5 + 0.25) = 0.25.
    QTest::newRow("both") << QList<float> { 1, 1, 1, 1 } << QList<int> { 2, 2, 2, 0 } << 0.5f << 0.25f << 0
                          << QList<float> { 0.25f, 1, -0.25f, 1 };
    QTest::newRow("presence only") << QList<float> { 1, 1, 1, 1 } << QList<int> { 2, 2, 2, 0 } << 0.5f << 0.0f << 0
                                   << QList<float> { 0.5f, 1, 0.5f, 1 };
    QTest::newRow("frequency only") << QList<float> { 1, 1, 1, 1 } << QList<int> { 2, 2, 2, 0 } << 0.0f << 0.25f << 0
                                    << QList<float> { 0.75f, 1, 0.25f, 1 };
    // Window 2 = {2, 0}: token 2 counted once.
    QTest::newRow("window of 2") << QList<float> { 1, 1, 1, 1 } << QList<int> { 2, 2, 2, 0 } << 0.5f << 0.25f << 2
                                 << QList<float> { 0.25f, 1, 0.25f, 1 };
    // Negative penalties reward repeats (OpenAI allows -2..2).
    QTest::newRow("negative") << QList<float> { 1, 1, 1, 1 } << QList<int> { 3, 3 } << -0.5f << -0.25f << 0
                              << QList<float> { 1, 1, 1, 2 };
}

void TestSamplingStages::presenceFrequencyPenalty()
{
    QFETCH(QList<float>, logits);
    QFETCH(QList<int>, history);
    QFETCH(float, presence);
    QFETCH(float, frequency);
    QFETCH(int, window);
    QFETCH(QList<float>, expected);
    SamplingParameters p;
    p.presencePenalty = presence;
    p.frequencyPenalty = frequency;
    p.penaltyWindow = window;
    const auto record = runStage(SamplerStageKind::PresenceFrequencyPenalty, p, logits, history);
    QCOMPARE(logitsAt(record, 1), expected);
    checkProbabilitiesSumToOne(record);
}

void TestSamplingStages::temperature_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<float>("temperature");
    QTest::addColumn<QList<float>>("expected");
    QTest::addColumn<QList<int>>("kept");

    QTest::newRow("T = 2 halves") << QList<float> { 1, 2, 3, 4 } << 2.0f << QList<float> { 0.5f, 1, 1.5f, 2 }
                                  << QList<int> { 0, 1, 2, 3 };
    QTest::newRow("T = 0.5 doubles") << QList<float> { 1, 2, 3, -4 } << 0.5f << QList<float> { 2, 4, 6, -8 }
                                     << QList<int> { 0, 1, 2, 3 };
    QTest::newRow("T = 1 unchanged") << QList<float> { 1, 2, 3, 4 } << 1.0f << QList<float> { 1, 2, 3, 4 }
                                     << QList<int> { 0, 1, 2, 3 };
    QTest::newRow("T = 0 greedy") << QList<float> { 1, 2, 4, 3 } << 0.0f << QList<float> { 1, 2, 4, 3 }
                                  << QList<int> { 2 };
    QTest::newRow("T = 0 tie -> lowest id")
        << QList<float> { 1, 4, 4, 0 } << 0.0f << QList<float> { 1, 4, 4, 0 } << QList<int> { 1 };
    QTest::newRow("-inf stays -inf") << QList<float> { -INFINITY, 2, 3, 4 } << 0.5f
                                     << QList<float> { -INFINITY, 4, 6, 8 } << QList<int> { 0, 1, 2, 3 };
}

void TestSamplingStages::temperature()
{
    QFETCH(QList<float>, logits);
    QFETCH(float, temperature);
    QFETCH(QList<float>, expected);
    QFETCH(QList<int>, kept);
    SamplingParameters p;
    p.temperature = temperature;
    const auto record = runStage(SamplerStageKind::Temperature, p, logits);
    QCOMPARE(logitsAt(record, 1), expected);
    QCOMPARE(keptTokens(record, 1), kept);
    checkProbabilitiesSumToOne(record);
    // The probabilities are the softmax of the scaled logits: p_i = exp(l_i / T) / sum_j exp(l_j / T).
    double z = 0.0;
    for (int t : kept)
        z += std::exp(double(expected[t]));
    for (int t : kept)
        QVERIFY(std::fabs(record.cell(t, 1).probability - std::exp(double(expected[t])) / z) < 1e-6);
}

void TestSamplingStages::topK_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<int>("k");
    QTest::addColumn<QList<int>>("kept");

    QTest::newRow("k = 2") << QList<float> { 0.5f, 3, 1, 2.5f, 2 } << 2 << QList<int> { 1, 3 };
    QTest::newRow("k = 3") << QList<float> { 0.5f, 3, 1, 2.5f, 2 } << 3 << QList<int> { 1, 3, 4 };
    // Exactly k, ties at the cut go to the lower id (HF would keep both tied tokens).
    QTest::newRow("k = 1, tie") << QList<float> { 3, 1, 3, 2 } << 1 << QList<int> { 0 };
    QTest::newRow("k = 2, three tied") << QList<float> { 1, 5, 5, 5, 0 } << 2 << QList<int> { 1, 2 };
    QTest::newRow("k = 0 off") << QList<float> { 0.5f, 3, 1, 2.5f } << 0 << QList<int> { 0, 1, 2, 3 };
    QTest::newRow("k > vocab") << QList<float> { 0.5f, 3, 1, 2.5f } << 10 << QList<int> { 0, 1, 2, 3 };
    // -inf tokens rank last; with k = 3 one of them survives, with probability 0.
    QTest::newRow("-inf") << QList<float> { -INFINITY, 1, -INFINITY, 2 } << 3 << QList<int> { 0, 1, 3 };
}

void TestSamplingStages::topK()
{
    QFETCH(QList<float>, logits);
    QFETCH(int, k);
    QFETCH(QList<int>, kept);
    SamplingParameters p;
    p.topK = k;
    const auto record = runStage(SamplerStageKind::TopK, p, logits);
    QCOMPARE(keptTokens(record, 1), kept);
    QCOMPARE(logitsAt(record, 1), logits); // top-k never changes a logit
    checkProbabilitiesSumToOne(record);
}

// The distribution used by the top-p, min-p and typical-p rows: by id 0..4 = 0.10, 0.50, 0.05, 0.20, 0.15, so the
// best-first order is 1 (.50), 3 (.20), 4 (.15), 0 (.10), 2 (.05) with cumulative .50, .70, .85, .95, 1.
static QList<double> fiveTokens() { return { 0.10, 0.50, 0.05, 0.20, 0.15 }; }

void TestSamplingStages::topP_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<float>("p");
    QTest::addColumn<QList<int>>("kept");

    const QList<float> logits = logOf(fiveTokens());
    QTest::newRow("p = 0.01 keeps the best") << logits << 0.01f << QList<int> { 1 };
    QTest::newRow("p = 0.45") << logits << 0.45f << QList<int> { 1 };
    QTest::newRow("p = 0.6") << logits << 0.6f << QList<int> { 1, 3 };
    QTest::newRow("p = 0.8") << logits << 0.8f << QList<int> { 1, 3, 4 };
    QTest::newRow("p = 0.9") << logits << 0.9f << QList<int> { 0, 1, 3, 4 };
    QTest::newRow("p = 0.99") << logits << 0.99f << QList<int> { 0, 1, 2, 3, 4 };
    QTest::newRow("p = 1 off") << logits << 1.0f << QList<int> { 0, 1, 2, 3, 4 };
    // Four equal tokens (0.25 each): 0.6 needs three of them; ties go to the lower ids.
    QTest::newRow("all equal") << QList<float> { 2, 2, 2, 2 } << 0.6f << QList<int> { 0, 1, 2 };
}

void TestSamplingStages::topP()
{
    QFETCH(QList<float>, logits);
    QFETCH(float, p);
    QFETCH(QList<int>, kept);
    SamplingParameters parameters;
    parameters.topP = p;
    const auto record = runStage(SamplerStageKind::TopP, parameters, logits);
    QCOMPARE(keptTokens(record, 1), kept);
    checkProbabilitiesSumToOne(record);
}

void TestSamplingStages::minP_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<float>("minP");
    QTest::addColumn<QList<int>>("kept");

    // p_max = 0.5: the threshold is min_p * 0.5.
    const QList<float> logits = logOf(fiveTokens());
    QTest::newRow("0.15 -> 0.075") << logits << 0.15f << QList<int> { 0, 1, 3, 4 };
    QTest::newRow("0.25 -> 0.125") << logits << 0.25f << QList<int> { 1, 3, 4 };
    QTest::newRow("0.5 -> 0.25") << logits << 0.5f << QList<int> { 1 };
    QTest::newRow("1 -> only the max") << logits << 1.0f << QList<int> { 1 };
    QTest::newRow("0 off") << logits << 0.0f << QList<int> { 0, 1, 2, 3, 4 };
    QTest::newRow("1 with a tie keeps both") << QList<float> { 3, 1, 3, 2 } << 1.0f << QList<int> { 0, 2 };
}

void TestSamplingStages::minP()
{
    QFETCH(QList<float>, logits);
    QFETCH(float, minP);
    QFETCH(QList<int>, kept);
    SamplingParameters p;
    p.minP = minP;
    const auto record = runStage(SamplerStageKind::MinP, p, logits);
    QCOMPARE(keptTokens(record, 1), kept);
    checkProbabilitiesSumToOne(record);
}

void TestSamplingStages::typicalP_data()
{
    QTest::addColumn<QList<float>>("logits");
    QTest::addColumn<float>("mass");
    QTest::addColumn<QList<int>>("kept");

    // Entropy H = -sum p ln p = 1.3331 nats. Surprise -ln p and its distance to H:
    //   token 3 (.20): 1.6094 -> 0.2764   token 4 (.15): 1.8971 -> 0.5640   token 1 (.50): 0.6931 -> 0.6399
    //   token 0 (.10): 2.3026 -> 0.9695   token 2 (.05): 2.9957 -> 1.6627
    // Most typical first: 3, 4, 1, 0, 2 with cumulative .20, .35, .85, .95, 1. Keep the smallest prefix reaching
    // the mass. Note the most likely token (1) is not the most typical one.
    const QList<float> logits = logOf(fiveTokens());
    QTest::newRow("0.1") << logits << 0.1f << QList<int> { 3 };
    QTest::newRow("0.3") << logits << 0.3f << QList<int> { 3, 4 };
    QTest::newRow("0.5") << logits << 0.5f << QList<int> { 1, 3, 4 };
    QTest::newRow("0.9") << logits << 0.9f << QList<int> { 0, 1, 3, 4 };
    QTest::newRow("0.97") << logits << 0.97f << QList<int> { 0, 1, 2, 3, 4 };
    QTest::newRow("1 off") << logits << 1.0f << QList<int> { 0, 1, 2, 3, 4 };
    // Two tokens tied in typicality are kept together (HF keeps every score <= the last kept one).
    QTest::newRow("ties kept together") << QList<float> { 1, 1, 1, 1 } << 0.1f << QList<int> { 0, 1, 2, 3 };
    // A -inf token has infinite surprise: least typical, probability 0.
    QTest::newRow("-inf") << QList<float> { 0, 0, -INFINITY, 0 } << 0.5f << QList<int> { 0, 1, 3 };
}

void TestSamplingStages::typicalP()
{
    QFETCH(QList<float>, logits);
    QFETCH(float, mass);
    QFETCH(QList<int>, kept);
    SamplingParameters p;
    p.typicalP = mass;
    const auto record = runStage(SamplerStageKind::TypicalP, p, logits);
    QCOMPARE(keptTokens(record, 1), kept);
    checkProbabilitiesSumToOne(record);
}

void TestSamplingStages::offStagesChangeNothing_data()
{
    QTest::addColumn<int>("kind");
    for (int k = 0; k < core::samplerStageKindCount; ++k) {
        const auto kind = static_cast<SamplerStageKind>(k);
        QTest::newRow(std::string(core::stageKindName(kind)).c_str()) << k;
    }
}

void TestSamplingStages::offStagesChangeNothing()
{
    QFETCH(int, kind);
    const QList<float> logits { 0.5f, -2, 3, 3, 1, -INFINITY, 0, 2 };
    const auto record = runStage(static_cast<SamplerStageKind>(kind), SamplingParameters {}, logits, { 2, 2, 4 });
    QCOMPARE(logitsAt(record, 1), logits);
    QCOMPARE(keptTokens(record, 1).size(), logits.size());
    if (static_cast<SamplerStageKind>(kind) != SamplerStageKind::Temperature) // its neutral value reads "T = 1"
        QCOMPARE(record.columns()[1].setting, std::string("off"));
    for (int t = 0; t < record.vocabSize(); ++t)
        QCOMPARE(record.cell(t, 1).probability, record.cell(t, 0).probability);
}

QTEST_APPLESS_MAIN(TestSamplingStages)
#include "tst_samplingstages.moc"

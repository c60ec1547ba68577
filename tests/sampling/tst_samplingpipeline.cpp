// The pipeline as a whole: the two stage-order presets, greedy equivalences, edge cases (-inf, all equal, NaN),
// parameter validation, the record (table, JSON), and agreement with a sort-based reference on random inputs.
#include "reference_sampler.h"
#include "sampling_test_helpers.h"

#include "core/common/error.h"
#include "core/sampling/random_source.h"

#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

using namespace testing;
using core::SamplerStageKind;
using core::SamplingParameters;
using core::SamplingPipeline;
using core::StageOrder;

namespace {

// Deterministic test inputs without std:: distributions (whose output differs between standard libraries).
class TestRng {
public:
    explicit TestRng(uint64_t seed)
        : m_engine(seed)
    {
    }
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    int below(int n) { return int(uniform() * n); }

private:
    std::mt19937_64 m_engine;
};

int argmaxLowestId(const std::vector<float>& logits)
{
    int best = 0;
    for (int i = 1; i < int(logits.size()); ++i) {
        if (logits[i] > logits[best])
            best = i;
    }
    return best;
}

// Logits on a 0.25 grid in [-10, 5] (many exact ties), some -inf.
std::vector<float> gridLogits(TestRng& rng, int vocab, double infShare)
{
    std::vector<float> logits(vocab);
    for (float& l : logits)
        l = rng.uniform() < infShare ? -INFINITY : float(-10.0 + 0.25 * rng.below(61));
    logits[rng.below(vocab)] = 1.0f; // at least one finite logit
    return logits;
}

} // namespace

class TestSamplingPipeline : public QObject {
    Q_OBJECT

private slots:
    void presetsAreNamed();
    void presetsReallyDiffer_data();
    void presetsReallyDiffer();
    void greedyEquivalences_data();
    void greedyEquivalences();
    void neutralParametersKeepEverything();
    void allEqualLogits();
    void negativeInfinityIsNeverChosen();
    void everythingBannedIsAnError();
    void nanIsAnError_data();
    void nanIsAnError();
    void parametersOutOfRange_data();
    void parametersOutOfRange();
    void badInputs();
    void drawWalksTheCumulative_data();
    void drawWalksTheCumulative();
    void recordTableAndJson();
    void matchesReference_data();
    void matchesReference();
};

void TestSamplingPipeline::presetsAreNamed()
{
    const std::vector<std::string> hf { "logit_bias", "repetition_penalty", "presence_frequency_penalty", "temperature",
        "top_k", "top_p", "min_p", "typical_p" };
    const std::vector<std::string> llama { "logit_bias", "repetition_penalty", "presence_frequency_penalty", "top_k",
        "typical_p", "top_p", "min_p", "temperature" };
    QCOMPARE(StageOrder::huggingFace().stageNames(), hf);
    QCOMPARE(StageOrder::llamaCpp().stageNames(), llama);
    QCOMPARE(StageOrder::fromName("hf").name(), std::string("hf"));
    QCOMPARE(StageOrder::fromName("llama.cpp").stageNames(), llama);
    QCOMPARE(StageOrder::presetNames(), (std::vector<std::string> { "hf", "llama.cpp" }));
    QVERIFY_THROWS_EXCEPTION(core::Error, StageOrder::fromName("vllm"));
    QVERIFY_THROWS_EXCEPTION(core::Error, StageOrder::custom({ SamplerStageKind::TopK, SamplerStageKind::TopK }));
    for (int k = 0; k < core::samplerStageKindCount; ++k) {
        const auto kind = static_cast<SamplerStageKind>(k);
        QCOMPARE(core::stageKindFromName(core::stageKindName(kind)), std::optional(kind));
    }

    SamplingPipeline pipeline(4, {}, StageOrder::llamaCpp());
    QCOMPARE(pipeline.stageNames(), llama);
    const auto record = pipeline.run(std::vector<float> { 1, 2, 3, 4 }, {}, 0.5);
    QCOMPARE(record.stageNames(), llama);
    const nlohmann::json json = record.toJson();
    QCOMPARE(json.at("order").get<std::string>(), std::string("llama.cpp"));
    QCOMPARE(json.at("stages").get<std::vector<std::string>>(), llama);
    QCOMPARE(json.at("columns").size(), llama.size() + 1);
    QCOMPARE(json.at("columns")[0].at("name").get<std::string>(), std::string("input"));
}

void TestSamplingPipeline::presetsReallyDiffer_data()
{
    QTest::addColumn<float>("temperature");
    QTest::addColumn<float>("minP");
    QTest::addColumn<float>("topP");
    QTest::addColumn<QList<int>>("keptHf");
    QTest::addColumn<QList<int>>("keptLlama");

    // Logits 2, 1, 0, -1. At T = 1 the probabilities relative to the best are 1, .37, .14, .05; at T = 2 they are
    // 1, .61, .37, .22. HF applies min-p after the temperature, llama.cpp before it.
    QTest::newRow("min-p 0.3 with T = 2") << 2.0f << 0.3f << 1.0f << QList<int> { 0, 1, 2 } << QList<int> { 0, 1 };
    // Same for top-p: at T = 1 the probabilities are .64, .24, .09, .03 (0.85 needs two tokens); at T = 2 they
    // are .44, .27, .16, .10 (0.85 needs three).
    QTest::newRow("top-p 0.85 with T = 2") << 2.0f << 0.0f << 0.85f << QList<int> { 0, 1, 2 } << QList<int> { 0, 1 };
    // A low temperature sharpens first in HF: at T = 0.5 the probabilities are .87, .12, .02, .00 and min-p 0.1
    // keeps two tokens; at T = 1 (llama.cpp's min-p) it keeps three.
    QTest::newRow("min-p 0.1 with T = 0.5") << 0.5f << 0.1f << 1.0f << QList<int> { 0, 1 } << QList<int> { 0, 1, 2 };
}

void TestSamplingPipeline::presetsReallyDiffer()
{
    QFETCH(float, temperature);
    QFETCH(float, minP);
    QFETCH(float, topP);
    QFETCH(QList<int>, keptHf);
    QFETCH(QList<int>, keptLlama);
    SamplingParameters p;
    p.temperature = temperature;
    p.minP = minP;
    p.topP = topP;
    const QList<float> logits { 2, 1, 0, -1 };
    const auto hf = runOrder(StageOrder::huggingFace(), p, logits);
    const auto llama = runOrder(StageOrder::llamaCpp(), p, logits);
    const size_t last = hf.columns().size() - 1;
    QCOMPARE(keptTokens(hf, last), keptHf);
    QCOMPARE(keptTokens(llama, last), keptLlama);
    // Both end at temperature T: the final distributions are the softmax of logits / T over what survived.
    QVERIFY(std::fabs(hf.cell(0, last).probability - llama.cell(0, last).probability) > 0.01);
}

void TestSamplingPipeline::greedyEquivalences_data()
{
    QTest::addColumn<int>("vocab");
    QTest::addColumn<int>("seed");
    for (int vocab : { 2, 8, 257, 5000, 151936 }) {
        for (int seed : { 1, 2, 3 })
            QTest::addRow("vocab %d seed %d", vocab, seed) << vocab << seed;
    }
}

void TestSamplingPipeline::greedyEquivalences()
{
    QFETCH(int, vocab);
    QFETCH(int, seed);
    TestRng rng { uint64_t(seed) };
    const std::vector<float> logits = gridLogits(rng, vocab, 0.1); // grid values: the argmax is often tied
    const int expected = argmaxLowestId(logits);
    for (const StageOrder& order : { StageOrder::huggingFace(), StageOrder::llamaCpp() }) {
        SamplingParameters greedy;
        greedy.temperature = 0.0f;
        SamplingParameters topOne;
        topOne.topK = 1;
        topOne.temperature = 1.7f; // irrelevant once one candidate is left
        for (const SamplingParameters& p : { greedy, topOne }) {
            SamplingPipeline pipeline(vocab, p, order);
            for (double u : { 0.0, 0.37, 0.999999 }) {
                const auto record = pipeline.run(logits, {}, u);
                QCOMPARE(record.chosenToken(), expected);
                QCOMPARE(record.chosenProbability(), 1.0);
            }
        }
    }
}

void TestSamplingPipeline::neutralParametersKeepEverything()
{
    TestRng rng(7);
    std::vector<float> logits(1000);
    for (float& l : logits)
        l = float(rng.uniform() * 8.0 - 4.0);
    SamplingParameters p; // top-p 1, top-k 0, min-p 0, typical 1, T 1: nothing is cut
    for (const StageOrder& order : { StageOrder::huggingFace(), StageOrder::llamaCpp() }) {
        SamplingPipeline pipeline(1000, p, order);
        const auto record = pipeline.run(logits, {}, 0.5);
        const size_t last = record.columns().size() - 1;
        QCOMPARE(record.columns()[last].kept, size_t(1000));
        double z = 0.0;
        for (float l : logits)
            z += std::exp(double(l));
        for (int t = 0; t < 1000; ++t)
            QVERIFY(std::fabs(record.cell(t, last).probability - std::exp(double(logits[t])) / z) < 1e-7);
    }
}

void TestSamplingPipeline::allEqualLogits()
{
    const std::vector<float> logits(8, 0.75f);
    SamplingPipeline pipeline(8);
    for (int i = 0; i < 8; ++i) {
        // Uniform 1/8 each: u in [i/8, (i+1)/8) lands on token i (best-first order = id order among ties).
        const auto record = pipeline.run(logits, {}, (i + 0.5) / 8.0);
        QCOMPARE(record.chosenToken(), i);
        QVERIFY(std::fabs(record.chosenProbability() - 0.125) < 1e-7);
    }
    SamplingParameters p;
    p.topK = 3;
    pipeline.setParameters(p);
    QCOMPARE(keptTokens(pipeline.run(logits, {}, 0.0), 5), (QList<int> { 0, 1, 2 }));
    p = {};
    p.topP = 0.3f; // cumulative .125, .25, .375: three tokens
    pipeline.setParameters(p);
    QCOMPARE(keptTokens(pipeline.run(logits, {}, 0.0), 6), (QList<int> { 0, 1, 2 }));
    p = {};
    p.temperature = 0.0f;
    pipeline.setParameters(p);
    QCOMPARE(pipeline.run(logits, {}, 0.9).chosenToken(), 0);
}

void TestSamplingPipeline::negativeInfinityIsNeverChosen()
{
    const std::vector<float> logits { -INFINITY, 1, -INFINITY, 0, -INFINITY };
    for (const StageOrder& order : { StageOrder::huggingFace(), StageOrder::llamaCpp() }) {
        for (int k : { 0, 4 }) {
            SamplingParameters p;
            p.topK = k; // k = 4 keeps two -inf tokens (probability 0)
            p.typicalP = 0.99f;
            p.temperature = 0.7f;
            SamplingPipeline pipeline(5, p, order);
            for (double u : { 0.0, 0.3, 0.7, 0.99, 0.9999999999 }) {
                const auto record = pipeline.run(logits, {}, u);
                QVERIFY(record.chosenToken() == 1 || record.chosenToken() == 3);
                for (size_t c = 0; c < record.columns().size(); ++c) {
                    for (int t = 0; t < 5; ++t) {
                        const core::StageCell cell = record.cell(t, c);
                        QVERIFY(!std::isnan(cell.probability) && !std::isnan(cell.logit));
                        if (std::isinf(logits[t]))
                            QCOMPARE(cell.probability, 0.0);
                    }
                }
            }
        }
    }
}

void TestSamplingPipeline::everythingBannedIsAnError()
{
    SamplingPipeline pipeline(3);
    QVERIFY_THROWS_EXCEPTION(core::Error, pipeline.run(std::vector<float>(3, -INFINITY), {}, 0.5));
    SamplingParameters p;
    p.logitBias = { { 0, -INFINITY }, { 2, -INFINITY } };
    pipeline.setParameters(p);
    try {
        pipeline.run(std::vector<float> { 5, -INFINITY, 1 }, {}, 0.5);
        QFAIL("banning every finite token must throw");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()), QString("sampling parameters: logit_bias: leaves no token with a finite logit"));
    }
}

void TestSamplingPipeline::nanIsAnError_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<float>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("NaN first") << 0 << NAN << "sampling input: logits[0]: is NaN";
    QTest::newRow("NaN inside") << 5 << NAN << "sampling input: logits[5]: is NaN";
    QTest::newRow("+inf") << 7 << INFINITY << "sampling input: logits[7]: is +inf";
}

void TestSamplingPipeline::nanIsAnError()
{
    QFETCH(int, position);
    QFETCH(float, value);
    QFETCH(QString, message);
    std::vector<float> logits { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    logits[position] = value;
    SamplingPipeline pipeline(9);
    try {
        pipeline.run(logits, {}, 0.5);
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()), message);
        QCOMPARE(QString::fromStdString(e.field()), QString("logits[%1]").arg(position));
    }
}

void TestSamplingPipeline::parametersOutOfRange_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<float>("value");
    QTest::addColumn<QString>("message");
    const auto row = [](const char* field, float value, const char* message) {
        QTest::addRow("%s = %g", field, double(value)) << QString(field) << value << QString(message);
    };
    row("temperature", -1, "sampling parameters: temperature: must be >= 0 (0 = greedy) and finite, got -1");
    row("temperature", NAN, "sampling parameters: temperature: must be >= 0 (0 = greedy) and finite, got nan");
    row("top_k", -1, "sampling parameters: top_k: must be >= 0 (0 = off), got -1");
    row("top_p", 0, "sampling parameters: top_p: must be in (0, 1] (1 = off), got 0");
    row("top_p", 1.5f, "sampling parameters: top_p: must be in (0, 1] (1 = off), got 1.5");
    row("min_p", -0.25f, "sampling parameters: min_p: must be in [0, 1] (0 = off), got -0.25");
    row("min_p", 1.5f, "sampling parameters: min_p: must be in [0, 1] (0 = off), got 1.5");
    row("typical_p", 0, "sampling parameters: typical_p: must be in (0, 1] (1 = off), got 0");
    row("typical_p", 2, "sampling parameters: typical_p: must be in (0, 1] (1 = off), got 2");
    row("repetition_penalty", 0, "sampling parameters: repetition_penalty: must be > 0 and finite (1 = off), got 0");
    row("repetition_penalty", -1.5f,
        "sampling parameters: repetition_penalty: must be > 0 and finite (1 = off), got -1.5");
    row("presence_penalty", INFINITY, "sampling parameters: presence_penalty: must be finite, got inf");
    row("frequency_penalty", NAN, "sampling parameters: frequency_penalty: must be finite, got nan");
    row("penalty_window", -1, "sampling parameters: penalty_window: must be >= 0 (0 = the whole history), got -1");
    row("logit_bias token", 9, "sampling parameters: logit_bias[9]: token id is outside the vocabulary (size 8)");
    row("logit_bias value", NAN, "sampling parameters: logit_bias[3]: must be a number or -inf, got nan");
}

void TestSamplingPipeline::parametersOutOfRange()
{
    QFETCH(QString, field);
    QFETCH(float, value);
    QFETCH(QString, message);
    SamplingParameters p;
    if (field == "temperature")
        p.temperature = value;
    else if (field == "top_k")
        p.topK = int(value);
    else if (field == "top_p")
        p.topP = value;
    else if (field == "min_p")
        p.minP = value;
    else if (field == "typical_p")
        p.typicalP = value;
    else if (field == "repetition_penalty")
        p.repetitionPenalty = value;
    else if (field == "presence_penalty")
        p.presencePenalty = value;
    else if (field == "frequency_penalty")
        p.frequencyPenalty = value;
    else if (field == "penalty_window")
        p.penaltyWindow = int(value);
    else if (field == "logit_bias token")
        p.logitBias[int(value)] = 1.0f;
    else if (field == "logit_bias value")
        p.logitBias[3] = value;

    SamplingPipeline pipeline(8);
    SamplingParameters good;
    good.topK = 3;
    pipeline.setParameters(good);
    try {
        pipeline.setParameters(p);
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()), message);
        QCOMPARE(QString::fromStdString(e.file()), QString("sampling parameters"));
    }
    QVERIFY(pipeline.parameters() == good); // a rejected set leaves the previous parameters in place
    QVERIFY_THROWS_EXCEPTION(core::Error, SamplingPipeline(8, p));
}

void TestSamplingPipeline::badInputs()
{
    SamplingPipeline pipeline(4);
    const std::vector<float> logits { 1, 2, 3, 4 };
    QVERIFY_THROWS_EXCEPTION(core::Error, pipeline.run(std::vector<float> { 1, 2, 3 }, {}, 0.5));
    QVERIFY_THROWS_EXCEPTION(core::Error, pipeline.run(logits, {}, 1.0));
    QVERIFY_THROWS_EXCEPTION(core::Error, pipeline.run(logits, {}, -0.1));
    try {
        pipeline.run(logits, std::vector<int32_t> { 0, 1, 4 }, 0.5);
        QFAIL("expected core::Error");
    } catch (const core::Error& e) {
        QCOMPARE(
            QString(e.what()), QString("sampling input: history[2]: token id 4 is outside the vocabulary (size 4)"));
    }
    QVERIFY_THROWS_EXCEPTION(core::Error, SamplingPipeline(0));
}

void TestSamplingPipeline::drawWalksTheCumulative_data()
{
    QTest::addColumn<double>("uniform");
    QTest::addColumn<int>("token");
    // Best first: 1 (.50), 3 (.20), 4 (.15), 0 (.10), 2 (.05); cumulative .50, .70, .85, .95, 1.
    QTest::newRow("0") << 0.0 << 1;
    QTest::newRow("0.49") << 0.49 << 1;
    QTest::newRow("0.51") << 0.51 << 3;
    QTest::newRow("0.69") << 0.69 << 3;
    QTest::newRow("0.8") << 0.8 << 4;
    QTest::newRow("0.9") << 0.9 << 0;
    QTest::newRow("0.96") << 0.96 << 2;
    QTest::newRow("0.9999") << 0.9999 << 2;
}

void TestSamplingPipeline::drawWalksTheCumulative()
{
    QFETCH(double, uniform);
    QFETCH(int, token);
    SamplingPipeline pipeline(5);
    const auto record = pipeline.run(toVector(logOf({ 0.10, 0.50, 0.05, 0.20, 0.15 })), {}, uniform);
    QCOMPARE(record.chosenToken(), token);
    QCOMPARE(record.uniform(), uniform);
}

void TestSamplingPipeline::recordTableAndJson()
{
    SamplingParameters p;
    p.topK = 3;
    p.temperature = 0.8f;
    p.repetitionPenalty = 1.5f;
    SamplingPipeline pipeline(6, p);
    const std::vector<float> logits { 3, 2, 1, 0.5f, -1, 2.5f };
    const std::vector<int32_t> history { 0, 0, 4 };
    const auto record = pipeline.run(logits, history, 0.99);

    // Repetition penalty: token 0 3 -> 2, token 4 -1 -> -1.5. Ranking after it: 5 (2.5), 0 (2), 1 (2), 2, 3, 4.
    QCOMPARE(record.logitAt(0, 2), 2.0f);
    QCOMPARE(record.logitAt(4, 2), -1.5f);
    QCOMPARE(record.logitAt(0, 4), 2.0f / 0.8f); // then divided by T (column 4)
    QCOMPARE(record.columns()[2].changes.size(), size_t(2));
    QCOMPARE(record.topTokens(4), (std::vector<int32_t> { 5, 0, 1, 2 }));

    const core::SamplingTable table = record.table(4);
    QCOMPARE(table.columns.size(), size_t(9));
    QCOMPARE(table.columns[5], std::string("top_k"));
    QCOMPARE(table.settings[5], std::string("k = 3"));
    QCOMPARE(table.rows.size(), size_t(4));
    QVERIFY(!table.rows[3].cells[5].kept && table.rows[3].cells[5].removedHere); // token 2: cut by top-k
    QVERIFY(table.rows[3].cells[4].kept);
    for (size_t c = 0; c < table.columns.size(); ++c) {
        for (size_t r = 1; r < table.rows.size(); ++r)
            QVERIFY(table.rows[r].cumulative[c] >= table.rows[r - 1].cumulative[c]);
    }
    QVERIFY(std::fabs(table.rows[2].cumulative.back() - 1.0) < 1e-6); // the three survivors hold all the mass
    QCOMPARE(record.chosenToken(), 1); // u = .99 lands on the last survivor
    QVERIFY(std::fabs(record.chosenProbability() - record.cell(1, 8).probability) < 1e-12);

    // The chosen token is always a row, even if it ranks below the count asked for.
    QCOMPARE(record.topTokens(1), (std::vector<int32_t> { 5, 1 }));

    const nlohmann::json json = nlohmann::json::parse(record.toJson(4).dump());
    QCOMPARE(json.at("chosen").at("token").get<int>(), 1);
    QCOMPARE(json.at("top").size(), size_t(4));
    QCOMPARE(json.at("top")[0].at("cells").size(), size_t(9));
    QCOMPARE(json.at("parameters").at("top_k").get<int>(), 3);
    QCOMPARE(json.at("columns")[5].at("removed").get<int>(), 3);
    QCOMPARE(json.at("uniform").get<double>(), 0.99);
}

void TestSamplingPipeline::matchesReference_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 60; ++seed)
        QTest::addRow("seed %d", seed) << seed;
}

void TestSamplingPipeline::matchesReference()
{
    QFETCH(int, seed);
    TestRng rng(uint64_t(seed) * 7919);
    const int vocabs[] = { 5, 8, 64, 1000, 5000, 40000 };
    const int vocab = vocabs[seed % 6];
    const std::vector<float> logits = gridLogits(rng, vocab, seed % 3 == 0 ? 0.2 : 0.0);
    std::vector<int32_t> history(size_t(rng.below(40)));
    for (int32_t& t : history)
        t = rng.below(vocab);

    SamplingParameters p;
    const float temperatures[] = { 0.0f, 0.3f, 0.7f, 1.0f, 1.5f };
    const int topKs[] = { 0, 1, 5, 50 };
    const float topPs[] = { 1.0f, 0.5f, 0.9f, 0.97f };
    const float minPs[] = { 0.0f, 0.05f, 0.2f };
    const float typicals[] = { 1.0f, 0.5f, 0.9f, 0.95f };
    p.temperature = temperatures[rng.below(5)];
    p.topK = topKs[rng.below(4)];
    p.topP = topPs[rng.below(4)];
    p.minP = minPs[rng.below(3)];
    p.typicalP = typicals[rng.below(4)];
    p.repetitionPenalty = rng.below(2) ? 1.3f : 1.0f;
    p.presencePenalty = rng.below(2) ? 0.5f : 0.0f;
    p.frequencyPenalty = rng.below(2) ? 0.25f : 0.0f;
    p.penaltyWindow = rng.below(3) * 8;
    if (rng.below(2))
        p.logitBias = { { rng.below(vocab), 3.0f }, { rng.below(vocab), -INFINITY } };

    std::vector<SamplerStageKind> shuffled;
    for (int k = 0; k < core::samplerStageKindCount; ++k)
        shuffled.push_back(static_cast<SamplerStageKind>(k));
    for (size_t i = shuffled.size() - 1; i > 0; --i)
        std::swap(shuffled[i], shuffled[size_t(rng.below(int(i) + 1))]);
    const StageOrder orders[] = { StageOrder::huggingFace(), StageOrder::llamaCpp(), StageOrder::custom(shuffled) };

    for (const StageOrder& order : orders) {
        const double uniform = rng.uniform();
        SamplingPipeline pipeline(vocab, p, order);
        core::SamplingRecord record;
        try {
            pipeline.run(logits, history, uniform, record);
        } catch (const core::Error&) {
            continue; // the bias banned every finite token: the reference cannot run either
        }
        ReferenceSampler reference(p, order);
        const ReferenceResult expected = reference.run(logits, history, uniform);
        for (size_t c = 0; c < expected.alive.size(); ++c) {
            for (int t = 0; t < vocab; ++t) {
                if (record.cell(t, c).kept != bool(expected.alive[c][t])) {
                    QFAIL(qPrintable(QString("order %1, column %2 (%3), token %4: kept %5, reference %6")
                                         .arg(QString::fromStdString(order.name()))
                                         .arg(c)
                                         .arg(QString::fromStdString(record.columns()[c].name))
                                         .arg(t)
                                         .arg(record.cell(t, c).kept)
                                         .arg(bool(expected.alive[c][t]))));
                }
            }
        }
        QCOMPARE(record.chosenToken(), expected.chosen);
        QVERIFY(std::fabs(probabilitySum(record, record.columns().size() - 1) - 1.0) < 1e-5);
    }
}

QTEST_APPLESS_MAIN(TestSamplingPipeline)
#include "tst_samplingpipeline.moc"

// The generation session over the real engine: greedy equals the argmax of a fresh full forward pass, seeds
// reproduce, every stop condition is reported, stepping back and forward gives the same token, and changing
// sampling parameters re-runs the sampler without a forward pass.
#include "core/common/error.h"
#include "core/decoding/generation_session.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace core;

class TestGenerationSession : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Model> m_model;
    std::optional<Tokenizer> m_tok;
    const std::vector<std::int32_t> m_prompt { 72, 101, 108, 108, 111 }; // "Hello" in the byte tokenizer

    SamplingParameters greedy()
    {
        SamplingParameters p;
        p.temperature = 0;
        return p;
    }
    std::vector<std::int32_t> generate(const SamplingParameters& p, int n)
    {
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = n });
        s.setSampling(p, StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        return { s.tokens().begin() + s.promptLength(), s.tokens().end() };
    }

private slots:
    void initTestCase()
    {
        RandomModelSpec spec;
        spec.arch = "llama";
        spec.dim = 32;
        spec.heads = 4;
        spec.vocab = 256;
        spec.context = 48;
        spec.seed = 5;
        writeRandomModel(spec, m_dir.filePath("m").toStdString());
        m_model = Model::load(m_dir.filePath("m").toStdString());
        m_tok = Tokenizer::fromFile(m_model->tokenizerPath());
    }

    void greedyIsArgmaxOfAFullForwardPass()
    {
        const auto out = generate(greedy(), 6);
        QCOMPARE(int(out.size()), 6);
        const auto plan = ExecutionPlan::compile(m_model->config());
        Executor exec(*m_model, plan);
        std::vector<std::int32_t> seq = m_prompt;
        for (auto tok : out) {
            KvCache cache(m_model->config(), int(seq.size()));
            exec.begin(seq, cache, {});
            exec.run();
            int best = 0;
            for (int v = 1; v < m_model->config().vocab; ++v)
                if (exec.logits().at(0, v) > exec.logits().at(0, best))
                    best = v;
            QCOMPARE(tok, best);
            seq.push_back(tok);
        }
    }

    void seedReproduces()
    {
        SamplingParameters p;
        p.temperature = 1.5f;
        p.seed = 42;
        QCOMPARE(generate(p, 8), generate(p, 8));
        p.seed = 43;
        const auto other = generate(p, 8);
        p.seed = 42;
        QVERIFY(other != generate(p, 8)); // 256-token vocabulary at T = 1.5: 8 equal draws is practically impossible
    }

    void stopsAtEos()
    {
        const auto out = generate(greedy(), 6);
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 6, .extraEosIds = { out[2] } });
        s.setSampling(greedy(), StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        // The first occurrence of out[2] stops the run.
        const auto firstHit = std::find(out.begin(), out.end(), out[2]) - out.begin();
        QCOMPARE(int(s.generated().size()), int(firstHit) + 1);
        QCOMPARE(s.stopReason(), StopReason::Eos);
        QCOMPARE(s.eosHit(), out[2]);
    }

    void ignoresEosWhenAsked()
    {
        const auto out = generate(greedy(), 6);
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 6, .stopAtEos = false, .extraEosIds = { out[0] } });
        s.setSampling(greedy(), StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        QCOMPARE(int(s.generated().size()), 6);
        QCOMPARE(s.stopReason(), StopReason::MaxNewTokens);
    }

    void stopSequenceAcrossTokens()
    {
        GenerationSession free(*m_model, &*m_tok);
        free.setOptions({ .maxNewTokens = 8, .stopAtEos = false });
        free.setSampling(greedy(), StageOrder::huggingFace());
        free.start(m_prompt);
        free.runToEnd();
        const std::string text = free.rawText();
        QVERIFY(text.size() >= 4);
        // Bytes 1..3 of the output span three byte-level tokens.
        const std::string stop = text.substr(1, 3);
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 8, .stopSequences = { stop }, .stopAtEos = false });
        s.setSampling(greedy(), StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        QCOMPARE(s.stopReason(), StopReason::StopSequence);
        QCOMPARE(s.stopMatch().sequence, stop);
        QCOMPARE(s.text(), text.substr(0, text.find(stop)));
        QVERIFY(s.generated().size() <= 4);
    }

    void contextFull()
    {
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 100, .stopAtEos = false });
        s.setSampling(greedy(), StageOrder::huggingFace());
        std::vector<std::int32_t> longPrompt(45, 65);
        s.start(longPrompt);
        s.runToEnd();
        QCOMPARE(s.stopReason(), StopReason::ContextFull);
        QCOMPARE(int(s.tokens().size()), 48);
    }

    void stepBackThenForwardIsIdentical()
    {
        SamplingParameters p;
        p.temperature = 1.0f;
        p.seed = 9;
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 10, .stopAtEos = false });
        s.setSampling(p, StageOrder::huggingFace());
        s.start(m_prompt);
        s.step();
        s.step();
        const std::vector<float> logitsBefore(s.logits().begin(), s.logits().end());
        const auto third = s.step().id;
        const std::vector<float> logitsAfter(s.logits().begin(), s.logits().end());
        s.stepBack();
        QCOMPARE(int(s.generated().size()), 2);
        // Back to the distribution the third token was drawn from (kept in its sampling record).
        QVERIFY(std::equal(logitsBefore.begin(), logitsBefore.end(), s.logits().begin(), s.logits().end()));
        QCOMPARE(s.step().id, third);
        QVERIFY(std::equal(logitsAfter.begin(), logitsAfter.end(), s.logits().begin()));
    }

    // Only the most recent records are kept; stepping back past them recomputes the distribution (one forward
    // pass each) and gives the same logits to float rounding, so stepping forward again repeats the tokens.
    void stepBackPastTheKeptRecordsRecomputes()
    {
        SamplingParameters p;
        p.temperature = 1.0f;
        p.seed = 5;
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 10, .stopAtEos = false, .recordHistory = 2 });
        s.setSampling(p, StageOrder::huggingFace());
        s.start(m_prompt);
        std::vector<std::vector<float>> before;
        std::vector<std::int32_t> ids;
        for (int i = 0; i < 5; ++i) {
            before.emplace_back(s.logits().begin(), s.logits().end());
            ids.push_back(s.step().id);
        }
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(s.generated()[std::size_t(i)].record.vocabSize() > 0, i >= 3);
            QVERIFY(s.generated()[std::size_t(i)].modelProbability > 0);
        }
        for (int i = 4; i >= 0; --i) {
            const int passes = s.forwardPasses();
            s.stepBack();
            QCOMPARE(s.forwardPasses(), passes + (i >= 3 ? 0 : 1));
            float worst = 0;
            for (std::size_t v = 0; v < before[std::size_t(i)].size(); ++v)
                worst = std::max(worst, std::abs(s.logits()[v] - before[std::size_t(i)][v]));
            QVERIFY2(worst < 1e-4f, qPrintable(QString("step %1: logits differ by %2").arg(i).arg(worst)));
        }
        QCOMPARE(int(s.generated().size()), 0);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(s.step().id, ids[std::size_t(i)]);
        QVERIFY_THROWS_EXCEPTION(core::Error, s.setOptions({ .recordHistory = 0 }));
    }

    void resampleNeedsNoForwardPass()
    {
        GenerationSession s(*m_model, &*m_tok);
        s.setSampling(greedy(), StageOrder::huggingFace());
        s.start(m_prompt);
        const int passes = s.forwardPasses();
        QCOMPARE(passes, 1);
        for (float t : { 0.5f, 1.0f, 2.0f }) {
            SamplingParameters p;
            p.temperature = t;
            p.topK = 1;
            s.setSampling(p, StageOrder::huggingFace());
            s.resample();
        }
        QCOMPARE(s.forwardPasses(), passes);
        s.commit();
        QCOMPARE(s.forwardPasses(), passes + 1);
    }

    void metricsAreFilled()
    {
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 5, .stopAtEos = false });
        s.setSampling(greedy(), StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        const auto m = s.metrics();
        QCOMPARE(m.promptTokens, 5);
        QCOMPARE(m.generatedTokens, 5);
        QVERIFY(m.prefillSeconds > 0 && m.firstTokenSeconds >= m.prefillSeconds);
        QCOMPARE(int(m.decodeSeconds.size()), 4);
        QCOMPARE(m.kvBytesUsed, m.kvBytesPerToken * 9); // the last token is not forwarded: the run stopped
        QCOMPARE(m.naiveAttentionBytes, std::uint64_t(2 * 4 * 9 * 9 * 4));
        QVERIFY(m.peakRssBytes > 0);
    }

    void rejectsBadInput()
    {
        GenerationSession s(*m_model, &*m_tok);
        QVERIFY_THROWS_EXCEPTION(Error, s.setOptions({ .maxNewTokens = -1 }));
        QVERIFY_THROWS_EXCEPTION(Error, s.setOptions({ .stopSequences = { "" } }));
        QVERIFY_THROWS_EXCEPTION(Error, s.start({}));
        std::vector<std::int32_t> tooLong(49, 1);
        QVERIFY_THROWS_EXCEPTION(Error, s.start(tooLong));
        SamplingParameters bad;
        bad.temperature = -1;
        QVERIFY_THROWS_EXCEPTION(Error, s.setSampling(bad, StageOrder::huggingFace()));
    }
};

QTEST_APPLESS_MAIN(TestGenerationSession)
#include "tst_generationsession.moc"

// Beam search over the real engine (EngineBeamBackend: one KV cache per beam, copy-on-branch) on the shipped
// tiny-gpt2: width 1 is exactly greedy decoding, and the best beam never scores below greedy's sequence under
// the same scoring (sum log p / length^alpha). The beams of a step decoded as one batch (the default) give the same
// search as decoding them one at a time: on a random Llama (grouped KV heads) and on the shipped models.
#include "core/common/error.h"
#include "core/decoding/beam_search.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/decoding/generation_session.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QtTest>

#include <cmath>

using namespace core;

namespace {
double relativeDifference(double a, double b) { return std::abs(a - b) / std::max(1.0, std::abs(a)); }
} // namespace

class TestEngineBeam : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Model> m_model;
    std::optional<Tokenizer> m_tok;
    std::vector<std::int32_t> m_eos;

    // Greedy tokens and their summed log-probabilities, by the generation session.
    std::pair<std::vector<std::int32_t>, double> greedy(
        const std::vector<std::int32_t>& prompt, int maxNew, const InterventionList& interventions = {})
    {
        GenerationSession s(*m_model, &*m_tok);
        s.setInterventions(interventions);
        s.setOptions({ .maxNewTokens = maxNew, .stopSequences = {}, .stopAtEos = true, .extraEosIds = m_eos });
        SamplingParameters p;
        p.temperature = 0;
        s.setSampling(p, StageOrder::huggingFace());
        s.start(prompt);
        double logp = 0;
        while (!s.finished()) {
            std::vector<float> l(s.logits().begin(), s.logits().end());
            const auto& t = s.step();
            double m = -INFINITY, z = 0;
            for (float v : l)
                m = std::max(m, double(v));
            for (float v : l)
                z += std::exp(double(v) - m);
            logp += double(l[std::size_t(t.id)]) - m - std::log(z);
        }
        return { { s.tokens().begin() + s.promptLength(), s.tokens().end() }, logp };
    }

private slots:
    void initTestCase()
    {
        m_model = Model::load(IE_SOURCE_DIR "/sample_models/tiny-gpt2");
        m_tok = Tokenizer::fromFile(m_model->tokenizerPath());
        for (const char* name : { "<|endoftext|>", "<|im_end|>" })
            m_eos.push_back(*m_tok->tokenId(name));
    }

    void widthOneIsGreedy_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::newRow("capital") << "The capital of France is";
        QTest::newRow("turkish") << "Fransa'nın başkenti";
        QTest::newRow("story") << "Once upon a time";
        QTest::newRow("days") << "Monday, Tuesday,";
    }
    void widthOneIsGreedy()
    {
        QFETCH(QString, prompt);
        const auto ids = m_tok->encodeIds(prompt.toStdString());
        const auto [greedyTokens, greedyLogp] = greedy(ids, 12);
        BeamSearchParameters p;
        p.numBeams = 1;
        p.maxNewTokens = 12;
        p.eosTokenIds = m_eos;
        p.numReturnSequences = 1;
        EngineBeamBackend backend(*m_model, 1, int(ids.size()) + 12);
        BeamSearch search(backend, p);
        search.run(ids);
        const auto best = search.results().front();
        QCOMPARE(best.tokens, greedyTokens);
        QVERIFY(std::abs(best.sumLogProb - greedyLogp) < 1e-3);
    }

    // Interventions reach every beam, batched or not: a width-1 beam of the intervened model is the greedy
    // generation of the intervened model (a session decoding alone, the reference), and it is not the plain one.
    // The list has a zeroed head (the attention mix), a removed MLP (a product node, which batched steps compute
    // outside the executor) and a mean-ablated head (its mean is taken from the prompt's pass).
    void interventionsReachEveryBeam()
    {
        const auto ids = m_tok->encodeIds("The capital of France is");
        InterventionList list;
        for (const char* spec : { "blk.3.head.3", "blk.2.mlp", "blk.1.head.0:mean" })
            list.push_back(parseIntervention(spec, m_model->config()));
        const auto [plainTokens, plainLogp] = greedy(ids, 8);
        const auto [greedyTokens, greedyLogp] = greedy(ids, 8, list);
        QVERIFY(plainTokens != greedyTokens);
        BeamSearchParameters p;
        p.numBeams = 1;
        p.maxNewTokens = 8;
        p.eosTokenIds = m_eos;
        p.numReturnSequences = 1;
        for (bool batched : { true, false }) {
            EngineBeamBackend backend(*m_model, 1, int(ids.size()) + 8);
            backend.setBatched(batched);
            backend.setInterventions(list);
            BeamSearch search(backend, p);
            search.run(ids);
            const auto best = search.results().front();
            std::printf("    width 1, %s, %s: \"%s\" logp %.4f; greedy of the intervened model \"%s\" %.4f; "
                        "plain greedy \"%s\"\n",
                batched ? "batched" : "one at a time", interventionListSpec(list).c_str(),
                m_tok->decode(best.tokens).c_str(), best.sumLogProb, m_tok->decode(greedyTokens).c_str(), greedyLogp,
                m_tok->decode(plainTokens).c_str());
            QCOMPARE(best.tokens, greedyTokens);
            QVERIFY(std::abs(best.sumLogProb - greedyLogp) < 1e-3);
        }
        // A bad list is refused naming the entry, and leaves the backend as it was.
        EngineBeamBackend backend(*m_model, 1, int(ids.size()) + 8);
        Intervention bad = Intervention::zeroHead(9, 0);
        QVERIFY_THROWS_EXCEPTION(Error, backend.setInterventions({ bad }));
    }

    void bestBeamNotBelowGreedy_data() { widthOneIsGreedy_data(); }
    void bestBeamNotBelowGreedy()
    {
        QFETCH(QString, prompt);
        const auto ids = m_tok->encodeIds(prompt.toStdString());
        for (float alpha : { 0.0f, 1.0f }) {
            const auto [greedyTokens, greedyLogp] = greedy(ids, 10);
            BeamSearchParameters p;
            p.numBeams = 4;
            p.maxNewTokens = 10;
            p.lengthPenalty = alpha;
            p.eosTokenIds = m_eos;
            p.earlyStopping = EarlyStopping::Never; // the exhaustive end condition: the bound is then exact
            EngineBeamBackend backend(*m_model, 4, int(ids.size()) + 10);
            BeamSearch search(backend, p);
            search.run(ids);
            const double greedyScore = BeamSearch::score(greedyLogp, int(greedyTokens.size()), alpha);
            const double best = search.results().front().score;
            std::printf("    %-26s alpha %.0f: beam %.4f  greedy %.4f  (%d forward passes, %zu nodes)\n",
                qPrintable(prompt), alpha, best, greedyScore, backend.forwardPasses(), search.tree().size());
            QVERIFY2(best >= greedyScore - 1e-4, qPrintable(QString("beam %1 < greedy %2").arg(best).arg(greedyScore)));
        }
    }

    // A beam width of 10^6, or beams whose caches would pass limits::kMaxKvCacheBytes, are refused before any
    // cache is allocated, naming num_beams.
    // Batched against one at a time: the same tree (every node's token, parent and state), the same hypotheses,
    // and every log-probability and score within 1e-5 (printed: measured 0 so far). No EOS, so every beam lives
    // to the last step and each step batches all B of them.
    void batchedEqualsOneAtATime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("width");
        QTest::addColumn<QStringList>("interventions");
        QTest::newRow("random llama, 6 beams") << QString() << 6 << QStringList();
        QTest::newRow("tiny-gpt2, 4 beams")
            << QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-gpt2") << 4 << QStringList();
        QTest::newRow("tiny-llama, 5 beams")
            << QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-llama") << 5 << QStringList();
        QTest::newRow("tiny-llama, 5 beams, intervened")
            << QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-llama") << 5
            << QStringList { "blk.3.head.2", "blk.1.mlp", "blk.2.head.1:mean" };
    }
    void batchedEqualsOneAtATime()
    {
        QFETCH(QString, model);
        QFETCH(int, width);
        QFETCH(QStringList, interventions);
        QTemporaryDir dir;
        if (model.isEmpty()) {
            core::RandomModelSpec spec;
            spec.arch = "llama";
            spec.heads = 4;
            spec.kvHeads = 2;
            spec.seed = 11;
            model = dir.filePath("random");
            core::writeRandomModel(spec, model.toStdString());
        }
        const auto m = Model::load(model.toStdString());
        const std::vector<std::int32_t> prompt { 3, 17, 5, 42 % m->config().vocab };
        BeamSearchParameters p;
        p.numBeams = width;
        p.numReturnSequences = width;
        p.maxNewTokens = 10;
        EngineBeamBackend batched(*m, width, int(prompt.size()) + p.maxNewTokens);
        EngineBeamBackend alone(*m, width, int(prompt.size()) + p.maxNewTokens);
        alone.setBatched(false);
        InterventionList list;
        for (const QString& spec : interventions)
            list.push_back(parseIntervention(spec.toStdString(), m->config()));
        batched.setInterventions(list);
        alone.setInterventions(list);
        BeamSearch a(batched, p), b(alone, p);
        a.run(prompt);
        b.run(prompt);
        QCOMPARE(a.stepCount(), b.stepCount());
        QCOMPARE(a.tree().size(), b.tree().size());
        double worst = 0;
        for (std::size_t i = 0; i < a.tree().size(); ++i) {
            const BeamNode& x = a.tree().node(int(i));
            const BeamNode& y = b.tree().node(int(i));
            QCOMPARE(x.token, y.token);
            QCOMPARE(x.parent, y.parent);
            QCOMPARE(int(x.state), int(y.state));
            // Relative to the value (at least 1): a batch of rows goes through the blocked F32 product, one row
            // through the row kernel, so their sums are rounded in a different order.
            worst = std::max({ worst, relativeDifference(x.logProb, y.logProb),
                relativeDifference(x.cumulativeLogProb, y.cumulativeLogProb) });
        }
        const auto ha = a.hypotheses(), hb = b.hypotheses();
        QCOMPARE(ha.size(), hb.size());
        QCOMPARE(int(ha.size()), width);
        for (std::size_t i = 0; i < ha.size(); ++i) {
            QCOMPARE(ha[i].tokens, hb[i].tokens);
            worst = std::max(worst, relativeDifference(ha[i].score, hb[i].score));
        }
        std::printf("    %d beams x %d steps: batched vs one at a time, largest log-prob / score difference %.2e "
                    "(relative to max(1, |value|); bound 1e-5); passes over the weights %d vs %d\n",
            width, a.stepCount(), worst, batched.weightPasses(), alone.weightPasses());
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
        // Batched: the prefill, then one pass per advanced step, however many beams it carried.
        QCOMPARE(batched.forwardPasses(), alone.forwardPasses());
        QVERIFY(batched.weightPasses() <= a.stepCount() + 1);
        QVERIFY(alone.weightPasses() > batched.weightPasses());
    }

    void absurdWidthsAreRefused()
    {
        for (int width : { 0, 65, 1000000 }) {
            try {
                EngineBeamBackend backend(*m_model, width, 16);
                QFAIL(qPrintable(QString("width %1 accepted").arg(width)));
            } catch (const core::Error& e) {
                QVERIFY2(std::string(e.what()).find("num_beams: must be in [1, 64]") != std::string::npos, e.what());
            }
        }
        try {
            EngineBeamBackend backend(*m_model, 64, m_model->config().maxPositions * 1000);
            QFAIL("2 GiB of caches accepted");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("MiB of KV cache") != std::string::npos, e.what());
        }
        EngineBeamBackend ok(*m_model, 64, 8); // the limit itself is fine
    }
};

QTEST_APPLESS_MAIN(TestEngineBeam)
#include "tst_enginebeam.moc"

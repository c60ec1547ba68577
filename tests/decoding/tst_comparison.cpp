// Greedy / beam / samples side by side (core/decoding/comparison): where runs part ways on hand-made token lists,
// and on a small random model: the greedy run is a greedy generation, each run's sum of log-probabilities is the
// sum over its tokens, the samples are seeded (same seed, same tokens), and a beam width of 0 means no beam run.
// The greedy run and the samples decode as one batch: each gives what a generation session gives alone, on the
// random model and on a shipped one, also when runs stop at different lengths (the batch shrinks as they end),
// and with interventions (a zeroed head, a removed MLP, a mean-ablated head): every run is the intervened model's.
#include "core/common/error.h"
#include "core/decoding/comparison.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace core;

class TestComparison : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Model> m_model;
    std::optional<Tokenizer> m_tok;
    const std::vector<std::int32_t> m_prompt { 72, 101, 108, 108, 111 }; // "Hello" in the byte tokenizer

    ComparisonOptions options(int beams, int samples) const
    {
        ComparisonOptions o;
        o.generation.maxNewTokens = 6;
        o.generation.stopAtEos = false;
        o.beamWidth = beams;
        o.samples = samples;
        o.sampling.seed = 10;
        o.sampling.temperature = 1.5f;
        return o;
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

    void firstDifference_data()
    {
        QTest::addColumn<QList<int>>("reference");
        QTest::addColumn<QList<int>>("run");
        QTest::addColumn<int>("at");
        QTest::newRow("same") << QList<int> { 1, 2, 3 } << QList<int> { 1, 2, 3 } << -1;
        QTest::newRow("differs at 1") << QList<int> { 1, 2, 3 } << QList<int> { 1, 5, 3 } << 1;
        QTest::newRow("shorter") << QList<int> { 1, 2, 3 } << QList<int> { 1, 2 } << 2;
        QTest::newRow("longer") << QList<int> { 1 } << QList<int> { 1, 2 } << 1;
        QTest::newRow("both empty") << QList<int> {} << QList<int> {} << -1;
    }
    void firstDifference()
    {
        QFETCH(QList<int>, reference);
        QFETCH(QList<int>, run);
        QFETCH(int, at);
        const std::vector<std::int32_t> a(reference.begin(), reference.end()), b(run.begin(), run.end());
        QCOMPARE(core::firstDifference(a, b), at);
    }

    void markDivergencesTakesTheEarliest()
    {
        Comparison c;
        for (const std::vector<std::int32_t>& tokens :
            { std::vector<std::int32_t> { 1, 2, 3, 4 }, { 1, 2, 9, 4 }, { 1, 2, 3, 4 }, { 1, 7, 3 } }) {
            ComparedRun r;
            r.tokens = tokens;
            c.runs.push_back(r);
        }
        markDivergences(c);
        QCOMPARE(c.runs[0].divergesAt, -1);
        QCOMPARE(c.runs[1].divergesAt, 2);
        QCOMPARE(c.runs[2].divergesAt, -1);
        QCOMPARE(c.runs[3].divergesAt, 1);
        QCOMPARE(c.firstDivergence, 1);
    }

    void greedyBeamAndSamples()
    {
        const Comparison c = compareDecodings(*m_model, &*m_tok, m_prompt, options(3, 2));
        QCOMPARE(c.runs.size(), std::size_t(1 + 1 + 2));
        QCOMPARE(c.runs[0].kind, ComparedKind::Greedy);
        QCOMPARE(c.runs[1].kind, ComparedKind::Beam);
        QCOMPARE(c.runs[1].beamWidth, 3);
        QCOMPARE(c.runs[2].kind, ComparedKind::Sample);
        QCOMPARE(c.runs[2].seed, std::uint64_t(11));
        QCOMPARE(c.runs[3].seed, std::uint64_t(12));

        // The greedy run is a greedy generation with the same options.
        GenerationSession s(*m_model, &*m_tok);
        s.setOptions({ .maxNewTokens = 6, .stopAtEos = false });
        SamplingParameters greedy;
        greedy.temperature = 0;
        s.setSampling(greedy, StageOrder::huggingFace());
        s.start(m_prompt);
        s.runToEnd();
        const std::vector<std::int32_t> expected(s.tokens().begin() + s.promptLength(), s.tokens().end());
        QCOMPARE(c.runs[0].tokens, expected);

        for (const ComparedRun& r : c.runs) {
            QCOMPARE(r.tokens.size(), std::size_t(6));
            QCOMPARE(r.probabilities.size(), r.tokens.size());
            double sum = 0;
            for (double p : r.probabilities) {
                QVERIFY(p > 0 && p <= 1);
                sum += std::log(p);
            }
            QVERIFY2(std::abs(sum - r.sumLogProb) < 1e-4, qPrintable(QString::number(sum - r.sumLogProb)));
            QCOMPARE(r.divergesAt, core::firstDifference(c.runs[0].tokens, r.tokens));
        }
        // A beam of 3 keeps the greedy path among its candidates: its best sum is at least the greedy one (equal
        // length, no length penalty effect on the ranking).
        QVERIFY(c.runs[1].sumLogProb >= c.runs[0].sumLogProb - 1e-4);
    }

    void samplesAreSeeded()
    {
        const Comparison a = compareDecodings(*m_model, &*m_tok, m_prompt, options(0, 2));
        const Comparison b = compareDecodings(*m_model, &*m_tok, m_prompt, options(0, 2));
        QCOMPARE(a.runs.size(), std::size_t(3)); // no beam run
        for (std::size_t i = 0; i < a.runs.size(); ++i)
            QCOMPARE(a.runs[i].tokens, b.runs[i].tokens);
        QCOMPARE(a.firstDivergence, b.firstDivergence);
    }

    void batchedRunsEqualAlone_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("samples");
        QTest::addColumn<QStringList>("interventions");
        const QString gpt2 = QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-gpt2");
        QTest::newRow("random llama, 5 samples") << QString() << 5 << QStringList();
        QTest::newRow("tiny-gpt2, 4 samples") << gpt2 << 4 << QStringList();
        QTest::newRow("tiny-gpt2, 4 samples, intervened")
            << gpt2 << 4 << QStringList { "blk.3.head.3", "blk.2.mlp", "blk.1.head.0:mean" };
    }
    void batchedRunsEqualAlone()
    {
        QFETCH(QString, model);
        QFETCH(int, samples);
        QFETCH(QStringList, interventions);
        std::unique_ptr<Model> loaded = model.isEmpty() ? nullptr : Model::load(model.toStdString());
        const Model& m = loaded ? *loaded : *m_model;
        const std::optional<Tokenizer> tok = Tokenizer::fromFile(m.tokenizerPath());
        ComparisonOptions o = options(0, samples);
        for (const QString& spec : interventions)
            o.interventions.push_back(parseIntervention(spec.toStdString(), m.config()));
        o.generation.maxNewTokens = 10;
        o.sampling.topK = 40;
        // Many end-of-sequence ids: the runs stop at different steps, so later steps batch fewer of them.
        o.generation.stopAtEos = true;
        for (std::int32_t id = 0; id < m.config().vocab; id += 9)
            o.generation.extraEosIds.push_back(id);
        const Comparison c = compareDecodings(m, &*tok, m_prompt, o);
        QCOMPARE(int(c.runs.size()), 1 + samples);
        double worst = 0;
        std::set<std::size_t> lengths;
        for (int i = 0; i <= samples; ++i) {
            SamplingParameters p = o.sampling;
            p.temperature = i == 0 ? 0.0f : o.sampling.temperature;
            p.seed = i == 0 ? o.sampling.seed : o.sampling.seed + std::uint64_t(i);
            GenerationSession alone(m, &*tok);
            alone.setOptions(o.generation);
            alone.setSampling(p, o.order);
            alone.setInterventions(o.interventions); // the session runs every step itself: the reference
            alone.start(m_prompt);
            alone.runToEnd();
            const ComparedRun& run = c.runs[std::size_t(i)];
            QCOMPARE(run.kind, i == 0 ? ComparedKind::Greedy : ComparedKind::Sample);
            QCOMPARE(int(run.stopReason), int(alone.stopReason()));
            QCOMPARE(run.tokens.size(), alone.generated().size());
            for (std::size_t t = 0; t < run.tokens.size(); ++t) {
                QCOMPARE(run.tokens[t], alone.generated()[t].id);
                worst = std::max(worst, std::abs(run.probabilities[t] - alone.generated()[t].modelProbability));
            }
            lengths.insert(run.tokens.size());
        }
        std::printf("    %d runs as one batch (lengths %zu to %zu): tokens equal, largest probability difference "
                    "%.2e (bound 1e-5)\n",
            samples + 1, *lengths.begin(), *lengths.rbegin(), worst);
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
        if (!o.interventions.empty()) { // and they did change the runs
            ComparisonOptions plain = o;
            plain.interventions.clear();
            const Comparison p = compareDecodings(m, &*tok, m_prompt, plain);
            int changed = 0;
            for (std::size_t i = 0; i < c.runs.size(); ++i)
                changed
                    += int(p.runs[i].tokens != c.runs[i].tokens || p.runs[i].probabilities != c.runs[i].probabilities);
            std::printf("    interventions %s changed %d of %zu runs\n", interventionListSpec(o.interventions).c_str(),
                changed, c.runs.size());
            QCOMPARE(changed, int(c.runs.size()));
        }
    }

    void badOptionsAreErrors()
    {
        QVERIFY_THROWS_EXCEPTION(Error, compareDecodings(*m_model, &*m_tok, {}, options(2, 1)));
        QVERIFY_THROWS_EXCEPTION(Error, compareDecodings(*m_model, &*m_tok, m_prompt, options(-1, 1)));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"

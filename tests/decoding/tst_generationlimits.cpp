// A run is sized by what it needs, in 64 bits (issue 17): maxNewTokens = INT_MAX through the API overflowed
// prompt + maxNewTokens ("KV cache capacity -2147483644"); the cache is capped at the context and at
// limits::kMaxKvCacheBytes, so a huge request runs and stops at "context full".
#include "core/common/error.h"
#include "core/decoding/generation_session.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <climits>

using namespace core;

class TestGenerationLimits : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Model> m_model;

private slots:
    void initTestCase()
    {
        RandomModelSpec spec;
        spec.arch = "llama";
        spec.dim = 16;
        spec.heads = 2;
        spec.vocab = 256;
        spec.context = 12;
        writeRandomModel(spec, m_dir.filePath("m").toStdString());
        m_model = Model::load(m_dir.filePath("m").toStdString());
    }

    void maxNewTokensIntMaxRunsToTheEndOfTheContext()
    {
        GenerationSession s(*m_model, nullptr);
        s.setOptions({ .maxNewTokens = INT_MAX, .stopAtEos = false });
        SamplingParameters greedy;
        greedy.temperature = 0;
        s.setSampling(greedy, StageOrder::huggingFace());
        const std::vector<std::int32_t> prompt { 1, 2, 3 };
        s.start(prompt);
        s.runToEnd();
        QCOMPARE(int(s.tokens().size()), 12);
        QCOMPARE(s.stopReason(), StopReason::ContextFull);
    }
};

QTEST_APPLESS_MAIN(TestGenerationLimits)
#include "tst_generationlimits.moc"

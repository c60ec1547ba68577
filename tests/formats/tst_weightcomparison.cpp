// compareWeightFormats: two stored forms of the fixture's random Llama on one sequence. The same weights in two
// containers (Hugging Face folder, GGUF F32) compare as identical; Q4_K_M differs by a measured amount that
// quantization explains; models of different shapes are refused by name.
#include "core/analysis/weight_format_comparison.h"
#include "core/common/error.h"
#include "core/loader/loaded_model.h"

#include <QtTest>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";
const std::vector<std::int32_t> kTokens { 1, 17, 230, 5, 99, 42, 7, 128 };
}

class TestWeightComparison : public QObject {
    Q_OBJECT

private slots:
    void sameWeightsCompareEqual()
    {
        const auto hf = core::openModel(kDir + "hf");
        const auto gguf = core::openModel(kDir + "model-F32.gguf");
        const auto c = core::compareWeightFormats(*hf, *gguf, kTokens);
        QCOMPARE(int(c.blockRelativeError.size()), hf->config().nLayers);
        for (double e : c.blockRelativeError)
            QCOMPARE(e, 0.0);
        QCOMPARE(c.logitsRelativeError, 0.0);
        QCOMPARE(c.klDivergence, 0.0);
        QCOMPARE(c.referenceTop, c.otherTop);
        for (const auto& r : c.changes)
            QCOMPARE(r.referenceRank, r.otherRank);
    }

    void quantizedWeightsDiffer()
    {
        const auto f32 = core::openModel(kDir + "model-F32.gguf");
        const auto q4 = core::openModel(kDir + "model-Q4_K_M.gguf");
        const auto q8 = core::openModel(kDir + "model-Q8_0.gguf");
        const auto c4 = core::compareWeightFormats(*f32, *q4, kTokens);
        const auto c8 = core::compareWeightFormats(*f32, *q8, kTokens);
        qInfo("Q4_K_M: block errors %.3e .. %.3e, logits %.3e, KL %.3e nats", c4.blockRelativeError.front(),
            c4.blockRelativeError.back(), c4.logitsRelativeError, c4.klDivergence);
        qInfo("Q8_0:   block errors %.3e .. %.3e, logits %.3e, KL %.3e nats", c8.blockRelativeError.front(),
            c8.blockRelativeError.back(), c8.logitsRelativeError, c8.klDivergence);
        for (double e : c4.blockRelativeError)
            QVERIFY(e > 0 && e < 1);
        QVERIFY(c4.klDivergence > 0);
        // 8-bit blocks lose less than 4-bit ones, at every block and at the end.
        for (std::size_t l = 0; l < c4.blockRelativeError.size(); ++l)
            QVERIFY(c8.blockRelativeError[l] < c4.blockRelativeError[l]);
        QVERIFY(c8.klDivergence < c4.klDivergence);
        // Every token listed has its exact rank in both distributions.
        QVERIFY(c4.changes.size() >= 10);
        for (const auto& r : c4.changes)
            QVERIFY(r.referenceRank >= 1 && r.otherRank >= 1);
    }

    void differentShapesRefused()
    {
        const auto f32 = core::openModel(kDir + "model-F32.gguf");
        const auto gpt2 = core::openModel(IE_TEST_DATA_DIR "/../../sample_models/tiny-gpt2");
        try {
            core::compareWeightFormats(*f32, *gpt2, kTokens);
            QFAIL("models of different shapes compared");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("not two formats of the same model") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestWeightComparison)
#include "tst_weightcomparison.moc"

// The interpretability bench on the shipped sample models (sample_models/): the real findings the model cards
// state. The country head each card names (eval.json "country_head".en, measured by tools/sample_models) is
// zero-ablated and compared with every other single head: how much P(" Paris") after "The capital of France is"
// drops. And the induction detector on a repeated random sequence: trained heads vs chance.
#include "core/analysis/head_detectors.h"
#include "core/analysis/prompt_pass.h"
#include "core/loader/loaded_model.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace core;

namespace {
std::string modelDir(const char* name) { return std::string(IE_SOURCE_DIR) + "/sample_models/" + name; }
}

class TestInterpModels : public QObject {
    Q_OBJECT
private slots:
    void countryHeadAblation_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : { "tiny-gpt2", "tiny-llama", "tiny-classic" })
            QTest::newRow(m) << m;
    }
    void countryHeadAblation()
    {
        QFETCH(QString, model);
        const std::string dir = modelDir(qPrintable(model));
        const auto loaded = openModel(dir);
        const nlohmann::json eval = nlohmann::json::parse(std::ifstream(dir + "/eval.json"));
        const int namedLayer = eval["country_head"]["en"]["layer"], namedHead = eval["country_head"]["en"]["head"];
        const auto prompt = loaded->tokenizer->encodeIds("The capital of France is");
        const auto paris = loaded->tokenizer->encodeIds(" Paris", false);
        QCOMPARE(int(paris.size()), 1);
        const auto& c = loaded->config();
        HeadDetectorOptions o;
        o.target = paris[0];
        const HeadDetectorResult r = detectHeads(*loaded->model, loaded->plan, prompt, o);
        std::printf("    %s: P(\" Paris\") %.4f; with one head zeroed (layer x head), delta:\n", qPrintable(model),
            r.baselineTargetProb);
        for (int l = 0; l < c.nLayers; ++l) {
            std::printf("     ");
            for (int h = 0; h < c.nHeads; ++h)
                std::printf(" %+.4f%s", r.heads[std::size_t(l * c.nHeads + h)].ablationDelta,
                    l == namedLayer && h == namedHead ? "*" : " ");
            std::printf("\n");
        }
        int strongest = 0;
        for (int i = 0; i < int(r.heads.size()); ++i)
            if (r.heads[std::size_t(i)].ablationDelta < r.heads[std::size_t(strongest)].ablationDelta)
                strongest = i;
        std::printf("    named country head %d.%d (*); strongest drop %d.%d\n", namedLayer, namedHead,
            strongest / c.nHeads, strongest % c.nHeads);
        QVERIFY(r.baselineTargetProb > 0.5); // the model answers " Paris"
        // The finding is the card's: tools/sample_models/evaluate.py measures the same experiment with the PyTorch
        // reference (float64) into eval.json "demos.head_ablation" and the card's "Interventions" paragraph says what
        // it shows. Our engine must reproduce that table, and the named head must lower P(" Paris").
        const auto& ref = eval["demos"]["head_ablation"];
        QVERIFY2(ref.is_object(), "eval.json has no demos.head_ablation: rerun tools/sample_models/evaluate.py");
        QVERIFY(std::abs(ref["baseline"].get<double>() - r.baselineTargetProb) <= 2e-4);
        double worst = 0;
        for (int l = 0; l < c.nLayers; ++l)
            for (int h = 0; h < c.nHeads; ++h)
                worst = std::max(worst,
                    std::abs(
                        ref["delta_table"][l][h].get<double>() - r.heads[std::size_t(l * c.nHeads + h)].ablationDelta));
        std::printf("    engine vs PyTorch reference (eval.json, 4 decimals): max |delta P diff| %.1e\n", worst);
        QVERIFY(worst <= 2e-4);
        QCOMPARE(strongest / c.nHeads, ref["strongest"]["layer"].get<int>());
        QCOMPARE(strongest % c.nHeads, ref["strongest"]["head"].get<int>());
        const double named = r.heads[std::size_t(namedLayer * c.nHeads + namedHead)].ablationDelta;
        QVERIFY2(named < 0, qPrintable(QString("zeroing the named country head raises P: %1").arg(named)));
        std::ifstream cardFile(dir + "/README.md");
        const std::string card((std::istreambuf_iterator<char>(cardFile)), std::istreambuf_iterator<char>());
        const std::string spec = "--ablate blk." + std::to_string(namedLayer) + ".head." + std::to_string(namedHead);
        QVERIFY2(card.find("**Interventions**") != std::string::npos && card.find(spec) != std::string::npos,
            "the model card does not state the head-ablation result");
    }

    void inductionHeads_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* m : { "tiny-gpt2", "tiny-llama", "tiny-classic" })
            QTest::newRow(m) << m;
    }
    void inductionHeads()
    {
        QFETCH(QString, model);
        const auto loaded = openModel(modelDir(qPrintable(model)));
        const auto prompt = loaded->tokenizer->encodeIds("The capital of France is");
        const auto& c = loaded->config();
        for (int words = 0; words < 2; ++words) {
            HeadDetectorOptions o;
            if (words)
                o.inductionUnit = loaded->tokenizer->encodeIds(" cat sun red fish moon blue tree bird", false);
            const HeadDetectorResult r = detectHeads(*loaded->model, loaded->plan, prompt, o);
            for (const auto& h : r.heads)
                QVERIFY(h.induction >= 0 && h.induction <= 1);
            std::printf(
                "    %s induction scores (%s):\n", qPrintable(model), words ? "8 words twice" : "2 x 16 random tokens");
            for (int l = 0; l < c.nLayers; ++l) {
                std::printf("     ");
                for (int h = 0; h < c.nHeads; ++h)
                    std::printf(" %.3f", r.heads[std::size_t(l * c.nHeads + h)].induction);
                std::printf("\n");
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestInterpModels)
#include "tst_interpmodels.moc"

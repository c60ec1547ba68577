// The shipped sample models, run by our engine and tokenizer, on the held-out evaluation set of
// tools/sample_models/evaluate.py: our tokenizer gives Hugging Face's prompt ids, our greedy continuations equal
// the float64 PyTorch reference's, and the accuracy targets of the model cards hold (capitals EN/TR >= 90%,
// pattern continuation >= 90%, chat answers end with <|im_end|>).
#include "core/decoding/generation_session.h"
#include "core/tokenizer/tokenizer.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace core;

namespace {

nlohmann::json evalSet()
{
    std::ifstream f(fs::path(IE_TEST_DATA_DIR) / "reference" / "sample_eval.json");
    return nlohmann::json::parse(f);
}

// The continuation starts with `expected` and a word ends there.
bool startsWithWord(const std::string& text, const std::string& expected)
{
    if (text.rfind(expected, 0) != 0)
        return false;
    if (text.size() == expected.size())
        return true;
    const unsigned char next = static_cast<unsigned char>(text[expected.size()]);
    return !(std::isalnum(next) || next >= 0x80);
}

} // namespace

class TestSampleModels : public QObject {
    Q_OBJECT
private slots:
    void greedyAnswers_data()
    {
        QTest::addColumn<QString>("name");
        const auto eval = evalSet();
        int rows = 0;
        for (const auto& [name, greedy] : eval["greedy"].items()) {
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
            ++rows;
        }
        QVERIFY(rows >= 1);
    }

    void greedyAnswers()
    {
        QFETCH(QString, name);
        const auto eval = evalSet();
        const fs::path dir = fs::path(IE_SOURCE_DIR) / "sample_models" / name.toStdString();
        const auto model = Model::load(dir.string());
        const auto tok = Tokenizer::fromFile(model->tokenizerPath());
        const auto& items = eval["items"];
        const auto& reference = eval["greedy"][name.toStdString()];
        SamplingParameters greedy;
        greedy.temperature = 0;

        std::map<std::string, std::pair<int, int>> score; // group -> (correct, total)
        int sameAsReference = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            const auto promptIds = item["prompt_ids"].get<std::vector<std::int32_t>>();
            QCOMPARE(tok.encodeIds(item["prompt"].get<std::string>()), promptIds);

            GenerationSession s(*model, &tok);
            s.setOptions({ .maxNewTokens = item["max_new_tokens"].get<int>() });
            s.setSampling(greedy, StageOrder::huggingFace());
            s.start(promptIds);
            s.runToEnd();
            const std::vector<std::int32_t> ours(s.tokens().begin() + s.promptLength(), s.tokens().end());
            if (ours == reference[i].get<std::vector<std::int32_t>>())
                ++sameAsReference;

            std::string group = item["group"];
            if (group == "capitals_train_phrasing") // English and Turkish apart: each must reach the target
                group += item["prompt"].get<std::string>().rfind("The capital", 0) == 0 ? "_en" : "_tr";
            const std::string text = tok.decode(ours);
            bool ok = false;
            if (group == "chat")
                ok = s.stopReason() == StopReason::Eos && tok.tokenString(s.eosHit()) == "<|im_end|>"
                    && text.find(item["expected_contains"].get<std::string>()) != std::string::npos;
            else if (group == "patterns")
                ok = startsWithWord(text, item["expected_next"].get<std::string>());
            else
                ok = startsWithWord(text, item["expected"].get<std::string>());
            score[group].first += ok;
            score[group].second += 1;
        }
        for (const auto& [group, cs] : score)
            std::printf("    %-12s %-28s %3d/%3d\n", qPrintable(name), group.c_str(), cs.first, cs.second);
        std::printf("    %-12s same greedy tokens as the PyTorch reference: %d/%zu\n", qPrintable(name),
            sameAsReference, items.size());
        // float32 vs float64 can flip a near tie; allow one in a hundred.
        QVERIFY2(sameAsReference >= int(items.size() * 99 / 100), "greedy continuations differ from the reference");
        // The targets of the sample models (issue 4), for every model: capitals from held-out phrasings and from the
        // training phrasing typed at the very start of a text ("Fransa'nın başkenti"), pattern continuation, and
        // chat answers that name the capital and end with <|im_end|>.
        for (const char* group : { "capitals_en", "capitals_tr", "capitals_train_phrasing_en",
                 "capitals_train_phrasing_tr", "patterns", "chat" }) {
            const auto [c, t] = score[group];
            QVERIFY2(t > 0 && c * 10 >= t * 9, qPrintable(QString("%1: %2/%3 below 90%").arg(group).arg(c).arg(t)));
        }
    }

    void capitalOfFrance_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : { "tiny-gpt2", "tiny-llama", "tiny-classic" })
            if (fs::exists(fs::path(IE_SOURCE_DIR) / "sample_models" / name / "model.safetensors"))
                QTest::newRow(name) << name;
    }
    void capitalOfFrance()
    {
        QFETCH(QString, name);
        {
            const fs::path dir = fs::path(IE_SOURCE_DIR) / "sample_models" / name.toStdString();
            const auto model = Model::load(dir.string());
            const auto tok = Tokenizer::fromFile(model->tokenizerPath());
            SamplingParameters greedy;
            greedy.temperature = 0;
            for (const auto& [prompt, answer] :
                { std::pair { "The capital of France is", " Paris" }, { "Fransa'nın başkenti", " Paris" } }) {
                GenerationSession s(*model, &tok);
                s.setOptions({ .maxNewTokens = 2 });
                s.setSampling(greedy, StageOrder::huggingFace());
                s.start(tok.encodeIds(prompt));
                s.runToEnd();
                QVERIFY2(s.text().rfind(answer, 0) == 0,
                    qPrintable(QString("%1: %2 -> %3").arg(name, prompt, s.text().c_str())));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestSampleModels)
#include "tst_samplemodels.moc"

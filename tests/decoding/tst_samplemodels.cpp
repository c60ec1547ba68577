// The shipped sample models, run by our engine and tokenizer, on the held-out evaluation set of
// tools/sample_models/evaluate.py (tests/data/reference/sample_eval.json):
//  - our tokenizer gives Hugging Face's prompt ids, our greedy continuations equal the float64 PyTorch reference's;
//  - the held-out phrasing families (statements, questions, country late, filler clause, lower case; never in the
//    training text) are answered >= 95% per model and language; the training phrasing, patterns and chat >= 90%;
//  - the lesson demos of the model cards: an uncertain next word, beam search beating greedy's sum of log p, a loop
//    that a repetition penalty stops, a stop sequence, a chat turn ending with <|im_end|>, and the attention heads
//    the cards name (country, previous token, induction).
#include "core/decoding/beam_search.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/decoding/generation_session.h"
#include "core/exec/executor.h"
#include "core/tokenizer/tokenizer.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace core;

namespace {

const nlohmann::json& evalSet()
{
    static const nlohmann::json eval = [] {
        std::ifstream f(fs::path(IE_TEST_DATA_DIR) / "reference" / "sample_eval.json");
        return nlohmann::json::parse(f);
    }();
    return eval;
}

bool isWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// The continuation starts with `expected` and a word ends there.
bool startsWithWord(const std::string& text, const std::string& expected)
{
    if (text.rfind(expected, 0) != 0)
        return false;
    if (text.size() == expected.size())
        return true;
    return !isWordByte(static_cast<unsigned char>(text[expected.size()]));
}

// The first of `answers` that `text` names as a whole word (earliest position, the longest at a tie), or "".
std::string firstAnswer(const std::string& text, const nlohmann::json& answers)
{
    std::size_t bestPos = std::string::npos;
    std::string best;
    for (const auto& a : answers) {
        const std::string s = a.get<std::string>();
        for (std::size_t i = text.find(s); i != std::string::npos; i = text.find(s, i + 1)) {
            const bool before = i == 0 || !isWordByte(static_cast<unsigned char>(text[i - 1]));
            const bool after
                = i + s.size() == text.size() || !isWordByte(static_cast<unsigned char>(text[i + s.size()]));
            if (before && after) {
                if (i < bestPos || (i == bestPos && s.size() > best.size())) {
                    bestPos = i;
                    best = s;
                }
                break;
            }
        }
    }
    return best;
}

struct Loaded {
    std::unique_ptr<Model> model;
    std::optional<Tokenizer> tok;
    std::vector<std::int32_t> eos;
};

Loaded load(const QString& name)
{
    Loaded l;
    l.model = Model::load((fs::path(IE_SOURCE_DIR) / "sample_models" / name.toStdString()).string());
    l.tok = Tokenizer::fromFile(l.model->tokenizerPath());
    for (const char* t : { "<|endoftext|>", "<|im_end|>" })
        l.eos.push_back(*l.tok->tokenId(t));
    return l;
}

std::vector<std::int32_t> ids(const nlohmann::json& j) { return j.get<std::vector<std::int32_t>>(); }

// Greedy decoding (optionally with a repetition penalty); also sums the model's own log p of the chosen tokens.
struct Run {
    std::vector<std::int32_t> tokens;
    std::string text;
    StopReason stop = StopReason::None;
    double sumLogProb = 0;
};

Run greedy(const Loaded& l, const std::vector<std::int32_t>& prompt, int maxNew, float repetitionPenalty = 1.0f,
    std::vector<std::string> stops = {})
{
    GenerationSession s(*l.model, &*l.tok);
    s.setOptions({ .maxNewTokens = maxNew, .stopSequences = std::move(stops) });
    SamplingParameters p;
    p.temperature = 0;
    p.repetitionPenalty = repetitionPenalty;
    p.penaltyWindow = 64;
    s.setSampling(p, StageOrder::huggingFace());
    s.start(prompt);
    Run r;
    while (!s.finished())
        r.sumLogProb += std::log(s.step().modelProbability);
    r.tokens.assign(s.tokens().begin() + s.promptLength(), s.tokens().end());
    r.text = s.text();
    r.stop = s.stopReason();
    return r;
}

// Attention probabilities of every head for one prompt: probs[layer][head] = (T x T) row-major.
using Probs = std::vector<std::vector<std::vector<float>>>;
Probs attention(const Model& model, const std::vector<std::int32_t>& prompt)
{
    const auto& c = model.config();
    const auto plan = ExecutionPlan::compile(c);
    Executor exec(model, plan);
    KvCache cache(c, int(prompt.size()));
    RecordingSink sink;
    exec.begin(prompt, cache, {});
    exec.run(&sink);
    const std::size_t T = prompt.size();
    Probs probs(std::size_t(c.nLayers), std::vector<std::vector<float>>(std::size_t(c.nHeads)));
    for (const auto& e : sink.events()) {
        const auto& node = plan[std::size_t(e.nodeIndex)];
        if (node.kind != OpKind::Softmax)
            continue;
        auto& m = probs[std::size_t(node.layer)][std::size_t(node.head)];
        m.assign(T * T, 0.0f);
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = 0; j <= i; ++j)
                m[i * T + j] = e.values[i * std::size_t(e.cols) + j];
    }
    return probs;
}

// Targets of issue 12 (and of issue 4) that a shipped model does not reach, as measured when it was trained (the
// numbers are in its model card). They are expected failures, not silenced checks: QtTest prints XFAIL with the
// reason on every run, and XPASS fails the test once a retrained model reaches the target (then delete the entry).
const std::map<std::string, std::map<std::string, const char*>>& knownMisses()
{
    static const std::map<std::string, std::map<std::string, const char*>> misses {
        { "tiny-gpt2",
            { { "previous-token head", "no clear previous-token head: the strongest has 0.33 (chance 0.17)" } } },
        { "tiny-classic", { { "induction head", "no clear induction head: the strongest has 0.19 (chance 0.12)" } } },
    };
    return misses;
}

// Marks the next check as an expected failure when `check` is a known miss of the current model.
#define EXPECT_MISS(model, check)                                                                                      \
    do {                                                                                                               \
        const auto m = knownMisses().find(model);                                                                      \
        if (m != knownMisses().end()) {                                                                                \
            const auto c = m->second.find(check);                                                                      \
            if (c != m->second.end())                                                                                  \
                QEXPECT_FAIL("", c->second, Continue);                                                                 \
        }                                                                                                              \
    } while (false)

using Table = std::vector<std::vector<double>>; // [layer][head]

// The named head must be the one the table ranks first, with the score the card gives, and at least `floor`
// (twice the chance level for the previous-token and induction heads).
// The named head must be the strongest from layer minLayer on (an induction head needs the previous token's identity
// written by an earlier layer, so layer 0 cannot hold one: a layer-0 head scoring there is attending by position).
void checkHead(const Table& t, const nlohmann::json& named, double floor, const char* what, const std::string& model,
    int minLayer = 0)
{
    int bl = minLayer, bh = 0;
    for (std::size_t l = std::size_t(minLayer); l < t.size(); ++l)
        for (std::size_t h = 0; h < t[l].size(); ++h)
            if (t[l][h] > t[std::size_t(bl)][std::size_t(bh)]) {
                bl = int(l);
                bh = int(h);
            }
    const int layer = named["layer"], head = named["head"];
    const double score = t[std::size_t(layer)][std::size_t(head)];
    std::printf("    %-22s layer %d head %d: %.3f (card %.3f; strongest: layer %d head %d)\n", what, layer, head, score,
        named["score"].get<double>(), bl, bh);
    QVERIFY2(bl == layer && bh == head, what);
    QVERIFY2(std::abs(score - named["score"].get<double>()) < 0.01, what);
    EXPECT_MISS(model, what);
    QVERIFY2(score >= floor, what);
}

void addModelRows()
{
    QTest::addColumn<QString>("name");
    int rows = 0;
    for (const auto& [name, greedy] : evalSet()["greedy"].items()) {
        QTest::newRow(name.c_str()) << QString::fromStdString(name);
        ++rows;
    }
    QVERIFY(rows >= 1);
}

} // namespace

class TestSampleModels : public QObject {
    Q_OBJECT
private slots:
    void greedyAnswers_data() { addModelRows(); }
    void greedyAnswers()
    {
        QFETCH(QString, name);
        const auto& eval = evalSet();
        const auto l = load(name);
        const auto& items = eval["items"];
        const auto& reference = eval["greedy"][name.toStdString()];

        std::map<std::string, std::pair<int, int>> score; // group -> (correct, total)
        int sameAsReference = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            const auto promptIds = ids(item["prompt_ids"]);
            QCOMPARE(l.tok->encodeIds(item["prompt"].get<std::string>()), promptIds);

            GenerationSession s(*l.model, &*l.tok);
            s.setOptions({ .maxNewTokens = item["max_new_tokens"].get<int>() });
            SamplingParameters greedyParameters;
            greedyParameters.temperature = 0;
            s.setSampling(greedyParameters, StageOrder::huggingFace());
            s.start(promptIds);
            s.runToEnd();
            const std::vector<std::int32_t> ours(s.tokens().begin() + s.promptLength(), s.tokens().end());
            if (ours == ids(reference[i]))
                ++sameAsReference;

            const std::string group = item["group"];
            const std::string text = l.tok->decode(ours);
            bool ok = false;
            std::vector<std::string> keys { group };
            if (group == "chat") {
                ok = s.stopReason() == StopReason::Eos && l.tok->tokenString(s.eosHit()) == "<|im_end|>"
                    && text.find(item["expected_contains"].get<std::string>()) != std::string::npos;
            } else if (group == "patterns") {
                ok = startsWithWord(text, item["expected_next"].get<std::string>());
            } else if (group == "families") {
                const std::string expected = item["expected"];
                const std::string lower = item.value("expected_lower", expected);
                if (item["kind"] == "question") {
                    const std::string first = firstAnswer(text, eval["answers"]);
                    ok = !first.empty() && (" " + first == expected || " " + first == lower);
                } else {
                    ok = startsWithWord(text, expected) || startsWithWord(text, lower);
                }
                const std::string lang = item["lang"];
                keys = { "families_" + lang, item["family"].get<std::string>() + "_" + lang };
            } else { // capitals_train_phrasing: English and Turkish apart, each must reach the target
                ok = startsWithWord(text, item["expected"].get<std::string>());
                keys = { group + (item["prompt"].get<std::string>().rfind("The capital", 0) == 0 ? "_en" : "_tr") };
            }
            for (const auto& k : keys) {
                score[k].first += ok;
                score[k].second += 1;
            }
        }
        for (const auto& [group, cs] : score)
            std::printf("    %-12s %-28s %3d/%3d\n", qPrintable(name), group.c_str(), cs.first, cs.second);
        std::printf("    %-12s same greedy tokens as the PyTorch reference: %d/%zu\n", qPrintable(name),
            sameAsReference, items.size());
        // float32 vs float64 can flip a near tie; allow one in a hundred.
        QVERIFY2(sameAsReference >= int(items.size() * 99 / 100), "greedy continuations differ from the reference");
        // Issue 12: every held-out family together, per language, >= 95% (greedy).
        for (const char* group : { "families_en", "families_tr" }) {
            const auto [c, t] = score[group];
            EXPECT_MISS(name.toStdString(), group);
            QVERIFY2(t > 0 && c * 100 >= t * 95, qPrintable(QString("%1: %2/%3 below 95%").arg(group).arg(c).arg(t)));
        }
        // The earlier targets (issue 4): the training phrasing typed at the very start of a text
        // ("Fransa'nın başkenti"), pattern continuation, chat answers that name the capital and end with <|im_end|>.
        for (const char* group : { "capitals_train_phrasing_en", "capitals_train_phrasing_tr", "patterns", "chat" }) {
            const auto [c, t] = score[group];
            EXPECT_MISS(name.toStdString(), group);
            QVERIFY2(t > 0 && c * 10 >= t * 9, qPrintable(QString("%1: %2/%3 below 90%").arg(group).arg(c).arg(t)));
        }
    }

    // Temperature / top-k / top-p: the next word is genuinely uncertain (no candidate above 70%, at least three
    // above 5%).
    void demoUncertainNextWord_data() { addModelRows(); }
    void demoUncertainNextWord()
    {
        QFETCH(QString, name);
        const auto l = load(name);
        for (const auto& prompt : evalSet()["demos"]["uncertain_ids"]) {
            GenerationSession s(*l.model, &*l.tok);
            s.start(ids(prompt));
            const auto logits = s.logits();
            double m = -INFINITY, z = 0;
            for (float v : logits)
                m = std::max(m, double(v));
            for (float v : logits)
                z += std::exp(double(v) - m);
            double top = 0;
            int over5 = 0;
            for (float v : logits) {
                const double p = std::exp(double(v) - m) / z;
                top = std::max(top, p);
                over5 += p >= 0.05;
            }
            std::printf("    %-12s %-30s top-1 %.2f, %d candidates >= 5%%\n", qPrintable(name),
                l.tok->decode(ids(prompt)).c_str(), top, over5);
            QVERIFY(top <= 0.7);
            QVERIFY(over5 >= 3);
        }
    }

    // Greedy vs beam search: on the documented prompt beam search finds a higher total log-probability. The
    // prompt is the model's own ("My pet is a", or a fallback where that one's first word already leads to the
    // best path; evaluate.py picks it and the model card names it).
    void demoBeamBeatsGreedy_data() { addModelRows(); }
    void demoBeamBeatsGreedy()
    {
        QFETCH(QString, name);
        const auto& eval = evalSet();
        const auto& beamResult = eval["demo_results"][name.toStdString()]["beam"];
        const auto l = load(name);
        const auto prompt
            = ids(beamResult.contains("prompt_ids") ? beamResult["prompt_ids"] : eval["demos"]["beam_ids"]);
        const Run g = greedy(l, prompt, 10);
        BeamSearchParameters p;
        p.numBeams = 4;
        p.maxNewTokens = 10;
        p.eosTokenIds = l.eos;
        EngineBeamBackend backend(*l.model, 4, int(prompt.size()) + 10);
        BeamSearch search(backend, p);
        search.run(prompt);
        const auto best = search.results().front();
        std::printf("    %-12s greedy \"%s\" %.3f   beam \"%s\" %.3f\n", qPrintable(name),
            l.tok->decode(g.tokens).c_str(), g.sumLogProb, l.tok->decode(best.tokens).c_str(), best.sumLogProb);
        EXPECT_MISS(name.toStdString(), "beam");
        QVERIFY(best.sumLogProb > g.sumLogProb + 0.1);
    }

    // Repetition penalty: greedy loops on the documented prompt without it and stops (EOS) with it.
    void demoRepetitionPenalty_data() { addModelRows(); }
    void demoRepetitionPenalty()
    {
        QFETCH(QString, name);
        const auto& eval = evalSet();
        const auto l = load(name);
        const auto prompt = ids(eval["demos"]["repetition_ids"]);
        const float penalty = eval["demo_results"][name.toStdString()]["repetition"]["penalty"].get<float>();
        const Run without = greedy(l, prompt, 24);
        const Run with = greedy(l, prompt, 24, penalty);
        std::printf("    %-12s without: \"%s\"\n    %-12s with %.1f: \"%s\"\n", qPrintable(name), without.text.c_str(),
            qPrintable(name), penalty, with.text.c_str());
        int loops = 0;
        for (std::size_t i = without.text.find("ding dong"); i != std::string::npos;
             i = without.text.find("ding dong", i + 1))
            ++loops;
        EXPECT_MISS(name.toStdString(), "repetition");
        QVERIFY2(without.stop == StopReason::MaxNewTokens && loops >= 6, "greedy does not loop without the penalty");
        QCOMPARE(with.stop, StopReason::Eos);
    }

    // Stop sequences and EOS: a list that a stop sequence cuts; a chat turn that ends with <|im_end|>.
    void demoStops_data() { addModelRows(); }
    void demoStops()
    {
        QFETCH(QString, name);
        const auto& eval = evalSet();
        const auto& demos = eval["demos"];
        const auto& result = eval["demo_results"][name.toStdString()];
        const auto l = load(name);
        // The model's own stop sequence (", 8", or a fallback where its count ends earlier; the card names it).
        const Run list = greedy(l, ids(demos["stop_ids"]), 20, 1.0f, { result["stop"]["stop"].get<std::string>() });
        QCOMPARE(list.stop, StopReason::StopSequence);
        QCOMPARE(list.text, result["stop"]["cut"].get<std::string>());
        GenerationSession s(*l.model, &*l.tok);
        s.setOptions({ .maxNewTokens = 40 });
        SamplingParameters p;
        p.temperature = 0;
        s.setSampling(p, StageOrder::huggingFace());
        s.start(ids(demos["chat_ids"]));
        s.runToEnd();
        QCOMPARE(s.stopReason(), StopReason::Eos);
        QCOMPARE(l.tok->tokenString(s.eosHit()), std::string("<|im_end|>"));
        QVERIFY(s.text().find("Tokyo") != std::string::npos);
    }

    // The heads the model cards name, measured with our engine's attention probabilities.
    void demoHeads_data() { addModelRows(); }
    void demoHeads()
    {
        QFETCH(QString, name);
        const auto& eval = evalSet();
        const auto& demos = eval["demos"];
        const auto& named = eval["demo_results"][name.toStdString()];
        const auto l = load(name);
        const auto& c = l.model->config();
        const auto zero = [&] { return Table(std::size_t(c.nLayers), std::vector<double>(std::size_t(c.nHeads))); };

        for (const char* lang : { "en", "tr" }) { // the last position's attention on the country's tokens
            Table t = zero();
            int n = 0;
            for (const auto& hp : demos["country_head_prompts"]) {
                if (hp["lang"] != lang)
                    continue;
                const auto prompt = ids(hp["prompt_ids"]);
                const auto probs = attention(*l.model, prompt);
                const std::size_t T = prompt.size();
                for (std::size_t li = 0; li < t.size(); ++li)
                    for (std::size_t h = 0; h < t[li].size(); ++h)
                        for (int j = hp["country_begin"]; j < hp["country_end"].get<int>(); ++j)
                            t[li][h] += probs[li][h][(T - 1) * T + std::size_t(j)];
                ++n;
            }
            for (auto& row : t)
                for (auto& v : row)
                    v /= n;
            checkHead(t, named["country_head"][lang], 0.5, lang[0] == 'e' ? "country head (EN)" : "country head (TR)",
                name.toStdString());
        }
        { // previous token: each position's attention on the one before
            Table t = zero();
            for (const auto& prompt : demos["prev_token_ids"]) {
                const auto p = ids(prompt);
                const auto probs = attention(*l.model, p);
                const std::size_t T = p.size();
                for (std::size_t li = 0; li < t.size(); ++li)
                    for (std::size_t h = 0; h < t[li].size(); ++h) {
                        double s = 0;
                        for (std::size_t i = 1; i < T; ++i)
                            s += probs[li][h][i * T + i - 1];
                        t[li][h] += s / double(T - 1) / double(demos["prev_token_ids"].size());
                    }
            }
            checkHead(t, named["previous_token_head"], 2 * named["previous_token_head"]["chance"].get<double>(),
                "previous-token head", name.toStdString());
        }
        { // induction: from each position after the first unit to the tokens that followed earlier occurrences
          // of its own token
            Table t = zero();
            const std::size_t P = demos["induction_period"];
            for (const auto& prompt : demos["induction_ids"]) {
                const auto p = ids(prompt);
                const auto probs = attention(*l.model, p);
                const std::size_t T = p.size();
                for (std::size_t li = 0; li < t.size(); ++li)
                    for (std::size_t h = 0; h < t[li].size(); ++h) {
                        double s = 0;
                        for (std::size_t i = P; i < T; ++i)
                            for (std::size_t j = 1; j <= i; ++j)
                                if (p[j - 1] == p[i])
                                    s += probs[li][h][i * T + j];
                        t[li][h] += s / double(T - P) / double(demos["induction_ids"].size());
                    }
            }
            checkHead(t, named["induction_head"], 2 * named["induction_head"]["chance"].get<double>(), "induction head",
                name.toStdString(), 1);
        }
    }
};

QTEST_APPLESS_MAIN(TestSampleModels)
#include "tst_samplemodels.moc"

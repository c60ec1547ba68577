// tokenizer.json written to exhaust us (issue 17): normalizers, pre-tokenizers and decoders nested 10,000 deep
// (the loader recursed per level and copied a growing path string: stack overflow under ASan, 1.9 GB in release),
// and Replace steps that multiply the text ("a" -> 1000 x "a"). Both are refused at load with a message naming
// the limit; ordinary chains still load and run.
#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/tokenizer/prompt_tail.h"
#include "core/tokenizer/tokenizer.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using Json = nlohmann::json;

namespace {

Json baseTokenizer()
{
    Json vocab = Json::object();
    for (int c = 'a'; c <= 'z'; ++c)
        vocab[std::string(1, char(c))] = c - 'a';
    vocab[" "] = 26;
    vocab["\xE2\x96\x81"] = 27; // "▁"
    return { { "version", "1.0" },
        { "model", { { "type", "BPE" }, { "vocab", vocab }, { "merges", Json::array() } } } };
}

Json replace(const std::string& from, const std::string& to)
{
    return { { "type", "Replace" }, { "pattern", { { "String", from } } }, { "content", to } };
}

// `depth` Sequences around `leaf`, as raw text (nlohmann's dump would itself recurse 10,000 deep).
std::string nested(const char* listKey, int depth, const std::string& leaf)
{
    std::string open, close;
    for (int i = 0; i < depth; ++i) {
        open += std::string(R"({"type":"Sequence",")") + listKey + "\":[";
        close += "]}";
    }
    return open + leaf + close;
}

std::string withRaw(Json j, const std::string& key, const std::string& raw)
{
    j[key] = "@@RAW@@";
    std::string text = j.dump();
    text.replace(text.find("\"@@RAW@@\""), 9, raw);
    return text;
}

QString errorOf(const std::string& json)
{
    try {
        core::Tokenizer::fromJson(json);
    } catch (const core::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestTokenizerLimits : public QObject {
    Q_OBJECT
private slots:
    // A prompt longer than the context, cut to its last tokens (the window's offer): the cut is in the text, at a
    // token boundary (never inside a Turkish letter's bytes), and the kept text tokenizes (with any special tokens) to
    // at most the context and nearly all of it.
    void promptTailFitsTheContext_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("tiny-gpt2 (byte-level BPE)") << "tiny-gpt2";
        QTest::newRow("tiny-llama") << "tiny-llama";
    }
    void promptTailFitsTheContext()
    {
        QFETCH(QString, model);
        const core::Tokenizer tok
            = core::Tokenizer::fromFile(std::string(IE_SAMPLE_MODELS) + "/" + model.toStdString() + "/tokenizer.json");
        std::string text;
        for (int i = 0; i < 60; ++i)
            text += "İtalya'nın başkenti Roma, Fransa'nın başkenti Paris. ";
        const std::size_t whole = tok.encode(text).ids.size();
        for (int context : { 256, 100, 7 }) {
            QVERIFY(whole > std::size_t(context));
            const std::optional<std::string> tail = core::promptTail(tok, text, context);
            QVERIFY(tail.has_value());
            QVERIFY(!tail->empty() && text.ends_with(*tail));
            const std::size_t kept = tok.encode(*tail).ids.size();
            qInfo("%s context %d: %zu of %zu tokens kept", qPrintable(model), context, kept, whole);
            QVERIFY(kept <= std::size_t(context));
            QVERIFY(kept + 3 >= std::size_t(context));
        }
        QCOMPARE(core::promptTail(tok, "Paris", 256).value(), std::string("Paris")); // fits: unchanged
        QVERIFY(!core::promptTail(tok, text, 0).has_value());
    }

    void deepNestingIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("listKey");
        QTest::addColumn<QString>("leaf");
        QTest::newRow("normalizer") << "normalizer"
                                    << "normalizers"
                                    << R"({"type":"NFC"})";
        QTest::newRow("pre_tokenizer") << "pre_tokenizer"
                                       << "pretokenizers"
                                       << R"({"type":"Metaspace","replacement":"▁","prepend_scheme":"always"})";
        QTest::newRow("decoder") << "decoder"
                                 << "decoders"
                                 << R"({"type":"Fuse"})";
    }
    void deepNestingIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, listKey);
        QFETCH(QString, leaf);
        const std::string text = withRaw(
            baseTokenizer(), key.toStdString(), nested(listKey.toUtf8().constData(), 10000, leaf.toStdString()));
        const QString e = errorOf(text);
        QVERIFY2(e.startsWith("tokenizer.json: arrays and objects nest deeper than 64 levels"), qPrintable(e));
        // Nesting within the limit still loads.
        const std::string ok
            = withRaw(baseTokenizer(), key.toStdString(), nested(listKey.toUtf8().constData(), 20, leaf.toStdString()));
        QCOMPARE(errorOf(ok), QString());
    }

    void replaceThatMultipliesTheTextIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("listKey");
        QTest::newRow("normalizer") << "normalizer"
                                    << "normalizers";
        QTest::newRow("decoder") << "decoder"
                                 << "decoders";
    }
    void replaceThatMultipliesTheTextIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, listKey);
        Json j = baseTokenizer();
        j[key.toStdString()] = replace("a", std::string(1000, 'a'));
        QVERIFY2(errorOf(j.dump()).contains(key + ": its Replace steps could grow a text more than 64 times"),
            qPrintable(errorOf(j.dump())));
        // Each step within the limit, but the chain multiplies: 4 x 4 x 4 x 4 = 256.
        Json chain = Json::array();
        for (int i = 0; i < 4; ++i)
            chain.push_back(replace("a", "aaaa"));
        j[key.toStdString()] = { { "type", "Sequence" }, { listKey.toStdString(), chain } };
        QVERIFY2(errorOf(j.dump()).contains("could grow a text more than 64 times"), qPrintable(errorOf(j.dump())));
    }

    void ordinaryReplaceStillWorks()
    {
        Json j = baseTokenizer();
        j["normalizer"]
            = { { "type", "Sequence" }, { "normalizers", { replace(" ", "\xE2\x96\x81"), replace("q", "ab") } } };
        j["decoder"] = replace("\xE2\x96\x81", " ");
        const auto tok = core::Tokenizer::fromJson(j.dump());
        const auto ids = tok.encodeIds("a q", false);
        QCOMPARE(ids, (std::vector<std::int32_t> { 0, 27, 0, 1 }));
        QCOMPARE(tok.decode(ids), std::string("a ab"));
    }

    // A text longer than limits::kMaxEncodeBytes is refused before ids and spans are reserved for it.
    void overlongTextIsRefused()
    {
        const auto tok = core::Tokenizer::fromJson(baseTokenizer().dump());
        const std::string text(core::limits::kMaxEncodeBytes + 1, 'a');
        try {
            tok.encode(text);
            QFAIL("a text over the limit was encoded");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("too long to tokenize (limit 64 MiB)") != std::string::npos, e.what());
        }
        QCOMPARE(tok.encodeIds(std::string(1000, 'a'), false).size(), std::size_t(1000)); // ordinary text still works
    }
};

QTEST_APPLESS_MAIN(TestTokenizerLimits)
#include "tst_tokenizerlimits.moc"

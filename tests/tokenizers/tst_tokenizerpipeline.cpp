// What the explorer relies on beyond matching the reference's ids: byte spans, display pieces, the special
// tokens flag, BOS/EOS, ChatML, both merges forms, decoders the real files do not use, and 1 MB inputs
// (no stack overflow, about linear time). Uses the hand-made files in tests/data/tokenizers/tiny/.
#include "core/common/error.h"
#include "core/tokenizer/chat_template.h"
#include "core/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QTest>

#include <fstream>

Q_DECLARE_METATYPE(std::string)

namespace {

const std::string tinyDir = IE_TEST_DATA_DIR "/tokenizers/tiny/";

nlohmann::json readJson(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return nlohmann::json::parse(in);
}

std::vector<std::string> corpus()
{
    return readJson(IE_TEST_DATA_DIR "/tokenizers/corpus.json").at("strings").get<std::vector<std::string>>();
}

core::Tokenizer tiny(const char* name) { return core::Tokenizer::fromFile(tinyDir + name + ".json"); }

std::int32_t idOf(const core::Tokenizer& tok, const std::string& token)
{
    const auto id = tok.tokenId(token);
    if (!id)
        throw std::runtime_error("no token " + token);
    return *id;
}

} // namespace

class TestTokenizerPipeline : public QObject {
    Q_OBJECT
private slots:
    void spansMatchPieceBytes_data();
    void spansMatchPieceBytes();
    void spansThroughNormalizers();
    void displayPieces();
    void specialTokensInText();
    void bosAndEos();
    void chatMl();
    void mergesInBothForms();
    void stripDecoder();
    void megabyteInputs_data();
    void megabyteInputs();
};

void TestTokenizerPipeline::spansMatchPieceBytes_data()
{
    QTest::addColumn<QString>("file");
    // Files whose tokens hold exactly input bytes (no normalizer, nothing inserted).
    QTest::newRow("digits_individual") << "digits_individual";
    QTest::newRow("split_isolated") << "split_isolated";
    QTest::newRow("split_mergedwithnext") << "split_mergedwithnext";
}

void TestTokenizerPipeline::spansMatchPieceBytes()
{
    QFETCH(QString, file);
    const core::Tokenizer tok = tiny(qPrintable(file));
    for (const std::string& s : corpus()) {
        const core::Encoding enc = tok.encode(s, false);
        QCOMPARE(enc.spans.size(), enc.ids.size());
        std::string joined;
        std::uint32_t expectBegin = 0;
        for (std::size_t i = 0; i < enc.ids.size(); ++i) {
            const core::ByteSpan span = enc.spans[i];
            QCOMPARE(span.begin, expectBegin); // contiguous, in order
            QCOMPARE(s.substr(span.begin, span.end - span.begin), tok.pieceBytes(enc.ids[i]));
            expectBegin = span.end;
            joined += tok.pieceBytes(enc.ids[i]);
        }
        QCOMPARE(joined, s);
    }
}

void TestTokenizerPipeline::spansThroughNormalizers()
{
    // SentencePiece style: "▁" is prepended (an empty span: it is no input byte), spaces become "▁" (the
    // space's span), and "文" is not in the vocab so it falls back to three byte tokens of one byte each.
    const core::Tokenizer sp = tiny("sp_byte_fallback");
    const std::string text = "hello \xE6\x96\x87"; // "hello 文"
    const core::Encoding enc = sp.encode(text, true);
    std::vector<std::string> pieces;
    for (std::int32_t id : enc.ids)
        pieces.push_back(sp.tokenString(id));
    const std::string mark = "\xE2\x96\x81"; // ▁
    QCOMPARE(pieces, (std::vector<std::string> { "<s>", mark, "he", "llo", mark, "<0xE6>", "<0x96>", "<0x87>" }));
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> expected { { 0, 0 }, { 0, 0 }, { 0, 2 }, { 2, 5 },
        { 5, 6 }, { 6, 7 }, { 7, 8 }, { 8, 9 } };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(enc.spans[i].begin, expected[i].first);
        QCOMPARE(enc.spans[i].end, expected[i].second);
    }
    QCOMPARE(sp.decode(enc.ids, true), text);

    // NFC: "e" + U+0301 becomes one character; its tokens cover both input characters.
    const core::Tokenizer nfc = tiny("llama3_split_nfc");
    const std::string composed = "xe\xCC\x81y"; // x e ◌́ y
    const core::Encoding e2 = nfc.encode(composed, false);
    std::string bytes;
    for (std::size_t i = 0; i < e2.ids.size(); ++i) {
        bytes += nfc.pieceBytes(e2.ids[i]);
        QVERIFY(e2.spans[i].end <= composed.size());
    }
    QCOMPARE(bytes, std::string("x\xC3\xA9y"));
    QCOMPARE(e2.spans.front().begin, 0u);
    QCOMPARE(e2.spans.back().end, static_cast<std::uint32_t>(composed.size()));
}

void TestTokenizerPipeline::displayPieces()
{
    const core::Tokenizer bl = tiny("bytelevel_prefix");
    QCOMPARE(bl.displayPiece(idOf(bl, "\xC4\xA0the")), std::string(" the")); // Ġthe
    QCOMPARE(bl.displayPiece(idOf(bl, "\xC4\x8A\xC4\x8A")), std::string("\n\n")); // ĊĊ
    QCOMPARE(bl.displayPiece(idOf(bl, "\xC3\xA2")), std::string("<0xE2>")); // â = byte 0xE2, not UTF-8 alone
    QCOMPARE(bl.displayPiece(idOf(bl, "\xC3\xA4\xC2\xB8")), std::string("<0xE4><0xB8>")); // ä¸
    QCOMPARE(bl.displayPiece(idOf(bl, "\xC4\x9F")), std::string("\x1F")); // ğ is the byte-level char of 0x1F
    QCOMPARE(bl.pieceBytes(idOf(bl, "\xC3\xA2")), std::string("\xE2"));
    QCOMPARE(bl.displayPiece(idOf(bl, "<|endoftext|>")), std::string("<|endoftext|>"));
    QCOMPARE(bl.tokenString(idOf(bl, "\xC4\xA0the")), std::string("\xC4\xA0the"));
    QCOMPARE(bl.displayPiece(-1), std::string());
    QCOMPARE(bl.tokenString(1 << 20), std::string());

    const core::Tokenizer sp = tiny("sp_byte_fallback");
    QCOMPARE(sp.displayPiece(idOf(sp, "\xE2\x96\x81the")), std::string(" the")); // ▁the
    QCOMPARE(sp.displayPiece(idOf(sp, "<0x0A>")), std::string("\n"));
    QCOMPARE(sp.displayPiece(idOf(sp, "<0xE4>")), std::string("<0xE4>"));
    QCOMPARE(sp.pieceBytes(idOf(sp, "<0xE4>")), std::string("\xE4"));
    QCOMPARE(sp.displayPiece(idOf(sp, "<s>")), std::string("<s>"));
    QVERIFY(sp.isSpecial(idOf(sp, "<s>")));
    QVERIFY(!sp.isSpecial(idOf(sp, "<0x0A>")));
}

void TestTokenizerPipeline::specialTokensInText()
{
    const core::Tokenizer bl = tiny("bytelevel_prefix");
    const std::int32_t eot = idOf(bl, "<|endoftext|>");
    const std::string text = "a<|endoftext|>b";
    const core::Encoding parsed = bl.encode(text, false, true);
    QVERIFY(std::find(parsed.ids.begin(), parsed.ids.end(), eot) != parsed.ids.end());
    const auto at = std::find(parsed.ids.begin(), parsed.ids.end(), eot) - parsed.ids.begin();
    QCOMPARE(parsed.spans[at].begin, 1u);
    QCOMPARE(parsed.spans[at].end, 14u);
    const core::Encoding plain = bl.encode(text, false, false);
    QVERIFY(std::find(plain.ids.begin(), plain.ids.end(), eot) == plain.ids.end());
    QCOMPARE(bl.decode(plain.ids), std::string(" ") + text); // this file adds a prefix space
    QCOMPARE(bl.decode(parsed.ids, true), std::string(" a b")); // skipSpecial drops the token
    // Non-special added tokens are always matched.
    const auto catId = idOf(bl, "cat");
    const auto ids = bl.encodeIds("a cat", false, false);
    QVERIFY(std::find(ids.begin(), ids.end(), catId) != ids.end());
}

void TestTokenizerPipeline::bosAndEos()
{
    const core::Tokenizer sp = tiny("sp_byte_fallback");
    QCOMPARE(sp.addedPrefix(), std::vector<std::int32_t> { 1 });
    QVERIFY(sp.addedSuffix().empty());
    QCOMPARE(sp.bosId(), std::optional<std::int32_t>(1));
    QCOMPARE(sp.eosId(), std::optional<std::int32_t>(2));
    QCOMPARE(sp.encodeIds("hi", true).front(), 1);
    QVERIFY(sp.encodeIds("hi", false).front() != 1);

    const core::Tokenizer ms = tiny("metaspace");
    QCOMPARE(ms.addedSuffix(), std::vector<std::int32_t> { 2 });
    QCOMPARE(ms.encodeIds("hi", true).back(), 2);

    const core::Tokenizer l3 = tiny("llama3_split_nfc");
    QCOMPARE(l3.bosId(), l3.tokenId("<|begin_of_text|>"));

    const core::Tokenizer bl = tiny("bytelevel_prefix");
    QCOMPARE(bl.bosId(), std::optional<std::int32_t>());
    QCOMPARE(bl.eosId(), bl.tokenId("<|endoftext|>"));
    QCOMPARE(bl.specialIds(), (std::vector<std::int32_t> { idOf(bl, "<|endoftext|>"), idOf(bl, "<sep>") }));
}

void TestTokenizerPipeline::chatMl()
{
    const std::string text
        = core::formatChat(core::ChatFamily::ChatMl, { { "system", "You are helpful." }, { "user", "Merhaba!" } });
    QCOMPARE(text,
        std::string("<|im_start|>system\nYou are "
                    "helpful.<|im_end|>\n<|im_start|>user\nMerhaba!<|im_end|>\n<|im_start|>assistant\n"));
    QCOMPARE(core::formatChat(core::ChatFamily::ChatMl, { { "user", "x" } }, false),
        std::string("<|im_start|>user\nx<|im_end|>\n"));

    QVERIFY(!core::missingChatTokens(core::ChatFamily::ChatMl, tiny("digits_individual")).empty());
    nlohmann::json j = readJson(tinyDir + "digits_individual.json");
    const int next = tiny("digits_individual").vocabSize() + 10; // clear of the ids written in the file
    j["added_tokens"].push_back({ { "id", next }, { "content", "<|im_start|>" }, { "special", true } });
    j["added_tokens"].push_back({ { "id", next + 1 }, { "content", "<|im_end|>" }, { "special", true } });
    const core::Tokenizer chat = core::Tokenizer::fromJson(j.dump());
    QVERIFY(core::missingChatTokens(core::ChatFamily::ChatMl, chat).empty());
    const auto ids = chat.encodeIds(text, false);
    QCOMPARE(ids.front(), idOf(chat, "<|im_start|>"));
    QCOMPARE(std::count(ids.begin(), ids.end(), idOf(chat, "<|im_end|>")), 2);
    QCOMPARE(chat.decode(ids), text);
}

void TestTokenizerPipeline::mergesInBothForms()
{
    // The same file with "a b" merges and with ["a", "b"] merges encodes identically.
    nlohmann::json strings = readJson(tinyDir + "bytelevel_prefix.json");
    QVERIFY(strings["model"]["merges"][0].is_string());
    nlohmann::json pairs = strings;
    for (auto& m : pairs["model"]["merges"]) {
        const std::string s = m.get<std::string>();
        m = nlohmann::json::array({ s.substr(0, s.find(' ')), s.substr(s.find(' ') + 1) });
    }
    const core::Tokenizer a = core::Tokenizer::fromJson(strings.dump());
    const core::Tokenizer b = core::Tokenizer::fromJson(pairs.dump());
    int merged = 0;
    for (const std::string& s : corpus()) {
        const auto ids = a.encodeIds(s);
        QCOMPARE(b.encodeIds(s), ids);
        merged += ids.size() < s.size();
    }
    QVERIFY(merged > 100); // the merges did something
}

void TestTokenizerPipeline::stripDecoder()
{
    // Strip works per token: up to `start` leading and `stop` trailing copies of the character.
    const nlohmann::json j = nlohmann::json::parse(R"({"version": "1.0", "added_tokens": [],
        "decoder": {"type": "Strip", "content": "x", "start": 2, "stop": 1},
        "model": {"type": "BPE", "vocab": {"x": 0, "a": 1, "xa": 2, "ax": 3, "xxax": 4, "xxxa": 5}, "merges": []}})");
    const core::Tokenizer tok = core::Tokenizer::fromJson(j.dump());
    QCOMPARE(tok.decode(std::vector<std::int32_t> { 0, 1 }), std::string("a"));
    QCOMPARE(tok.decode(std::vector<std::int32_t> { 2, 3 }), std::string("aa"));
    QCOMPARE(tok.decode(std::vector<std::int32_t> { 4 }), std::string("a"));
    QCOMPARE(tok.decode(std::vector<std::int32_t> { 5 }), std::string("xa"));
    QCOMPARE(tok.decode(std::vector<std::int32_t> { 1, 99, -4, 1 }), std::string("aa")); // unknown ids are skipped
}

void TestTokenizerPipeline::megabyteInputs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<std::string>("unit"); // repeated to 1 MiB
    const std::string prose = "The quick brown fox jumps over the lazy dog. Ağaçların yaprakları sararır. "
                              "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C 12345 \xF0\x9F\x98\x80\n";
    // Llama style has no pre-tokenizer: the whole text is one BPE piece of a million symbols.
    QTest::newRow("sentencepiece prose") << "sp_byte_fallback" << prose;
    QTest::newRow("sentencepiece one letter") << "sp_byte_fallback" << std::string("a");
    QTest::newRow("llama3 regex prose") << "llama3_split_nfc" << prose;
    QTest::newRow("llama3 regex one long word") << "llama3_split_nfc" << std::string("\xC4\x9F"); // ğ
    QTest::newRow("gpt2 regex spaces") << "bytelevel_prefix" << std::string(" ");
    QTest::newRow("gpt2 regex digits") << "digits_individual" << std::string("7");
    QTest::newRow("metaspace emoji") << "metaspace" << std::string("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 ");
}

void TestTokenizerPipeline::megabyteInputs()
{
    QFETCH(QString, file);
    QFETCH(std::string, unit);
    const core::Tokenizer tok = tiny(qPrintable(file));
    auto make = [&](std::size_t bytes) {
        std::string s;
        s.reserve(bytes + unit.size());
        while (s.size() < bytes)
            s += unit;
        return s;
    };
    const std::string quarter = make(256 * 1024);
    const std::string full = make(1024 * 1024);
    // Best of three runs each, so a busy machine does not fake a slope.
    auto timed = [&](const std::string& text, core::Encoding& out) {
        qint64 best = -1;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer t;
            t.start();
            out = tok.encode(text, false);
            const qint64 ms = std::max<qint64>(1, t.elapsed());
            best = best < 0 ? ms : std::min(best, ms);
        }
        return best;
    };
    core::Encoding small, big;
    const qint64 tQuarter = timed(quarter, small);
    const qint64 tFull = timed(full, big);
    qInfo("%s: 256 KiB in %lld ms, 1 MiB in %lld ms, %zu tokens", qPrintable(file), tQuarter, tFull, big.ids.size());
    QVERIFY(big.ids.size() >= small.ids.size());
    QCOMPARE(big.spans.size(), big.ids.size());
    QVERIFY(big.spans.back().end <= full.size());
    // About linear: 4x the input may not cost much more than 4x the time (quadratic would be 16x).
    QVERIFY2(
        tFull < 12 * tQuarter + 100, qPrintable(QString("1 MiB took %1 ms, 256 KiB %2 ms").arg(tFull).arg(tQuarter)));
    QVERIFY2(tFull < 30000, "1 MiB took more than 30 s");
    const std::string back = tok.decode(big.ids, true);
    QVERIFY(!back.empty());
}

QTEST_GUILESS_MAIN(TestTokenizerPipeline)
#include "tst_tokenizerpipeline.moc"

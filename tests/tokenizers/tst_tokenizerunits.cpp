// The tokenizer's building blocks on their own: UTF-8 (strict and lossy), NFC, the hand-written Split
// pattern matcher (expected pieces taken from the reference's pre_tokenize_str), byte-level table.
#include "core/common/utf8.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/split_pattern.h"
#include "core/tokenizer/unicode.h"

#include <QTest>

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::u32string)
Q_DECLARE_METATYPE(core::SplitPattern::Kind)

class TestTokenizerUnits : public QObject {
    Q_OBJECT
private slots:
    void lossyUtf8_data();
    void lossyUtf8();
    void strictUtf8_data();
    void strictUtf8();
    void nfc_data();
    void nfc();
    void characterClasses();
    void splitPattern_data();
    void splitPattern();
    void splitPatternRecognisesKnownRegexes();
    void byteLevelTable();
};

void TestTokenizerUnits::lossyUtf8_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<std::string>("expected");
    const std::string r = "\xEF\xBF\xBD";
    // One U+FFFD per maximal ill-formed subpart, as Rust's String::from_utf8_lossy.
    QTest::newRow("valid") << std::string("h\xC3\xA9llo") << std::string("h\xC3\xA9llo");
    QTest::newRow("truncated 3-byte") << std::string("\xE2\x82") << r;
    QTest::newRow("truncated then ascii") << std::string("\xE2\x82x") << r + "x";
    QTest::newRow("lone continuation") << std::string("a\x80z") << "a" + r + "z";
    QTest::newRow("0xFF") << std::string("\xFF") << r;
    QTest::newRow("overlong 2-byte") << std::string("\xC0\xAF") << r + r;
    QTest::newRow("F0 80 is two parts") << std::string("\xF0\x80") << r + r;
    QTest::newRow("surrogate") << std::string("\xED\xA0\x80") << r + r + r;
    QTest::newRow("beyond U+10FFFF") << std::string("\xF4\x90\x80\x80") << r + r + r + r;
    QTest::newRow("truncated 4-byte") << std::string("\xF0\x9F\x98") << r;
}

void TestTokenizerUnits::lossyUtf8()
{
    QFETCH(std::string, bytes);
    QFETCH(std::string, expected);
    QCOMPARE(core::utf8::lossy(bytes), expected);
}

void TestTokenizerUnits::strictUtf8_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<int>("firstInvalid"); // -1: valid
    QTest::newRow("empty") << std::string() << -1;
    QTest::newRow("ascii") << std::string("abc") << -1;
    QTest::newRow("emoji") << std::string("\xF0\x9F\x98\x80") << -1;
    QTest::newRow("max") << std::string("\xF4\x8F\xBF\xBF") << -1;
    QTest::newRow("bad at 2") << std::string("ab\xFF") << 2;
    QTest::newRow("overlong") << std::string("\xE0\x80\xAF") << 0;
    QTest::newRow("surrogate") << std::string("x\xED\xB0\x80") << 1;
    QTest::newRow("truncated") << std::string("xy\xC3") << 2;
}

void TestTokenizerUnits::strictUtf8()
{
    QFETCH(std::string, bytes);
    QFETCH(int, firstInvalid);
    const std::size_t got = core::utf8::firstInvalid(bytes);
    QCOMPARE(got == std::string::npos ? -1 : static_cast<int>(got), firstInvalid);
}

void TestTokenizerUnits::nfc_data()
{
    // Expected values from Python's unicodedata.normalize("NFC", ...).
    QTest::addColumn<std::u32string>("input");
    QTest::addColumn<std::u32string>("expected");
    QTest::newRow("e + acute") << std::u32string(U"e\u0301") << std::u32string(U"\u00E9");
    QTest::newRow("angstrom sign") << std::u32string(U"\u212B") << std::u32string(U"\u00C5");
    QTest::newRow("hangul LVT") << std::u32string(U"\u1100\u1161\u11A8") << std::u32string(U"\uAC01");
    QTest::newRow("hangul LV + T") << std::u32string(U"\uAC00\u11A8") << std::u32string(U"\uAC01");
    QTest::newRow("exclusion stays decomposed") << std::u32string(U"\u0958") << std::u32string(U"\u0915\u093C");
    QTest::newRow("reordering") << std::u32string(U"a\u0315\u0300\u05AE\u0300b")
                                << std::u32string(U"\u00E0\u05AE\u0300\u0315b");
    QTest::newRow("long s dot") << std::u32string(U"\u1E9B\u0323") << std::u32string(U"\u1E9B\u0323");
    QTest::newRow("non-starter decomposition") << std::u32string(U"\u0344") << std::u32string(U"\u0308\u0301");
    QTest::newRow("two marks") << std::u32string(U"A\u030A\u0301") << std::u32string(U"\u01FA");
    QTest::newRow("tibetan") << std::u32string(U"\u0F73") << std::u32string(U"\u0F71\u0F72");
    QTest::newRow("plain") << std::u32string(U"abc") << std::u32string(U"abc");
}

void TestTokenizerUnits::nfc()
{
    QFETCH(std::u32string, input);
    QFETCH(std::u32string, expected);
    std::vector<char32_t> cps(input.begin(), input.end());
    core::unicode::nfc(cps);
    QCOMPARE(std::u32string(cps.begin(), cps.end()), expected);
}

void TestTokenizerUnits::characterClasses()
{
    QVERIFY(core::unicode::isLetter(U'a'));
    QVERIFY(core::unicode::isLetter(U'\u011F')); // ğ
    QVERIFY(core::unicode::isLetter(U'\u4E2D')); // 中
    QVERIFY(!core::unicode::isLetter(U'1'));
    QVERIFY(core::unicode::isNumber(U'\u0663')); // Arabic-Indic 3
    QVERIFY(core::unicode::isNumber(U'\u00BD')); // ½ (No)
    QVERIFY(core::unicode::isNumber(U'\u2162')); // Ⅲ (Nl)
    QVERIFY(core::unicode::isWhitespace(U'\u3000'));
    QVERIFY(core::unicode::isWhitespace(U'\u0085'));
    QVERIFY(core::unicode::isWhitespace(U'\u2028'));
    QVERIFY(!core::unicode::isWhitespace(U'\u200B')); // zero width space is Cf, not \s
    QVERIFY(!core::unicode::isWhitespace(U'\u001C')); // Oniguruma's \s leaves out the file separators
    QVERIFY(!core::unicode::isWhitespace(U'\u180E'));
}

void TestTokenizerUnits::splitPattern_data()
{
    // Piece boundaries in code points, from the reference's pre_tokenize_str with each regex.
    using K = core::SplitPattern::Kind;
    QTest::addColumn<K>("kind");
    QTest::addColumn<std::string>("text");
    QTest::addColumn<QList<int>>("ends");
    QTest::newRow("gpt2 words") << K::Gpt2 << std::string("Hello world") << QList<int> { 5, 11 };
    QTest::newRow("gpt2 contractions are case-sensitive")
        << K::Gpt2 << std::string("I'M here they'll") << QList<int> { 1, 2, 3, 8, 13, 16 };
    QTest::newRow("gpt2 spaces") << K::Gpt2 << std::string("  x  y   ") << QList<int> { 1, 3, 4, 6, 9 };
    QTest::newRow("gpt2 numbers") << K::Gpt2 << std::string("12345 abc") << QList<int> { 5, 9 };
    QTest::newRow("gpt2 newlines") << K::Gpt2 << std::string("a\n\n b") << QList<int> { 1, 3, 5 };
    QTest::newRow("gpt2 punctuation") << K::Gpt2 << std::string("?!\n\nz") << QList<int> { 2, 3, 4, 5 };
    QTest::newRow("gpt2 unicode") << K::Gpt2 << std::string("ğüş İ中文") << QList<int> { 3, 7 };
    QTest::newRow("gpt2 tabs") << K::Gpt2 << std::string("\t\tfoo") << QList<int> { 1, 2, 5 };
    QTest::newRow("gpt2 long s") << K::Gpt2 << std::string("x'ſun") << QList<int> { 1, 2, 5 };
    QTest::newRow("llama3 contractions ignore case")
        << K::Llama3 << std::string("I'M here they'll") << QList<int> { 1, 3, 8, 13, 16 };
    QTest::newRow("llama3 three digits") << K::Llama3 << std::string("12345 abc") << QList<int> { 3, 5, 9 };
    QTest::newRow("llama3 punctuation with newlines") << K::Llama3 << std::string("?!\n\nz") << QList<int> { 4, 5 };
    QTest::newRow("llama3 tab joins word") << K::Llama3 << std::string("\t\tfoo") << QList<int> { 1, 5 };
    QTest::newRow("llama3 long s folds to s") << K::Llama3 << std::string("x'ſun") << QList<int> { 1, 3, 5 };
    QTest::newRow("llama3 spaces") << K::Llama3 << std::string("  x  y   ") << QList<int> { 1, 3, 4, 6, 9 };
    QTest::newRow("qwen2 one digit") << K::Qwen2 << std::string("12345 abc") << QList<int> { 1, 2, 3, 4, 5, 9 };
    QTest::newRow("qwen2 newlines") << K::Qwen2 << std::string("a\n\n b") << QList<int> { 1, 3, 5 };
    QTest::newRow("qwen2 unicode") << K::Qwen2 << std::string("ğüş İ中文") << QList<int> { 3, 7 };
    QTest::newRow("empty") << K::Qwen2 << std::string() << QList<int> {};
}

void TestTokenizerUnits::splitPattern()
{
    QFETCH(core::SplitPattern::Kind, kind);
    QFETCH(std::string, text);
    QFETCH(QList<int>, ends);
    // Byte offset -> code point index.
    std::vector<int> charIndex(text.size() + 1, 0);
    int chars = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        charIndex[pos] = chars;
        pos += core::utf8::validLength(text, pos);
        ++chars;
    }
    charIndex[text.size()] = chars;
    QList<int> got;
    std::size_t last = 0;
    for (const auto& [b, e] : core::SplitPattern::findMatches(kind, text)) {
        QCOMPARE(b, last); // matches cover the text without gaps
        got.append(charIndex[e]);
        last = e;
    }
    QCOMPARE(got, ends);
}

void TestTokenizerUnits::splitPatternRecognisesKnownRegexes()
{
    using K = core::SplitPattern::Kind;
    for (K k : { K::Gpt2, K::Llama3, K::Qwen2 })
        QCOMPARE(core::SplitPattern::recognise(core::SplitPattern::regexOf(k)), std::optional<K>(k));
    QVERIFY(!core::SplitPattern::recognise("\\s+"));
}

void TestTokenizerUnits::byteLevelTable()
{
    QCOMPARE(core::byte_level::charsOf(' '), std::string("\xC4\xA0")); // Ġ
    QCOMPARE(core::byte_level::charsOf('\n'), std::string("\xC4\x8A")); // Ċ
    QCOMPARE(core::byte_level::charsOf('a'), std::string("a"));
    for (int b = 0; b < 256; ++b) {
        std::size_t pos = 0;
        const std::string& c = core::byte_level::charsOf(static_cast<std::uint8_t>(b));
        QCOMPARE(core::byte_level::byteOf(core::utf8::decode(c, pos)), b);
    }
    QCOMPARE(core::byte_level::decode("\xC4\xA0the").value_or("?"), std::string(" the"));
    QVERIFY(!core::byte_level::decode("<|im_end|>\xE4\xB8\xAD").has_value());
}

QTEST_GUILESS_MAIN(TestTokenizerUnits)
#include "tst_tokenizerunits.moc"

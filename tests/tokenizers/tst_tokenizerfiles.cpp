// Files that are not a tokenizer we can run exactly must be refused with a message that names the file and
// the field. Each row patches a small valid tokenizer.json (RFC 7386 merge patch) or writes raw bytes, in a
// temporary folder.
#include "core/common/error.h"
#include "core/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestTokenizerFiles : public QObject {
    Q_OBJECT
private slots:
    void validBaseLoads();
    void badFile_data();
    void badFile();
    void missingFile();
    void invalidUtf8Input();
    void validateAgainstVocab();

private:
    static nlohmann::json base();
    static std::string load(const QByteArray& content);
};

nlohmann::json TestTokenizerFiles::base()
{
    return nlohmann::json::parse(R"({
        "version": "1.0", "truncation": null, "padding": null,
        "added_tokens": [{"id": 5, "content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false}],
        "normalizer": null, "pre_tokenizer": null, "post_processor": null, "decoder": null,
        "model": {"type": "BPE", "byte_fallback": true, "unk_token": null,
                  "vocab": {"a": 0, "b": 1, "ab": 2, "<0x41>": 3, "abb": 4},
                  "merges": ["a b", ["ab", "b"]]}
    })");
}

std::string TestTokenizerFiles::load(const QByteArray& content)
{
    QTemporaryDir dir;
    const QString file = dir.filePath("tokenizer.json");
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return "cannot write test file";
    f.write(content);
    f.close();
    try {
        core::Tokenizer::fromFile(file.toStdString());
    } catch (const core::Error& e) {
        return e.what();
    }
    return "(loaded)";
}

void TestTokenizerFiles::validBaseLoads()
{
    const std::string msg = load(QByteArray::fromStdString(base().dump()));
    QCOMPARE(msg, std::string("(loaded)"));
}

void TestTokenizerFiles::badFile_data()
{
    QTest::addColumn<QByteArray>("raw"); // written as is when not empty
    QTest::addColumn<QByteArray>("patch"); // merge patch on base() otherwise
    QTest::addColumn<QString>("expected"); // the whole message must contain this

    QTest::newRow("empty file") << QByteArray(" ") << QByteArray() << "tokenizer.json: not valid JSON";
    QTest::newRow("not json") << QByteArray("hello") << QByteArray() << "tokenizer.json: not valid JSON";
    QTest::newRow("truncated json") << QByteArray("{\"version\": \"1.0\", \"model\": {") << QByteArray()
                                    << "tokenizer.json: not valid JSON";
    QTest::newRow("invalid utf-8 in file") << QByteArray("{\"version\": \"1.0\", \"x\": \"\xFF\xFE\"}") << QByteArray()
                                           << "tokenizer.json: not valid JSON";
    QTest::newRow("array at top") << QByteArray("[1, 2]") << QByteArray()
                                  << "tokenizer.json: expected a JSON object at the top level, found array";
    QTest::newRow("wrong version") << QByteArray() << QByteArray(R"({"version": "2.0"})")
                                   << "tokenizer.json: version: unsupported version \"2.0\"";
    QTest::newRow("version not a string")
        << QByteArray() << QByteArray(R"({"version": 1})") << "tokenizer.json: version: expected a string";
    QTest::newRow("no model") << QByteArray() << QByteArray(R"({"model": null})") << "tokenizer.json: model: missing";
    QTest::newRow("unknown model type") << QByteArray() << QByteArray(R"({"model": {"type": "Unigram"}})")
                                        << "tokenizer.json: model.type: unsupported model type \"Unigram\"";
    QTest::newRow("vocab not an object") << QByteArray() << QByteArray(R"({"model": {"vocab": [1, 2]}})")
                                         << "tokenizer.json: model.vocab: expected an object";
    QTest::newRow("duplicate id") << QByteArray() << QByteArray(R"({"model": {"vocab": {"c": 1}}})")
                                  << "duplicate id 1";
    QTest::newRow("negative id") << QByteArray() << QByteArray(R"({"model": {"vocab": {"c": -3}}})")
                                 << "tokenizer.json: model.vocab[\"c\"]: id -3 is out of range";
    QTest::newRow("huge id, checked before allocating")
        << QByteArray() << QByteArray(R"({"model": {"vocab": {"c": 1000000000000}}})")
        << "tokenizer.json: model.vocab[\"c\"]: id 1000000000000 is out of range";
    QTest::newRow("merge does not split in two")
        << QByteArray() << QByteArray(R"({"model": {"merges": ["a b", "abb"]}})")
        << "tokenizer.json: model.merges[1]: \"abb\" does not split into two tokens";
    QTest::newRow("merge splits in three")
        << QByteArray() << QByteArray(R"({"model": {"merges": ["a b b"]}})")
        << "tokenizer.json: model.merges[0]: \"a b b\" does not split into two tokens";
    QTest::newRow("merge pair of three") << QByteArray() << QByteArray(R"({"model": {"merges": [["a", "b", "b"]]}})")
                                         << "tokenizer.json: model.merges[0]: expected a pair of tokens";
    QTest::newRow("merge names unknown token")
        << QByteArray() << QByteArray(R"({"model": {"merges": ["a b", "a zz"]}})")
        << "tokenizer.json: model.merges[1]: \"zz\" is not in model.vocab";
    QTest::newRow("merged token not in vocab")
        << QByteArray() << QByteArray(R"({"model": {"merges": ["b a"]}})")
        << "tokenizer.json: model.merges[0]: the merged token \"ba\" is not in model.vocab";
    QTest::newRow("merge not a string") << QByteArray() << QByteArray(R"({"model": {"merges": [7]}})")
                                        << "tokenizer.json: model.merges[0]: expected \"a b\" or [\"a\", \"b\"]";
    QTest::newRow("malformed byte token") << QByteArray() << QByteArray(R"({"model": {"vocab": {"<0xZZ>": 9}}})")
                                          << "tokenizer.json: model.vocab[\"<0xZZ>\"]: malformed byte token";
    QTest::newRow("lower-case byte token") << QByteArray() << QByteArray(R"({"model": {"vocab": {"<0x0a>": 9}}})")
                                           << "tokenizer.json: model.vocab[\"<0x0a>\"]: malformed byte token";
    QTest::newRow("three-digit byte token")
        << QByteArray() << QByteArray(R"({"model": {"vocab": {"<0x100>": 9}}})") << "malformed byte token";
    QTest::newRow("unk not in vocab") << QByteArray() << QByteArray(R"({"model": {"unk_token": "<unk>"}})")
                                      << "tokenizer.json: model.unk_token: \"<unk>\" is not in model.vocab";
    QTest::newRow("added tokens share an id")
        << QByteArray() << QByteArray(R"({"added_tokens": [{"id": 7, "content": "<x>"}, {"id": 7, "content": "<y>"}]})")
        << "tokenizer.json: added_tokens[1].id: duplicate id 7";
    QTest::newRow("added token without content") << QByteArray() << QByteArray(R"({"added_tokens": [{"id": 7}]})")
                                                 << "tokenizer.json: added_tokens[0].content: missing";
    QTest::newRow("unknown Split regex")
        << QByteArray()
        << QByteArray(R"({"pre_tokenizer": {"type": "Split", "pattern": {"Regex": "\\w+"}, "behavior": "Isolated"}})")
        << "tokenizer.json: pre_tokenizer.pattern.Regex: unsupported Split regex \"\\w+\"";
    QTest::newRow("unknown split behavior")
        << QByteArray()
        << QByteArray(R"({"pre_tokenizer": {"type": "Split", "pattern": {"String": "-"}, "behavior": "Sideways"}})")
        << "tokenizer.json: pre_tokenizer.behavior: unknown split behavior \"Sideways\"";
    QTest::newRow("unknown pre-tokenizer in a sequence")
        << QByteArray()
        << QByteArray(
               R"({"pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Digits"}, {"type": "BertPreTokenizer"}]}})")
        << "tokenizer.json: pre_tokenizer.pretokenizers[1].type: unsupported pre-tokenizer type \"BertPreTokenizer\"";
    QTest::newRow("unknown normalizer") << QByteArray() << QByteArray(R"({"normalizer": {"type": "NFKC"}})")
                                        << "tokenizer.json: normalizer.type: unsupported normalizer type \"NFKC\"";
    QTest::newRow("regex Replace normalizer")
        << QByteArray()
        << QByteArray(R"({"normalizer": {"type": "Replace", "pattern": {"Regex": " +"}, "content": " "}})")
        << "tokenizer.json: normalizer.pattern: only {\"String\": ...} patterns are supported";
    QTest::newRow("unknown decoder") << QByteArray() << QByteArray(R"({"decoder": {"type": "WordPiece"}})")
                                     << "tokenizer.json: decoder.type: unsupported decoder type \"WordPiece\"";
    QTest::newRow("strip decoder with two characters")
        << QByteArray() << QByteArray(R"({"decoder": {"type": "Strip", "content": "ab", "start": 1, "stop": 0}})")
        << "tokenizer.json: decoder.content: must be exactly one character";
    QTest::newRow("template names unknown special token")
        << QByteArray()
        << QByteArray(
               R"({"post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<bos>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {}}})")
        << "tokenizer.json: post_processor.single[0].SpecialToken.id: \"<bos>\" is not in special_tokens";
    QTest::newRow("template adds an id that is no token")
        << QByteArray()
        << QByteArray(
               R"({"post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {"<s>": {"id": "<s>", "ids": [99], "tokens": ["<s>"]}}}})")
        << "tokenizer.json: post_processor: adds id 99, which is no token";
    QTest::newRow("unknown post-processor")
        << QByteArray() << QByteArray(R"({"post_processor": {"type": "Mystery"}})")
        << "tokenizer.json: post_processor.type: unsupported post-processor type \"Mystery\"";
}

void TestTokenizerFiles::badFile()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, patch);
    QFETCH(QString, expected);
    QByteArray content = raw;
    if (content.isEmpty()) {
        nlohmann::json j = base();
        j.merge_patch(nlohmann::json::parse(patch.toStdString()));
        content = QByteArray::fromStdString(j.dump());
    }
    const std::string msg = load(content);
    if (msg.find(expected.toStdString()) == std::string::npos)
        QFAIL(qPrintable(QString("message \"%1\" does not contain \"%2\"").arg(QString::fromStdString(msg), expected)));
}

void TestTokenizerFiles::missingFile()
{
    try {
        core::Tokenizer::fromFile("/nonexistent/folder/tokenizer.json");
        QFAIL("loaded a missing file");
    } catch (const core::Error& e) {
        QCOMPARE(
            QString(e.what()), QString("/nonexistent/folder/tokenizer.json: cannot open: No such file or directory"));
    }
}

void TestTokenizerFiles::invalidUtf8Input()
{
    const core::Tokenizer tok = core::Tokenizer::fromJson(base().dump());
    try {
        tok.encode("ab\xC3(", false);
        QFAIL("encoded invalid UTF-8");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()), QString("input: invalid UTF-8 at byte 2"));
    }
}

void TestTokenizerFiles::validateAgainstVocab()
{
    const core::Tokenizer tok = core::Tokenizer::fromJson(base().dump());
    QCOMPARE(tok.vocabSize(), 6); // ids 0..4 in the vocab, "<s>" is 5
    tok.validateAgainstVocab(6); // must not throw
    try {
        tok.validateAgainstVocab(5);
        QFAIL("accepted an id beyond the embedding rows");
    } catch (const core::Error& e) {
        QCOMPARE(QString(e.what()),
            QString("tokenizer.json: added_tokens[0].id: token \"<s>\" has id 5, beyond the model's 5 embedding rows "
                    "(ids must be < 5)"));
    }
    try {
        tok.validateAgainstVocab(3);
        QFAIL("accepted an id beyond the embedding rows");
    } catch (const core::Error& e) {
        QVERIFY(std::string(e.what()).find("beyond the model's 3 embedding rows") != std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestTokenizerFiles)
#include "tst_tokenizerfiles.moc"

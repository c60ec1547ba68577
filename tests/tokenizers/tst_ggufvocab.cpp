// The tokenizers stored in GGUF files (../shared/fixtures/gguf/vocab, from llama.cpp's models/ folder) reproduce
// llama.cpp's token ids for every test string (test-tokenizer-0 convention: no BOS, special tokens not parsed).
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/tokenizer/gguf_vocab.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/vocab/";

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The .inp file: texts separated by "\n__ggml_vocab_test__\n" (the last one followed by it too).
std::vector<std::string> splitTexts(const std::string& all)
{
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t next = all.find(sep, pos);
        if (next == std::string::npos)
            break;
        out.push_back(all.substr(pos, next - pos));
        pos = next + sep.size();
    }
    return out;
}

std::vector<std::vector<std::int32_t>> readIds(const std::string& all)
{
    std::vector<std::vector<std::int32_t>> out;
    std::istringstream lines(all);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream ids(line);
        std::vector<std::int32_t> v;
        std::int32_t id;
        while (ids >> id)
            v.push_back(id);
        out.push_back(v);
    }
    return out;
}

std::string join(const std::vector<std::int32_t>& ids)
{
    std::string s;
    for (auto id : ids)
        s += (s.empty() ? "" : " ") + std::to_string(id);
    return s;
}

// A vocab-only GGUF with the given tokenizer keys (raw little-endian bytes).
std::string u32(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string u64(std::uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }
std::string str(const std::string& s) { return u64(s.size()) + s; }
std::string strArray(const std::vector<std::string>& items)
{
    std::string s = u32(8) + u64(items.size());
    for (const auto& i : items)
        s += str(i);
    return s;
}

} // namespace

class TestGgufVocab : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string writeGguf(const std::vector<std::pair<std::string, std::string>>& kvs)
    {
        std::string s = "GGUF" + u32(3) + u64(0) + u64(kvs.size());
        for (const auto& [k, v] : kvs)
            s += str(k) + v;
        const std::string path = m_dir.filePath("v.gguf").toStdString();
        std::ofstream(path, std::ios::binary).write(s.data(), std::streamsize(s.size()));
        return path;
    }
    void expectError(const std::vector<std::pair<std::string, std::string>>& kvs, const std::string& field)
    {
        const std::string path = writeGguf(kvs);
        try {
            core::tokenizerFromGguf(path);
            QFAIL("no error");
        } catch (const core::Error& e) {
            QVERIFY2(e.file() == path && e.field() == field, e.what());
        }
    }

private slots:
    void reproducesLlamaCpp_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : { "llama-spm", "phi-3", "gpt-2", "deepseek-coder" })
            QTest::newRow(n) << QString(n);
    }
    void reproducesLlamaCpp()
    {
        QFETCH(QString, name);
        const std::string base = kDir + "ggml-vocab-" + name.toStdString() + ".gguf";
        const auto texts = splitTexts(readAll(base + ".inp"));
        const auto expected = readIds(readAll(base + ".out"));
        QCOMPARE(texts.size(), expected.size());
        const core::Tokenizer tok = core::tokenizerFromGguf(base);
        int mismatches = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const auto got = tok.encodeIds(texts[i], false, false);
            if (got != expected[i]) {
                ++mismatches;
                qWarning("text %zu \"%s\":\n  got  %s\n  want %s", i, texts[i].c_str(), join(got).c_str(),
                    join(expected[i]).c_str());
            }
        }
        qInfo("%s: %zu texts, %d differ", qPrintable(name), texts.size(), mismatches);
        QCOMPARE(mismatches, 0);
    }

    void specialIdsAndFlags()
    {
        core::GgufFile f(kDir + "ggml-vocab-llama-spm.gguf");
        const core::GgufVocab v = core::readGgufVocab(f);
        QCOMPARE(*v.bos, 1);
        QCOMPARE(*v.eos, 2);
        QVERIFY(v.addBos && !v.addEos);
        const core::Tokenizer tok = core::tokenizerFromGguf(f);
        const auto ids = tok.encodeIds("Hello world");
        QCOMPARE(ids, (std::vector<std::int32_t> { 1, 15043, 3186 })); // BOS added
        QCOMPARE(tok.decode(ids, true), std::string("Hello world"));
        QVERIFY(tok.isSpecial(1));
        const auto phi = core::tokenizerFromGguf(kDir + "ggml-vocab-phi-3.gguf");
        QCOMPARE(*phi.eosId(), 32000); // no suffix: the special token "<|endoftext|>"
    }

    void badVocabularies()
    {
        const std::string model = u32(8) + str("llama");
        const std::string tokens = u32(9) + strArray({ "<unk>", "a", "b" });
        const std::string twoScores = u32(9) + u32(6) + u64(2) + u32(0) + u32(0);
        expectError({ { "tokenizer.ggml.model", model } }, "metadata.tokenizer.ggml.tokens");
        expectError({ { "tokenizer.ggml.model", u32(8) + str("bert") }, { "tokenizer.ggml.tokens", tokens } },
            "metadata.tokenizer.ggml.model");
        expectError(
            { { "tokenizer.ggml.model", model }, { "tokenizer.ggml.tokens", u32(9) + strArray({ "a", "\xC3" }) } },
            "metadata.tokenizer.ggml.tokens[1]");
        expectError({ { "tokenizer.ggml.model", model }, { "tokenizer.ggml.tokens", tokens },
                        { "tokenizer.ggml.scores", twoScores } },
            "metadata.tokenizer.ggml.scores");
        expectError({ { "tokenizer.ggml.model", model }, { "tokenizer.ggml.tokens", tokens },
                        { "tokenizer.ggml.bos_token_id", u32(4) + u32(3) } },
            "metadata.tokenizer.ggml.bos_token_id");
        expectError({ { "tokenizer.ggml.model", u32(8) + str("gpt2") }, { "tokenizer.ggml.tokens", tokens },
                        { "tokenizer.ggml.merges", u32(9) + strArray({ "a c" }) } },
            "metadata.tokenizer.ggml.merges[0]");
        expectError(
            { { "tokenizer.ggml.model", u32(8) + str("gpt2") }, { "tokenizer.ggml.pre", u32(8) + str("starcoder") },
                { "tokenizer.ggml.tokens", u32(9) + strArray({ "a", "b", "ab" }) },
                { "tokenizer.ggml.merges", u32(9) + strArray({ "a b" }) } },
            "metadata.tokenizer.ggml.pre");
    }
};

QTEST_APPLESS_MAIN(TestGgufVocab)
#include "tst_ggufvocab.moc"

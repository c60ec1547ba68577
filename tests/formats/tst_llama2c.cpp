// llama2.c's model.bin and tokenizer.bin: the fixture checkpoint holds the same weights as the GGUF F32 file (both
// keep llama's interleaved RoPE rows), and its tokenizer encodes like the Hugging Face tokenizer.json of the same
// model. Every bad header field, a truncated file and token lengths past the end get an error naming file and field.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/llama2c/llama2c_file.h"
#include "core/tokenizer/llama2c_vocab.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";

std::string i32(std::int32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string f32(float v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

// A tiny valid model.bin: dim 8, hidden 16, 1 layer, 2 heads, 1 kv head, vocab +-4, seq_len 4.
std::string tinyModel(std::vector<std::int32_t> header = { 8, 16, 1, 2, 1, -4, 4 })
{
    std::string s;
    for (auto v : header)
        s += i32(v);
    const std::size_t floats = 4 * 8 + 8 + 8 * 8 + 4 * 8 * 2 + 8 * 8 + 8 + 16 * 8 * 3 + 8 + 4 * 2 * 2 + 4 * 8;
    for (std::size_t i = 0; i < floats; ++i)
        s += f32(float(i));
    return s;
}
} // namespace

class TestLlama2c : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string write(const std::string& name, const std::string& bytes)
    {
        const std::string path = m_dir.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
        return path;
    }
    template <typename Fn> void expectError(Fn fn, const std::string& path, const std::string& field)
    {
        try {
            fn();
            QFAIL(("no error, expected one on " + field).c_str());
        } catch (const core::Error& e) {
            QVERIFY2(e.file() == path && e.field() == field, e.what());
        }
    }

private slots:
    void fixtureEqualsGguf()
    {
        core::Llama2cSource bin(kDir + "model.bin");
        const core::Llama2cConfig& c = bin.config();
        QCOMPARE(c.dim, 256);
        QCOMPARE(c.hiddenDim, 512);
        QCOMPARE(c.nLayers, 2);
        QCOMPARE(c.nHeads, 4);
        QCOMPARE(c.nKvHeads, 2);
        QCOMPARE(c.vocabSize, 1024);
        QCOMPARE(c.seqLen, 256);
        QVERIFY(!c.sharedClassifier);
        core::GgufSource gguf(kDir + "model-F32.gguf");
        QCOMPARE(bin.tensors().size(), gguf.tensors().size());
        for (const auto& t : bin.tensors()) {
            const core::SourceTensor* g = gguf.find(t.name);
            QVERIFY2(g, t.name.c_str());
            QCOMPARE(t.shape, g->shape);
            QCOMPARE(t.bytes, g->bytes);
            QVERIFY2(std::memcmp(t.data, g->data, t.bytes) == 0, t.name.c_str()); // bit for bit
        }
    }

    void tokenizerMatchesHf()
    {
        const core::Tokenizer bin = core::tokenizerFromLlama2c(kDir + "tokenizer.bin", 1024);
        const core::Tokenizer hf = core::Tokenizer::fromFile(kDir + "hf/tokenizer.json");
        for (const char* text : { "Once upon a time", " two  spaces", "héllo wörld\n", "", "x" }) {
            QCOMPARE(bin.encodeIds(text), hf.encodeIds(text));
            QCOMPARE(bin.decode(bin.encodeIds(text), true), std::string(text));
        }
        QCOMPARE(*bin.bosId(), 1);
        QCOMPARE(*bin.eosId(), 2);
    }

    void tinyModelNames()
    {
        core::Llama2cSource s(write("model.bin", tinyModel()));
        QCOMPARE(int(s.tensors().size()), 1 + 9 + 1 + 1);
        QCOMPARE(s.find("blk.0.attn_k.weight")->shape, (std::vector<std::int64_t> { 4, 8 }));
        QCOMPARE(s.find("blk.0.ffn_down.weight")->shape, (std::vector<std::int64_t> { 8, 16 }));
        QCOMPARE(core::toFloat(*s.find("token_embd.weight"))[1], 1.0f);
        QCOMPARE(core::toFloat(*s.find("blk.0.attn_norm.weight"))[0], 32.0f);
        // tied: no output.weight, and the 32 floats of wcls are not needed
        std::string tied = tinyModel({ 8, 16, 1, 2, 1, 4, 4 });
        core::Llama2cSource t(write("model.bin", tied.substr(0, tied.size() - 32 * 4)));
        QVERIFY(!t.find("output.weight"));
    }

    void badHeader_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("dim 0") << 0 << 0 << "header.dim";
        QTest::newRow("dim negative") << 0 << -8 << "header.dim";
        QTest::newRow("hidden 0") << 1 << 0 << "header.hidden_dim";
        QTest::newRow("layers negative") << 2 << -1 << "header.n_layers";
        QTest::newRow("heads 0") << 3 << 0 << "header.n_heads";
        QTest::newRow("heads not dividing dim") << 3 << 3 << "header.n_heads";
        QTest::newRow("kv heads 0") << 4 << 0 << "header.n_kv_heads";
        QTest::newRow("kv heads not dividing") << 4 << 3 << "header.n_kv_heads";
        QTest::newRow("vocab 0") << 5 << 0 << "header.vocab_size";
        QTest::newRow("seq_len 0") << 6 << 0 << "header.seq_len";
        QTest::newRow("vocab huge: truncated") << 5 << -2000000000 << "weights.token_embedding_table";
        QTest::newRow("layers huge: truncated") << 2 << 2000000000 << "weights.rms_att_weight";
    }
    void badHeader()
    {
        QFETCH(int, index);
        QFETCH(int, value);
        QFETCH(QString, field);
        std::vector<std::int32_t> h { 8, 16, 1, 2, 1, -4, 4 };
        h[std::size_t(index)] = value;
        const std::string path = write("model.bin", tinyModel(h));
        expectError([&] { core::Llama2cSource s(path); }, path, field.toStdString());
    }
    void sizesOverflow()
    {
        // n_layers * dim * 4 bytes is past 2^48 (and n_layers * dim * dim wraps 64 bits); the embedding table alone
        // would merely not fit
        const std::string path = write("model.bin", tinyModel({ 2000000000, 16, 2000000000, 1, 1, 4, 4 }));
        expectError([&] { core::Llama2cSource s(path); }, path, "weights.rms_att_weight");
        // vocab * dim * 4 bytes is past any real file (2^62)
        const std::string p2 = write("model.bin", tinyModel({ 2000000000, 16, 1, 1, 1, -2000000000, 4 }));
        expectError([&] { core::Llama2cSource s(p2); }, p2, "weights.token_embedding_table");
    }
    void truncatedModel()
    {
        const std::string full = tinyModel();
        const std::string path = write("model.bin", full.substr(0, full.size() - 4));
        expectError([&] { core::Llama2cSource s(path); }, path, "weights.wcls");
        const std::string p2 = write("model.bin", full.substr(0, 20));
        expectError([&] { core::Llama2cSource s(p2); }, p2, "header");
    }

    void badTokenizer()
    {
        const std::string ok = i32(8) + f32(0) + i32(5) + "<unk>" + f32(0) + i32(3) + "<s>";
        expectError([&] { core::readLlama2cVocab(write("tokenizer.bin", ok), 4); },
            m_dir.filePath("tokenizer.bin").toStdString(), "tokens"); // 4 tokens cannot fit in 28 bytes
        const std::string past = i32(8) + f32(0) + i32(100) + "abc" + std::string(20, 'x');
        const std::string p = write("tokenizer.bin", past);
        expectError([&] { core::readLlama2cVocab(p, 2); }, p, "tokens[0].length");
        const std::string negative = i32(8) + f32(0) + i32(-1) + std::string(20, 'x');
        const std::string p2 = write("tokenizer.bin", negative);
        expectError([&] { core::readLlama2cVocab(p2, 2); }, p2, "tokens[0].length");
        const std::string truncated = i32(8) + f32(0) + i32(1) + "a" + f32(0) + std::string(11, 'x');
        const std::string p3 = write("tokenizer.bin", truncated);
        expectError([&] { core::readLlama2cVocab(p3, 2); }, p3, "tokens[1].length");
        const std::string badUtf8 = i32(8) + f32(0) + i32(5) + "<unk>" + f32(0) + i32(3) + "<s>" + f32(0) + i32(4)
            + "</s>" + f32(0) + i32(1) + "\xC3";
        const std::string p5 = write("tokenizer.bin", badUtf8);
        expectError([&] { core::tokenizerFromLlama2c(p5, 4); }, p5, "tokens[3]");
        const std::string p4 = write("tokenizer.bin", i32(-3) + std::string(40, 'x'));
        expectError([&] { core::readLlama2cVocab(p4, 2); }, p4, "max_token_length");
    }
};

QTEST_APPLESS_MAIN(TestLlama2c)
#include "tst_llama2c.moc"

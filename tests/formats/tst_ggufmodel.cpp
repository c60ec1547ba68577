// GGUF hyper-parameters onto the config fields, and the RoPE row order: the fixture's GGUF attn_q / attn_k, put back
// in rotate-half order, equal the Hugging Face q_proj / k_proj bit for bit. Bad hyper-parameters name their key.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/safetensors_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";

std::string u32(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string u64(std::uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }
std::string str(const std::string& s) { return u64(s.size()) + s; }
std::string kvU32(const std::string& k, std::uint32_t v) { return str(k) + u32(4) + u32(v); }
} // namespace

class TestGgufModel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // A tensor-less GGUF: architecture "llama" with the given overrides of a valid hyper-parameter set.
    std::string writeLlama(std::map<std::string, std::uint32_t> overrides)
    {
        std::map<std::string, std::uint32_t> kv { { "llama.embedding_length", 64 }, { "llama.block_count", 2 },
            { "llama.feed_forward_length", 128 }, { "llama.attention.head_count", 4 },
            { "llama.attention.head_count_kv", 2 }, { "llama.context_length", 128 } };
        for (auto& [k, v] : overrides)
            kv[k] = v;
        std::string body = str("general.architecture") + u32(8) + str("llama");
        for (auto& [k, v] : kv)
            body += kvU32(k, v);
        const std::string s = "GGUF" + u32(3) + u64(0) + u64(kv.size() + 1) + body;
        const std::string path = m_dir.filePath("m.gguf").toStdString();
        std::ofstream(path, std::ios::binary | std::ios::trunc).write(s.data(), std::streamsize(s.size()));
        return path;
    }

private slots:
    void fixtureHyperParams()
    {
        core::GgufFile f(kDir + "model-Q4_K_M.gguf");
        const core::GgufHyperParams p = core::readGgufHyperParams(f);
        QCOMPARE(p.architecture, std::string("llama"));
        QCOMPARE(p.vocab, 1024);
        QCOMPARE(p.dim, 256);
        QCOMPARE(p.hidden, 512);
        QCOMPARE(p.nLayers, 2);
        QCOMPARE(p.nHeads, 4);
        QCOMPARE(p.nKvHeads, 2);
        QCOMPARE(p.headDim, 64);
        QCOMPARE(p.ropeDim, 64);
        QCOMPARE(p.maxPositions, 256);
        QCOMPARE(p.ropeTheta, 10000.0);
        QCOMPARE(float(p.normEps), 1e-5f);
        QVERIFY(p.rmsNorm);
        QVERIFY(!p.tiedEmbeddings);
        QVERIFY(!p.qkvBias);
        QCOMPARE(p.bosId, 1);
        QCOMPARE(p.eosIds, std::vector<int> { 2 });
        const auto gpt2 = core::readGgufHyperParams(core::GgufFile(IE_GGUF_FIXTURES "/vocab/ggml-vocab-gpt-2.gguf"));
        QVERIFY(!gpt2.rmsNorm);
        QCOMPARE(gpt2.nKvHeads, 12);
        QCOMPARE(gpt2.vocab, 50257);
    }

    void ropeRowsBackToHf()
    {
        core::GgufSource gguf(kDir + "model-F32.gguf");
        core::SafetensorsFile hf(kDir + "hf/model.safetensors");
        struct Case {
            const char* gguf;
            const char* hf;
            int heads;
        };
        for (const Case c : { Case { "blk.0.attn_q.weight", "model.layers.0.self_attn.q_proj.weight", 4 },
                 Case { "blk.1.attn_k.weight", "model.layers.1.self_attn.k_proj.weight", 2 } }) {
            const core::SourceTensor* g = gguf.find(c.gguf);
            const auto* h = hf.find(c.hf);
            QVERIFY(g && h);
            QCOMPARE(g->shape, h->shape);
            const std::vector<float> stored = core::toFloat(*g);
            const std::vector<float> want = hf.toFloat(*h);
            const std::vector<float> back = core::unpermuteRopeRows(stored, g->shape[0], g->shape[1], c.heads);
            QVERIFY2(std::memcmp(back.data(), want.data(), want.size() * 4) == 0, c.gguf);
            QVERIFY(std::memcmp(stored.data(), want.data(), want.size() * 4) != 0); // the order really differs
            std::vector<float> again(back.size());
            core::permuteRopeRows(back, again, g->shape[0], g->shape[1], c.heads);
            QVERIFY(again == stored);
        }
    }

    void badHyperParams_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<uint>("value");
        QTest::newRow("head_count 0") << "llama.attention.head_count" << 0u;
        QTest::newRow("block_count absurd") << "llama.block_count" << 1000000u;
        QTest::newRow("embedding 0") << "llama.embedding_length" << 0u;
        QTest::newRow("kv heads not dividing") << "llama.attention.head_count_kv" << 3u;
        QTest::newRow("heads not dividing dim") << "llama.attention.head_count" << 5u;
        QTest::newRow("vocab absurd") << "llama.vocab_size" << 0xFFFFFFFFu;
    }
    void badHyperParams()
    {
        QFETCH(QString, key);
        QFETCH(uint, value);
        const std::string path = writeLlama({ { key.toStdString(), value } });
        core::GgufFile f(path);
        try {
            core::readGgufHyperParams(f);
            QFAIL("no error");
        } catch (const core::Error& e) {
            QVERIFY2(e.file() == path && e.field().rfind("metadata.llama.", 0) == 0, e.what());
            if (!key.contains("head_count"))
                QCOMPARE(QString::fromStdString(e.field()), "metadata." + key);
        }
    }
    void missingKeys()
    {
        std::string s = "GGUF" + u32(3) + u64(0) + u64(1) + kvU32("llama.block_count", 2);
        const std::string path = m_dir.filePath("n.gguf").toStdString();
        std::ofstream(path, std::ios::binary).write(s.data(), std::streamsize(s.size()));
        try {
            core::readGgufHyperParams(core::GgufFile(path));
            QFAIL("no error");
        } catch (const core::Error& e) {
            QCOMPARE(e.field(), std::string("metadata.general.architecture"));
        }
        const std::string ok = writeLlama({});
        QCOMPARE(core::readGgufHyperParams(core::GgufFile(ok)).headDim, 16);
    }
};

QTEST_APPLESS_MAIN(TestGgufModel)
#include "tst_ggufmodel.moc"

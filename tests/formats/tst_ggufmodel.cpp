// GGUF hyper-parameters onto the config fields, and the RoPE row order: the fixture's GGUF attn_q / attn_k, put back
// in rotate-half order, equal the Hugging Face q_proj / k_proj bit for bit. Bad hyper-parameters name their key.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/gguf/gguf_model.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/gguf/rotate_half_source.h"
#include "core/formats/llama2c/llama2c_file.h"
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

    // Through RotateHalfSource, every tensor of the GGUF F32 file and of model.bin equals the HF folder's under the
    // GGUF -> HF names, bit for bit; a quantized file's q / k come out as F32 in rotate-half order.
    void rotateHalfSourceEqualsHf()
    {
        core::SafetensorsFile hf(kDir + "hf/model.safetensors");
        const std::pair<const char*, const char*> names[] = { { "token_embd.weight", "model.embed_tokens.weight" },
            { "output_norm.weight", "model.norm.weight" }, { "output.weight", "lm_head.weight" },
            { "attn_norm.weight", "input_layernorm.weight" }, { "attn_q.weight", "self_attn.q_proj.weight" },
            { "attn_k.weight", "self_attn.k_proj.weight" }, { "attn_v.weight", "self_attn.v_proj.weight" },
            { "attn_output.weight", "self_attn.o_proj.weight" },
            { "ffn_norm.weight", "post_attention_layernorm.weight" }, { "ffn_gate.weight", "mlp.gate_proj.weight" },
            { "ffn_up.weight", "mlp.up_proj.weight" }, { "ffn_down.weight", "mlp.down_proj.weight" } };
        auto hfName = [&](const std::string& gguf) -> std::string {
            for (const auto& [g, h] : names) {
                if (gguf == g)
                    return h;
                const std::string suffix = std::string(".") + g;
                if (gguf.rfind("blk.", 0) == 0 && gguf.size() > suffix.size()
                    && gguf.compare(gguf.size() - suffix.size(), suffix.size(), suffix) == 0)
                    return "model.layers." + gguf.substr(4, gguf.size() - suffix.size() - 4) + "." + h;
            }
            return {};
        };
        std::vector<std::unique_ptr<core::TensorSource>> sources;
        sources.push_back(std::make_unique<core::GgufSource>(kDir + "model-F32.gguf"));
        sources.push_back(std::make_unique<core::Llama2cSource>(kDir + "model.bin"));
        for (auto& inner : sources) {
            core::RotateHalfSource source(std::move(inner), 4, 2);
            QCOMPARE(source.tensors().size(), hf.tensors().size());
            for (const auto& t : source.tensors()) {
                const auto* h = hf.find(hfName(t.name));
                QVERIFY2(h, t.name.c_str());
                QCOMPARE(t.shape, h->shape);
                const std::vector<float> want = hf.toFloat(*h);
                QVERIFY2(t.bytes == want.size() * 4 && std::memcmp(t.data, want.data(), t.bytes) == 0, t.name.c_str());
            }
        }
        core::RotateHalfSource q8(std::make_unique<core::GgufSource>(kDir + "model-Q8_0.gguf"), 4, 2);
        const core::SourceTensor* q = q8.find("blk.0.attn_q.weight");
        QVERIFY(q->dtype == core::DType::Q8_0); // rows re-ordered as whole rows of blocks, still Q8_0
        QVERIFY(q8.find("blk.0.attn_v.weight")->dtype == core::DType::Q8_0); // passed through
        const auto hfq = hf.toFloat(*hf.find("model.layers.0.self_attn.q_proj.weight"));
        const auto got = core::toFloat(*q);
        double maxDiff = 0;
        for (std::size_t i = 0; i < got.size(); ++i)
            maxDiff = std::max(maxDiff, std::abs(double(got[i]) - double(hfq[i])));
        qInfo("Q8_0 attn_q (rotate-half) vs HF F32: max |diff| %g", maxDiff);
        QVERIFY(maxDiff < 2e-3); // half a Q8_0 step of weights ~0.05 * 4
        QVERIFY(core::ggufNeedsRotateHalf("llama") && !core::ggufNeedsRotateHalf("qwen2"));
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

// Our quantizers and our GGUF exporter against llama.cpp's llama-quantize (the fixture files it wrote from the same
// F32 weights): Q4_K and Q6_K blocks byte for byte, the Q4_K_M type mixture tensor by tensor, the whole exported
// file's tensors byte for byte; the fallback llama-quantize takes for rows that are not a multiple of 256; and every
// writer's blocks, dequantized by the reference dequantizer, close to the values they were made from.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/quant/dequantize.h"
#include "core/formats/quant/quantize.h"
#include "core/loader/export_gguf.h"
#include "core/loader/gguf_quant_mixture.h"
#include "core/loader/loaded_model.h"
#include "core/model/random_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

using core::DType;
using core::GgufFileType;
using core::WeightRole;

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";
}

class TestQuantize : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // Every Q4_K and Q6_K tensor llama-quantize wrote, re-quantized by us from the F32 file's values.
    void kQuantBlocksEqualLlamaQuantize_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("Q4_K_M") << QStringLiteral("model-Q4_K_M.gguf");
        QTest::newRow("Q6_K") << QStringLiteral("model-Q6_K.gguf");
    }
    void kQuantBlocksEqualLlamaQuantize()
    {
        QFETCH(QString, file);
        const core::GgufSource f32(kDir + "model-F32.gguf");
        const core::GgufSource theirs(kDir + file.toStdString());
        int tensors = 0;
        std::int64_t blocks = 0, differing = 0;
        for (const core::SourceTensor& t : theirs.tensors()) {
            if (t.dtype != DType::Q4_K && t.dtype != DType::Q6_K)
                continue;
            const std::vector<float> values = core::toFloat(*f32.find(t.name));
            const std::vector<std::uint8_t> ours = core::quant::quantize(t.dtype, values.data(), t.numel());
            QCOMPARE(ours.size(), std::size_t(t.bytes));
            const std::int64_t size = core::blockBytes(t.dtype);
            for (std::int64_t b = 0; b < std::int64_t(ours.size()) / size; ++b, ++blocks)
                differing += std::memcmp(ours.data() + b * size, t.data + b * size, std::size_t(size)) != 0;
            ++tensors;
        }
        qInfo("%s: %d k-quant tensors, %lld blocks, %lld differ from llama-quantize's", qPrintable(file), tensors,
            (long long)blocks, (long long)differing);
        QVERIFY(tensors >= 4);
        QCOMPARE(differing, 0LL);
    }

    // The Hugging Face folder exported by us as Q8_0 and Q4_K_M: the tensors (names, types, bytes) of the files
    // llama-quantize made from the same weights. Checks the mixture, the writers and the RoPE row order at once.
    void exportEqualsLlamaQuantize_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("file");
        QTest::newRow("Q8_0") << int(GgufFileType::Q8_0) << QStringLiteral("model-Q8_0.gguf");
        QTest::newRow("Q4_K_M") << int(GgufFileType::Q4_K_M) << QStringLiteral("model-Q4_K_M.gguf");
    }
    void exportEqualsLlamaQuantize()
    {
        QFETCH(int, type);
        QFETCH(QString, file);
        const auto hf = core::openModel(kDir + "hf");
        const std::string path = m_dir.filePath(file).toStdString();
        const core::GgufExport report = core::exportGguf(*hf->model, path, GgufFileType(type));
        QCOMPARE(report.vocabulary.rfind("placeholder", 0), 0ul); // the fixture's tokenizer is not byte-level
        const core::GgufSource ours(path);
        const core::GgufSource theirs(kDir + file.toStdString());
        QCOMPARE(ours.tensors().size(), theirs.tensors().size());
        for (const core::SourceTensor& t : theirs.tensors()) {
            const core::SourceTensor* o = ours.find(t.name);
            QVERIFY2(o, t.name.c_str());
            QVERIFY2(o->dtype == t.dtype,
                (t.name + ": ours " + core::dtypeName(o->dtype) + ", llama-quantize's " + core::dtypeName(t.dtype))
                    .c_str());
            QCOMPARE(o->shape, t.shape);
            QVERIFY2(o->bytes == t.bytes && std::memcmp(o->data, t.data, t.bytes) == 0, t.name.c_str());
        }
        QCOMPARE(ours.file().getUInt("general.file_type"), theirs.file().getUInt("general.file_type"));
    }

    // A 128-wide model (tiny-llama: dim 128, FFN 352, 4 layers, tied embeddings) under Q4_K_M: no row is a
    // multiple of 256, so every k-quant falls back as llama-quantize's does.
    void q4KmFallback_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("layer");
        QTest::addColumn<qint64>("rowLength");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("fallback");
        const auto row = [](const char* name, WeightRole r, int layer, qint64 n, bool tied, DType t, bool fb) {
            QTest::newRow(name) << int(r) << layer << n << tied << int(t) << fb;
        };
        row("attn_q 128 -> Q5_0", WeightRole::Q, 0, 128, true, DType::Q5_0, true);
        row("ffn_down layer 0 (Q4_K) -> Q5_0", WeightRole::Down, 0, 352, true, DType::Q5_0, true);
        row("ffn_down layer 2 (Q6_K) -> Q8_0", WeightRole::Down, 2, 352, true, DType::Q8_0, true);
        row("attn_v layer 3 (Q6_K) -> Q8_0", WeightRole::V, 3, 128, true, DType::Q8_0, true);
        row("attn_v layer 1 (Q4_K) -> Q5_0", WeightRole::V, 1, 128, true, DType::Q5_0, true);
        row("tied token_embd is the head: Q8_0", WeightRole::TokenEmbedding, -1, 128, true, DType::Q8_0, false);
        row("untied token_embd -> Q5_0", WeightRole::TokenEmbedding, -1, 128, false, DType::Q5_0, true);
        row("attn_q 256 stays Q4_K", WeightRole::Q, 0, 256, false, DType::Q4_K, false);
        row("output 256 is Q6_K", WeightRole::LmHead, -1, 256, false, DType::Q6_K, false);
        row("row of 100: F16", WeightRole::Up, 0, 100, false, DType::F16, true);
    }
    void q4KmFallback()
    {
        QFETCH(int, role);
        QFETCH(int, layer);
        QFETCH(qint64, rowLength);
        QFETCH(bool, tied);
        QFETCH(int, type);
        QFETCH(bool, fallback);
        const core::MixtureChoice c
            = core::ggufMatrixType(GgufFileType::Q4_K_M, WeightRole(role), layer, 4, rowLength, tied);
        QCOMPARE(core::dtypeName(c.type), core::dtypeName(DType(type)));
        QCOMPARE(c.fallback, fallback);
    }

    // GPT-2's fused attn_qkv is Q5_K in Q4_K_M, a type we do not write: refused by name, never written as another.
    void unwrittenTypeIsRefused()
    {
        core::RandomModelSpec spec;
        spec.arch = "gpt2";
        spec.dim = 256;
        spec.layers = 1;
        spec.vocab = 256;
        spec.context = 16;
        const std::string folder = m_dir.filePath(QStringLiteral("gpt2")).toStdString();
        core::writeRandomModel(spec, folder);
        const auto m = core::openModel(folder);
        const std::string out = m_dir.filePath(QStringLiteral("gpt2.gguf")).toStdString();
        try {
            core::exportGguf(*m->model, out, GgufFileType::Q4_K_M);
            QFAIL("no error");
        } catch (const core::Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("blk.0.attn_qkv.weight") != std::string::npos && what.find("Q5_K") != std::string::npos,
                e.what());
        }
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }

    // Each writer on random values: the reference dequantizer gives them back within the format's resolution.
    void writersRoundTrip_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<double>("maxRelativeRms"); // rms error / rms of the values
        QTest::newRow("Q8_0") << int(DType::Q8_0) << 0.01;
        QTest::newRow("Q6_K") << int(DType::Q6_K) << 0.03;
        QTest::newRow("Q5_0") << int(DType::Q5_0) << 0.05;
        QTest::newRow("Q4_0") << int(DType::Q4_0) << 0.12;
        QTest::newRow("Q4_K") << int(DType::Q4_K) << 0.12;
    }
    void writersRoundTrip()
    {
        QFETCH(int, type);
        QFETCH(double, maxRelativeRms);
        const DType t = DType(type);
        std::mt19937 rng(7);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        std::vector<float> x(4096);
        for (float& v : x)
            v = normal(rng);
        std::fill(x.begin(), x.begin() + core::blockElements(t), 0.0f); // an all-zero block stays zero
        const std::vector<std::uint8_t> blocks = core::quant::quantize(t, x.data(), std::int64_t(x.size()));
        QVERIFY(core::storedBytes(t, std::int64_t(x.size())) == std::uint64_t(blocks.size()));
        std::vector<float> back(x.size());
        core::quant::dequantize(t, blocks.data(), back.data(), std::int64_t(back.size()));
        double err2 = 0, ref2 = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            err2 += double(back[i] - x[i]) * (back[i] - x[i]);
            ref2 += double(x[i]) * x[i];
        }
        const double relativeRms = std::sqrt(err2 / ref2);
        qInfo("%s: rms error / rms value = %.4f (bound %.2f)", core::dtypeName(t), relativeRms, maxRelativeRms);
        QVERIFY(relativeRms < maxRelativeRms);
        QVERIFY(relativeRms > 0); // it did round
        for (std::int64_t i = 0; i < core::blockElements(t); ++i)
            QCOMPARE(back[std::size_t(i)], 0.0f);
    }
};

QTEST_APPLESS_MAIN(TestQuantize)
#include "tst_quantize.moc"

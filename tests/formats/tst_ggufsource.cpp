// The GGUF files of ../shared/fixtures/gguf/llama-gqa-256, written by llama.cpp: every tensor readable, and the
// dequantized values of blk.0.attn_q.weight and blk.1.ffn_down.weight equal to gguf-py's bit for bit, for every
// stored type (F32, F16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K).
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/quant/quant_summary.h"
#include "core/formats/quant/quantize.h"
#include "core/formats/safetensors_file.h"

#include <QtTest>

#include <cstring>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";
}

class TestGgufSource : public QObject {
    Q_OBJECT
private slots:
    void dequantizedEqualsReference_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : { "F32", "F16", "Q8_0", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K" })
            QTest::newRow(n) << QString(n);
    }
    void dequantizedEqualsReference()
    {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        core::GgufSource source(kDir + "model-" + n + ".gguf");
        core::SafetensorsFile reference(kDir + "dequantized-" + n + ".safetensors");
        QCOMPARE(int(reference.tensors().size()), 2);
        for (const auto& ref : reference.tensors()) {
            const core::SourceTensor* t = source.find(ref.name);
            QVERIFY2(t, ref.name.c_str());
            QCOMPARE(t->shape, ref.shape);
            const std::vector<float> want = reference.toFloat(ref);
            const std::vector<float> got = core::toFloat(*t);
            QCOMPARE(got.size(), want.size());
            std::size_t differing = 0;
            double maxDiff = 0;
            for (std::size_t i = 0; i < got.size(); ++i)
                if (std::memcmp(&got[i], &want[i], 4) != 0) {
                    ++differing;
                    maxDiff = std::max(maxDiff, std::abs(double(got[i]) - double(want[i])));
                }
            qInfo("%s %s (%s): %zu values, %zu differ, max |diff| %g", n.c_str(), ref.name.c_str(),
                core::dtypeName(t->dtype), got.size(), differing, maxDiff);
            QCOMPARE(differing, std::size_t(0));
        }
    }

    void everyTensorReadable_data() { dequantizedEqualsReference_data(); }
    void everyTensorReadable()
    {
        QFETCH(QString, name);
        core::GgufSource source(kDir + "model-" + name.toStdString() + ".gguf");
        QCOMPARE(int(source.tensors().size()), 2 + 2 * 9 + 1); // embd, output_norm, output + 9 per layer
        const core::SourceTensor* q = source.find("blk.0.attn_q.weight");
        QVERIFY(q);
        QCOMPARE(q->shape, (std::vector<std::int64_t> { 256, 256 }));
        const core::SourceTensor* k = source.find("blk.0.attn_k.weight");
        QCOMPARE(k->shape, (std::vector<std::int64_t> { 128, 256 })); // (nKvHeads * headDim, dim)
        const core::SourceTensor* down = source.find("blk.1.ffn_down.weight");
        QCOMPARE(down->shape, (std::vector<std::int64_t> { 256, 512 }));
        for (const auto& t : source.tensors()) {
            const auto values = core::toFloat(t);
            QCOMPARE(std::int64_t(values.size()), t.numel());
            for (float v : values)
                QVERIFY(std::isfinite(v));
        }
        QCOMPARE(source.file().getString("general.architecture"), std::string("llama"));
    }

    // Our Q8_0 / Q4_0 quantizers on the F32 weights write the very bytes llama-quantize wrote.
    void quantizeEqualsLlamaQuantize_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("Q8_0") << "Q8_0";
        QTest::newRow("Q4_0") << "Q4_0";
    }
    void quantizeEqualsLlamaQuantize()
    {
        QFETCH(QString, name);
        core::GgufSource f32(kDir + "model-F32.gguf");
        core::GgufSource quantized(kDir + "model-" + name.toStdString() + ".gguf");
        int compared = 0;
        for (const auto& q : quantized.tensors()) {
            if (q.dtype != core::DType::Q8_0 && q.dtype != core::DType::Q4_0)
                continue; // norms stay F32; llama-quantize writes output.weight of a Q4_0 file as Q6_K
            const std::vector<float> values = core::toFloat(*f32.find(q.name));
            const auto bytes = core::quant::quantize(q.dtype, values.data(), q.numel());
            QCOMPARE(std::uint64_t(bytes.size()), q.bytes);
            std::size_t differing = 0;
            for (std::size_t i = 0; i < bytes.size(); ++i)
                differing += bytes[i] != q.data[i];
            if (differing)
                qWarning("%s: %zu of %zu bytes differ", q.name.c_str(), differing, bytes.size());
            QCOMPARE(differing, std::size_t(0));
            ++compared;
        }
        qInfo("%d %s tensors equal llama-quantize's bytes", compared, qPrintable(name));
        QVERIFY(compared >= 15); // 7 per layer + token_embd (+ output in Q8_0)
    }

    // The model card's numbers: Q4_K_M mixes Q4_K and Q6_K with F32 norms, as llama-quantize wrote it.
    void quantizationSummary()
    {
        core::GgufSource source(kDir + "model-Q4_K_M.gguf");
        const core::QuantSummary s = core::summarizeQuantization(source);
        QCOMPARE(s.values, std::int64_t(1705216)); // meta.json n_params
        QVERIFY(s.byType.count(core::DType::Q4_K) && s.byType.count(core::DType::Q6_K));
        QCOMPARE(s.byType.at(core::DType::F32).tensors, 5); // 2 x (attn_norm, ffn_norm) + output_norm
        QCOMPARE(s.storedBytes, source.storedBytes());
        QVERIFY(s.bitsPerWeight() > 4.5 && s.bitsPerWeight() < 6.5);
        qInfo("%s", s.describe().c_str());
        QCOMPARE(*core::ggufFileTypeName(source.file().getUInt("general.file_type")), std::string("Q4_K_M"));
        const core::QuantSummary f32 = core::summarizeQuantization(core::GgufSource(kDir + "model-F32.gguf"));
        QCOMPARE(f32.bitsPerWeight(), 32.0);
    }
};

QTEST_APPLESS_MAIN(TestGgufSource)
#include "tst_ggufsource.moc"

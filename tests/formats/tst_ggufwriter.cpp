// GgufWriter: what it writes opens with GgufFile and reads back the same; and re-writing the fixture's F32 model as
// Q8_0 with our own quantizer and writer gives the tensors llama-quantize wrote, byte for byte.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/gguf/gguf_writer.h"
#include "core/formats/quant/quantize.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";
}

class TestGgufWriter : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void roundTrip()
    {
        core::GgufWriter w;
        w.setString("general.architecture", "llama");
        w.setUInt32("llama.block_count", 2);
        w.setInt32("i", -3);
        w.setUInt64("u64", 1ull << 40);
        w.setFloat32("f", 0.25f);
        w.setBool("b", true);
        w.setStringArray("tokenizer.ggml.tokens", { "<unk>", "a", "▁b" });
        w.setFloat32Array("tokenizer.ggml.scores", { 0, -1, -2 });
        w.setInt32Array("tokenizer.ggml.token_type", { 2, 1, 1 });
        w.setUInt32("llama.block_count", 3); // replaces
        w.setAlignment(64);
        w.addF32("w", { 2, 3 }, { 1, 2, 3, 4, 5, 6 });
        std::vector<float> block(32);
        for (int i = 0; i < 32; ++i)
            block[std::size_t(i)] = float(i) / 8;
        w.addTensor("q", core::DType::Q8_0, { 1, 32 }, core::quant::quantize(core::DType::Q8_0, block.data(), 32));
        const std::string path = m_dir.filePath("w.gguf").toStdString();
        w.write(path);

        core::GgufSource s(path);
        const core::GgufFile& f = s.file();
        QCOMPARE(f.version(), 3u);
        QCOMPARE(f.alignment(), 64u);
        QCOMPARE(f.getUInt("llama.block_count"), std::uint64_t(3));
        QCOMPARE(f.getInt("i"), std::int64_t(-3));
        QCOMPARE(f.getUInt("u64"), std::uint64_t(1) << 40);
        QCOMPARE(f.getFloat("f"), 0.25);
        QCOMPARE(f.getBool("b"), true);
        QCOMPARE(f.getStringArray("tokenizer.ggml.tokens"), (std::vector<std::string> { "<unk>", "a", "▁b" }));
        QCOMPARE(f.getFloatArray("tokenizer.ggml.scores"), (std::vector<float> { 0, -1, -2 }));
        QCOMPARE(f.getIntArray("tokenizer.ggml.token_type"), (std::vector<std::int64_t> { 2, 1, 1 }));
        QCOMPARE(s.find("w")->shape, (std::vector<std::int64_t> { 2, 3 }));
        QCOMPARE(core::toFloat(*s.find("w"))[4], 5.0f);
        const auto q = core::toFloat(*s.find("q"));
        QVERIFY(std::abs(q[8] - 1.0f) < 0.02f); // within half a Q8_0 step (3.875 / 127)
    }

    void refusesBadTensors()
    {
        core::GgufWriter w;
        w.addF32("a", { 2 }, { 1, 2 });
        QVERIFY_THROWS_EXCEPTION(core::Error, w.addF32("a", { 2 }, { 1, 2 }));
        QVERIFY_THROWS_EXCEPTION(core::Error, w.addF32(std::string(64, 'x'), { 1 }, { 1 }));
        QVERIFY_THROWS_EXCEPTION(core::Error, w.addF32("b", { 3 }, { 1, 2 }));
        QVERIFY_THROWS_EXCEPTION(core::Error, w.addF32("c", { 1, 1, 1, 1, 1 }, { 1 }));
        QVERIFY_THROWS_EXCEPTION(
            core::Error, w.addTensor("d", core::DType::Q4_0, { 16 }, std::vector<std::uint8_t>(9)));
        QVERIFY_THROWS_EXCEPTION(core::Error, w.setAlignment(48));
    }

    // The fixture's F32 GGUF re-written as Q8_0 by our code: same metadata, llama-quantize's tensor bytes.
    void requantizeFixtureToQ8_0()
    {
        core::GgufSource f32(kDir + "model-F32.gguf");
        core::GgufSource reference(kDir + "model-Q8_0.gguf");
        core::GgufWriter w;
        for (const auto& [key, value] : f32.file().metadata())
            w.setValue(key, value);
        w.setUInt32("general.file_type", 7); // MOSTLY_Q8_0
        for (const auto& t : f32.tensors()) {
            const std::vector<float> values = core::toFloat(t);
            if (t.shape.size() == 1)
                w.addF32(t.name, t.shape, values);
            else
                w.addTensor(t.name, core::DType::Q8_0, t.shape,
                    core::quant::quantize(core::DType::Q8_0, values.data(), t.numel()));
        }
        const std::string path = m_dir.filePath("q8.gguf").toStdString();
        w.write(path);
        core::GgufSource ours(path);
        QCOMPARE(ours.tensors().size(), reference.tensors().size());
        for (const auto& t : reference.tensors()) {
            const core::SourceTensor* o = ours.find(t.name);
            QVERIFY2(o, t.name.c_str());
            QCOMPARE(int(o->dtype), int(t.dtype));
            QCOMPARE(o->shape, t.shape);
            QVERIFY2(o->bytes == t.bytes && std::memcmp(o->data, t.data, t.bytes) == 0, t.name.c_str());
        }
        QCOMPARE(ours.file().getStringArray("tokenizer.ggml.tokens"),
            reference.file().getStringArray("tokenizer.ggml.tokens"));
        QCOMPARE(ours.file().getFloat("llama.rope.freq_base"), reference.file().getFloat("llama.rope.freq_base"));
    }
};

QTEST_APPLESS_MAIN(TestGgufWriter)
#include "tst_ggufwriter.moc"

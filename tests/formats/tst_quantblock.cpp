// decodeBlock (core/formats/quant/quant_block.h): one block taken apart into scales, sub-block scales and mins, codes
// and values. Hand-built blocks check the layouts field by field (values worked out on paper); the fixtures' blocks
// check that the values computed from the fields equal gguf-py's dequantized values bit for bit.
#include "core/common/half.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/quant/quant_block.h"
#include "core/formats/safetensors_file.h"

#include <QtTest>

#include <cstring>

using core::DType;

namespace {
const std::string kDir = IE_GGUF_FIXTURES "/llama-gqa-256/";

void putHalf(std::uint8_t* p, float v)
{
    const std::uint16_t h = core::floatToF16(v);
    std::memcpy(p, &h, 2);
}
}

class TestQuantBlock : public QObject {
    Q_OBJECT
private slots:
    // Q4_K: d 0.25, dmin 0.5; sub-block 0 (sc 3, m 2), 1 (sc 7, m 1), 5 (sc 40, m 17: needs the packed top bits).
    void q4KLayout()
    {
        std::uint8_t b[144] = {};
        putHalf(b, 0.25f);
        putHalf(b + 2, 0.5f);
        std::uint8_t* s = b + 4;
        s[0] = 3; // sc0
        s[4] = 2; // m0
        s[1] = 0x80 | 7; // sc1, and the top 2 bits of sc5 (40 >> 4 = 2)
        s[5] = 0x40 | 1; // m1, and the top 2 bits of m5 (17 >> 4 = 1)
        s[9] = (40 & 0xF) | ((17 & 0xF) << 4); // low nibbles of sc5, m5
        std::uint8_t* qs = b + 16;
        qs[0] = 0x5A; // value 0 (sub-block 0) = 10, value 32 (sub-block 1) = 5
        qs[64 + 3] = 0xC0; // value 131 (sub-block 4) = 0, value 163 (sub-block 5) = 12
        const core::quant::QuantBlock q = core::quant::decodeBlock(DType::Q4_K, b);
        QCOMPARE(q.d, 0.25f);
        QCOMPARE(*q.min, 0.5f);
        QCOMPARE(int(q.subBlocks.size()), 8);
        QCOMPARE(q.subBlocks[5].first, 160);
        QCOMPARE(q.subBlocks[5].scale, 40);
        QCOMPARE(*q.subBlocks[5].min, 17);
        QCOMPARE(q.subBlocks[1].scale, 7);
        QCOMPARE(*q.subBlocks[1].min, 1);
        QCOMPARE(q.codes[0], 10);
        QCOMPARE(q.codes[32], 5);
        QCOMPARE(q.codes[163], 12);
        QCOMPARE(q.values[0], 6.5f); // 0.25·3·10 − 0.5·2
        QCOMPARE(q.values[32], 8.25f); // 0.25·7·5 − 0.5·1
        QCOMPARE(q.values[163], 111.5f); // 0.25·40·12 − 0.5·17
        QCOMPARE(q.values[131], 0.0f);
        QCOMPARE(q.values[1], -1.0f); // code 0: just −dmin·m0
    }

    // Q6_K: d 0.5; value 50 (sub-block 3, scale −4) and value 200 (sub-block 12, scale 3), high bits from qh.
    void q6KLayout()
    {
        std::uint8_t b[210] = {};
        putHalf(b + 208, 0.5f);
        auto* sc = reinterpret_cast<std::int8_t*>(b + 192);
        sc[3] = -4;
        sc[12] = 3;
        b[50] = 0x07; // ql: low 4 bits of value 50 (second 32 of the first half: ql[32 + 18], low nibble)
        b[128 + 18] = 0b00001000; // qh[18] bits 2-3 = 2: value 50's top bits
        b[64 + 8] = 0xF0; // ql of the second half, byte 8, high nibble: value 128 + 64 + 8 = 200
        b[128 + 32 + 8] = 0b00110000; // qh[40] bits 4-5 = 3
        const core::quant::QuantBlock q = core::quant::decodeBlock(DType::Q6_K, b);
        QCOMPARE(q.codeOffset, 32);
        QCOMPARE(q.codes[50], 39);
        QCOMPARE(q.values[50], -14.0f); // 0.5·(−4)·(39 − 32)
        QCOMPARE(q.codes[200], 63);
        QCOMPARE(q.values[200], 46.5f); // 0.5·3·(63 − 32)
        QCOMPARE(q.subBlocks[12].scale, 3);
        QVERIFY(!q.subBlocks[12].min);
    }

    // Q8_0 and Q5_0 by hand: signed codes, the fifth bit from qh.
    void smallBlocks()
    {
        std::uint8_t q8[34] = {};
        putHalf(q8, 0.125f);
        q8[2 + 4] = std::uint8_t(std::int8_t(-100));
        const core::quant::QuantBlock a = core::quant::decodeBlock(DType::Q8_0, q8);
        QCOMPARE(a.codes[4], -100);
        QCOMPARE(a.values[4], -12.5f);
        std::uint8_t q5[22] = {};
        putHalf(q5, 2.0f);
        q5[2 + 2] = 0x01; // qh bit 16: value 16's fifth bit
        q5[6 + 0] = 0x3F; // value 0 = 15, value 16 = 3 (+16)
        const core::quant::QuantBlock c = core::quant::decodeBlock(DType::Q5_0, q5);
        QCOMPARE(c.codes[0], 15);
        QCOMPARE(c.codes[16], 19);
        QCOMPARE(c.values[0], -2.0f); // 2·(15 − 16)
        QCOMPARE(c.values[16], 6.0f); // 2·(19 − 16)
    }

    // Every block of the fixtures' two reference tensors: values from the fields = gguf-py's, bit for bit.
    void fixtureBlocksEqualReference_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : { "Q8_0", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K" })
            QTest::newRow(n) << QString(n);
    }
    void fixtureBlocksEqualReference()
    {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        const core::GgufSource source(kDir + "model-" + n + ".gguf");
        const core::SafetensorsFile reference(kDir + "dequantized-" + n + ".safetensors");
        for (const auto& ref : reference.tensors()) {
            const core::SourceTensor* t = source.find(ref.name);
            QVERIFY(t && core::quant::canDecodeBlock(t->dtype));
            const std::vector<float> want = reference.toFloat(ref);
            const std::int64_t per = core::blockElements(t->dtype), size = core::blockBytes(t->dtype);
            std::size_t differing = 0;
            for (std::int64_t b = 0; b < t->numel() / per; ++b) {
                const core::quant::QuantBlock q = core::quant::decodeBlock(t->dtype, t->data + b * size);
                QCOMPARE(std::int64_t(q.values.size()), per);
                differing += std::memcmp(q.values.data(), want.data() + b * per, std::size_t(per) * 4) != 0;
            }
            qInfo("%s %s (%s): %lld blocks, %zu differ", n.c_str(), ref.name.c_str(), core::dtypeName(t->dtype),
                (long long)(t->numel() / per), differing);
            QCOMPARE(differing, std::size_t(0));
        }
    }
};

QTEST_APPLESS_MAIN(TestQuantBlock)
#include "tst_quantblock.moc"

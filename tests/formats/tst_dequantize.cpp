// The block formats without a llama.cpp-made fixture (Q4_1, Q5_0, Q5_1, Q2_K, Q3_K) checked two ways: blocks built
// by hand with values worked out on paper, and random blocks against a second, element-wise reading of each layout
// (one formula per value, indexed like llama.cpp's CUDA kernels, not the loops of dequantize.cpp). The formats that
// have fixtures (Q4_0, Q8_0, Q4_K, Q5_K, Q6_K) are compared bit for bit with gguf-py in tst_ggufsource.
#include "core/common/half.h"
#include "core/formats/dtype.h"
#include "core/formats/quant/dequantize.h"

#include <QtTest>

#include <cstring>
#include <random>
#include <vector>

using core::DType;

namespace {

void putHalf(std::uint8_t* p, float v)
{
    const std::uint16_t h = core::floatToF16(v);
    std::memcpy(p, &h, 2);
}
float getHalf(const std::uint8_t* p)
{
    std::uint16_t h;
    std::memcpy(&h, p, 2);
    return core::f16ToFloat(h);
}

// Random block bytes with scales that are ordinary halves (not inf / nan).
std::vector<std::uint8_t> randomBlocks(DType t, int blocks, std::mt19937& rng)
{
    std::vector<std::uint8_t> b(std::size_t(core::blockBytes(t) * blocks));
    for (auto& x : b)
        x = std::uint8_t(rng());
    std::uniform_real_distribution<float> scale(-0.05f, 0.05f);
    for (int i = 0; i < blocks; ++i) {
        std::uint8_t* p = b.data() + i * core::blockBytes(t);
        switch (t) {
        case DType::Q4_1:
        case DType::Q5_1:
            putHalf(p, scale(rng));
            putHalf(p + 2, scale(rng));
            break;
        case DType::Q5_0:
            putHalf(p, scale(rng));
            break;
        case DType::Q2_K:
            putHalf(p + 80, scale(rng));
            putHalf(p + 82, scale(rng));
            break;
        case DType::Q3_K:
            putHalf(p + 108, scale(rng));
            break;
        default:
            break;
        }
    }
    return b;
}

// Value i of one block, read element by element.
float referenceValue(DType t, const std::uint8_t* b, int i)
{
    switch (t) {
    case DType::Q4_1: {
        const int nib = i < 16 ? (b[4 + i] & 15) : (b[4 + i - 16] >> 4);
        return float(nib) * getHalf(b) + getHalf(b + 2);
    }
    case DType::Q5_0:
    case DType::Q5_1: {
        const bool one = t == DType::Q5_1;
        std::uint32_t qh;
        std::memcpy(&qh, b + (one ? 4 : 2), 4);
        const std::uint8_t* qs = b + (one ? 8 : 6);
        const int nib = i < 16 ? (qs[i] & 15) : (qs[i - 16] >> 4);
        const int q = nib | int((qh >> i) & 1) << 4;
        return one ? float(q) * getHalf(b) + getHalf(b + 2) : float(q - 16) * getHalf(b);
    }
    case DType::Q2_K: {
        const int n = i / 128, j = (i % 128) / 32, within = i % 32;
        const std::uint8_t sc = b[8 * n + 2 * j + within / 16];
        const int q = (b[16 + 32 * n + within] >> (2 * j)) & 3;
        const float dl = getHalf(b + 80) * float(sc & 15);
        const float ml = getHalf(b + 82) * float(sc >> 4);
        return dl * float(q) - ml;
    }
    case DType::Q3_K: {
        const int n = i / 128, j = (i % 128) / 32, within = i % 32;
        const int is = 8 * n + 2 * j + within / 16;
        const std::uint8_t* s = b + 96;
        const int us = is < 4 ? (s[is] & 0xF) | (((s[is + 8] >> 0) & 3) << 4)
            : is < 8          ? (s[is] & 0xF) | (((s[is + 4] >> 2) & 3) << 4)
            : is < 12         ? (s[is - 8] >> 4) | (((s[is] >> 4) & 3) << 4)
                              : (s[is - 8] >> 4) | (((s[is - 4] >> 6) & 3) << 4);
        const int m = 1 << (4 * n + j);
        const int q = ((b[32 + 32 * n + within] >> (2 * j)) & 3) - ((b[within] & m) ? 0 : 4);
        const float dl = getHalf(b + 108) * float(us - 32);
        return dl * float(q);
    }
    default:
        return 0;
    }
}

} // namespace

class TestDequantize : public QObject {
    Q_OBJECT
private slots:
    void blockTable()
    {
        QCOMPARE(core::blockElements(DType::Q4_0), std::int64_t(32));
        QCOMPARE(core::blockBytes(DType::Q6_K), std::int64_t(210));
        QCOMPARE(core::blockBytes(DType::F32), std::int64_t(4));
        QCOMPARE(*core::storedBytes(DType::Q4_K, 512), std::uint64_t(288));
        QVERIFY(!core::storedBytes(DType::Q4_K, 100)); // not whole blocks
        QVERIFY(!core::storedBytes(DType::F32, INT64_MAX)); // overflows
        QVERIFY(*core::dtypeFromGgmlType(14) == DType::Q6_K);
        QVERIFY(*core::dtypeFromGgmlType(30) == DType::BF16);
        QVERIFY(!core::dtypeFromGgmlType(9)); // Q8_1: not a storage type we read
        QVERIFY(!core::dtypeFromName("Q4_0")); // no safetensors name
        QCOMPARE(core::dtypeSize(DType::Q4_0), std::size_t(0));
    }

    // Worked by hand: d = 0.5, m = -1, nibbles 0..15 then 15..0.
    void handQ4_1()
    {
        std::uint8_t b[20] {};
        putHalf(b, 0.5f);
        putHalf(b + 2, -1.0f);
        for (int j = 0; j < 16; ++j)
            b[4 + j] = std::uint8_t(j | (15 - j) << 4);
        float out[32];
        core::quant::dequantizeQ4_1(b, out);
        QCOMPARE(out[0], -1.0f);
        QCOMPARE(out[15], 6.5f);
        QCOMPARE(out[16], 6.5f);
        QCOMPARE(out[31], -1.0f);
    }

    // d = 0.25; value 3 has its 5th bit set (16 + 1 - 16 = 1), value 20 does not (2 - 16 = -14).
    void handQ5_0()
    {
        std::uint8_t b[22] {};
        putHalf(b, 0.25f);
        const std::uint32_t qh = 1u << 3;
        std::memcpy(b + 2, &qh, 4);
        b[6 + 3] = 0x01;
        b[6 + 4] = 0x20;
        float out[32];
        core::quant::dequantizeQ5_0(b, out);
        QCOMPARE(out[3], 0.25f);
        QCOMPARE(out[20], -14 * 0.25f);
        QCOMPARE(out[0], -4.0f);
    }

    // Q3_K with every scale byte 0 except those that make sub-block 0's scale 33 (low 4 bits 1, high 2 bits 2):
    // d = 1, so its values are 1 * (q - 4) for hmask bit clear.
    void handQ3_K()
    {
        std::uint8_t b[110] {};
        putHalf(b + 108, 1.0f);
        b[96] = 0x01; // low nibble of scale 0
        b[96 + 8] = 0x02; // bits 0..1 of byte 8: high bits of scale 0
        b[32] = 0x03; // value 0: q = 3
        b[0] = 0x01; // value 0: high bit set -> 3
        b[33] = 0x02; // value 1: q = 2, high bit clear -> -2
        float out[256];
        core::quant::dequantizeQ3_K(b, out);
        QCOMPARE(out[0], 3.0f);
        QCOMPARE(out[1], -2.0f);
        QCOMPARE(out[2], -4.0f);
        QCOMPARE(out[16], 32.0f * 4.0f); // sub-block 1: scale 0 - 32 = -32, q = 0 - 4
    }

    void randomBlocks_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("Q4_1") << int(DType::Q4_1);
        QTest::newRow("Q5_0") << int(DType::Q5_0);
        QTest::newRow("Q5_1") << int(DType::Q5_1);
        QTest::newRow("Q2_K") << int(DType::Q2_K);
        QTest::newRow("Q3_K") << int(DType::Q3_K);
    }
    void randomBlocks()
    {
        QFETCH(int, type);
        const DType t = DType(type);
        std::mt19937 rng(1234 + type);
        const int blocks = 64;
        const auto bytes = ::randomBlocks(t, blocks, rng);
        const std::int64_t per = core::blockElements(t);
        std::vector<float> out(std::size_t(per * blocks));
        core::quant::dequantize(t, bytes.data(), out.data(), per * blocks);
        int mismatches = 0;
        for (int b = 0; b < blocks; ++b)
            for (int i = 0; i < per; ++i) {
                const float want = referenceValue(t, bytes.data() + b * core::blockBytes(t), i);
                const float got = out[std::size_t(b * per + i)];
                if (std::memcmp(&want, &got, 4) != 0 && mismatches++ < 5)
                    qWarning("block %d value %d: got %g want %g", b, i, double(got), double(want));
            }
        QCOMPARE(mismatches, 0);
    }
};

QTEST_APPLESS_MAIN(TestDequantize)
#include "tst_dequantize.moc"

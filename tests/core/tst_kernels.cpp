// The kernels that compute on weights in their stored type (core/ops/kernels), against the plain way: dequantize
// the whole matrix to F32 (core::quant::dequantize, bit-exact with gguf-py, tst_dequantize) and multiply in double.
// Weights are random bytes with finite half scales, so every bit of every block layout takes part.
//   - F16 / BF16, and block types through the float panels (many rows): equal to 1e-5 of sum |w x|.
//   - block types with many rows (integer tiles): as the block dots, and equal to them to 1e-5 of sum |w x|.
//   - block dots (few rows) on activations that are exact in 8-bit blocks: equal to 1e-5 of sum |w x|.
//   - block dots on any activations: within the 8-bit rounding of the activations, sum |w_i| d_block(i) / 2.
//   - F32 / F16 / BF16 with few rows (the small-row kernel, no packing): as exact as the F32 product.
//   - two threads give the same numbers as one; a row computed in a batch equals the row alone.
#include "core/common/half.h"
#include "core/formats/quant/dequantize.h"
#include "core/ops/kernels/packed_linear.h"
#include "core/ops/kernels/weight_rows.h"
#include "core/ops/linear.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

namespace {

struct Packed {
    std::vector<std::uint8_t> bytes;
    std::vector<float> values; // (out, in), dequantized by core::quant or converted exactly
    core::LinearWeight weight;
};

void putHalf(std::uint8_t* p, float v)
{
    const std::uint16_t h = core::floatToF16(v);
    std::memcpy(p, &h, 2);
}

// out x in random weights of type t: random bytes, then every half scale overwritten with a finite value.
Packed makePacked(core::DType t, int out, int in, std::mt19937& rng)
{
    Packed p;
    if (t == core::DType::F32) { // plain floats, for the F32 small-row kernel
        std::normal_distribution<float> n(0.0f, 0.5f);
        p.values.resize(std::size_t(out) * in);
        for (float& v : p.values)
            v = n(rng);
        p.weight = core::LinearWeight { p.values.data(), out, in, in, false, nullptr };
        return p;
    }
    const std::size_t rowBytes = std::size_t(*core::storedBytes(t, in));
    p.bytes.resize(rowBytes * out);
    for (auto& b : p.bytes)
        b = std::uint8_t(rng());
    std::uniform_real_distribution<float> scale(0.001f, 0.02f);
    const std::size_t blockBytes = std::size_t(core::blockBytes(t));
    for (std::size_t off = 0; off < p.bytes.size(); off += blockBytes) {
        std::uint8_t* blk = p.bytes.data() + off;
        switch (t) {
        case core::DType::F16:
            putHalf(blk, std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng));
            break;
        case core::DType::BF16: {
            const std::uint16_t h = core::floatToBf16(std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng));
            std::memcpy(blk, &h, 2);
            break;
        }
        case core::DType::Q8_0:
            putHalf(blk, scale(rng));
            break;
        case core::DType::Q4_K:
        case core::DType::Q5_K:
            putHalf(blk, scale(rng));
            putHalf(blk + 2, scale(rng));
            break;
        case core::DType::Q6_K:
            putHalf(blk + 208, scale(rng) / 8);
            break;
        default:
            break;
        }
    }
    p.weight = core::LinearWeight { nullptr, out, in, in, false, nullptr, p.bytes.data(), t, rowBytes };
    p.values.resize(std::size_t(out) * in);
    for (int r = 0; r < out; ++r) {
        const std::uint8_t* row = p.bytes.data() + r * rowBytes;
        float* dst = p.values.data() + std::size_t(r) * in;
        for (int i = 0; i < in && !core::isQuantized(t); ++i) {
            std::uint16_t h;
            std::memcpy(&h, row + 2 * i, 2);
            dst[i] = t == core::DType::F16 ? core::f16ToFloat(h) : core::bf16ToFloat(h);
        }
        if (core::isQuantized(t))
            core::quant::dequantize(t, row, dst, in);
    }
    return p;
}

// Activations whose 8-bit blocks are exact: each block is d * (integers in [-127, 127]) with one entry at +-127.
core::RowMatrix exactInBlocks(int rows, int in, int block, std::mt19937& rng)
{
    core::RowMatrix x(rows, in);
    std::uniform_int_distribution<int> q(-127, 127);
    for (int t = 0; t < rows; ++t)
        for (int b = 0; b < in / block; ++b) {
            const float d = std::ldexp(1.0f, -int(rng() % 8) - 4); // a power of two: d * q is exact
            for (int i = 0; i < block; ++i)
                x(t, b * block + i) = d * float(i == 0 ? 127 : q(rng));
        }
    return x;
}

core::RowMatrix randomActivations(int rows, int in, std::mt19937& rng)
{
    core::RowMatrix x(rows, in);
    std::normal_distribution<float> n(0.0f, 1.0f);
    for (int t = 0; t < rows; ++t)
        for (int i = 0; i < in; ++i)
            x(t, i) = n(rng);
    return x;
}

int activationBlock(core::DType t) { return t == core::DType::Q8_0 ? 32 : 256; }

// Largest |ours - reference| / bound over all entries, the reference and the bound computed in double:
// bound(t, j) = relTol * sum_i |w_ji x_ti| + roundingTol * sum_i |w_ji| * (max |x| of i's block) / 127 / 2.
// With `against`, that matrix is the reference instead (the bound stays the same).
double worstRatio(const core::RowMatrix& ours, const core::RowMatrix& x, const Packed& p, double relTol,
    double roundingTol, int block, const core::RowMatrix* against = nullptr)
{
    double worst = 0;
    const int in = int(x.cols());
    for (int t = 0; t < x.rows(); ++t) {
        std::vector<double> blockMax(std::size_t(in / block), 0.0);
        for (int i = 0; i < in; ++i)
            blockMax[std::size_t(i / block)] = std::max(blockMax[std::size_t(i / block)], double(std::fabs(x(t, i))));
        for (int j = 0; j < p.weight.out; ++j) {
            double ref = 0, magnitude = 0, rounding = 0;
            for (int i = 0; i < in; ++i) {
                const double w = p.values[std::size_t(j) * in + i];
                ref += w * x(t, i);
                magnitude += std::fabs(w * x(t, i));
                rounding += std::fabs(w) * blockMax[std::size_t(i / block)] / 127.0 / 2.0;
            }
            if (against)
                ref = (*against)(t, j);
            const double bound = relTol * magnitude + roundingTol * rounding + 1e-30;
            worst = std::max(worst, std::fabs(ours(t, j) - ref) / bound);
        }
    }
    return worst;
}

const core::DType kTypes[] = { core::DType::F32, core::DType::F16, core::DType::BF16, core::DType::Q8_0,
    core::DType::Q4_K, core::DType::Q5_K, core::DType::Q6_K };

} // namespace

class TestKernels : public QObject {
    Q_OBJECT
private slots:
    void types_data()
    {
        QTest::addColumn<int>("type");
        for (core::DType t : kTypes)
            QTest::newRow(core::dtypeName(t)) << int(t);
    }

    // Weight rows read back as floats are the dequantized values (what the tensor view and the embedding read).
    void rowsDequantizeOnDemand_data() { types_data(); }
    void rowsDequantizeOnDemand()
    {
        QFETCH(int, type);
        std::mt19937 rng(1);
        const Packed p = makePacked(core::DType(type), 5, 512, rng);
        std::vector<float> rows(std::size_t(3) * 512);
        core::ops::weightRows(p.weight, 2, 3, rows.data());
        QVERIFY(std::memcmp(rows.data(), p.values.data() + 2 * 512, rows.size() * sizeof(float)) == 0);
        QCOMPARE(core::ops::computesInPlace(core::DType(type)), core::DType(type) != core::DType::F32);
    }

    // Few rows: block dots for the block types (exact activations), float panels for F16 / BF16.
    void fewRowsExact_data() { types_data(); }
    void fewRowsExact()
    {
        QFETCH(int, type);
        const auto t = core::DType(type);
        std::mt19937 rng(2);
        const Packed p = makePacked(t, 70, 768, rng);
        const core::RowMatrix x = exactInBlocks(3, 768, activationBlock(t), rng);
        core::RowMatrix out(3, 70);
        core::ops::linear(out, x, p.weight, 1);
        const double worst = worstRatio(out, x, p, 1e-5, 0.0, activationBlock(t));
        std::printf(
            "    %-5s few rows, exact activations: worst error / (1e-5 sum|wx|) = %.3f\n", core::dtypeName(t), worst);
        QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));
    }

    // Few rows, any activations: the block dots differ from the exact product only by the activations' rounding.
    void fewRowsRounded_data() { types_data(); }
    void fewRowsRounded()
    {
        QFETCH(int, type);
        const auto t = core::DType(type);
        std::mt19937 rng(3);
        const Packed p = makePacked(t, 40, 1024, rng);
        const core::RowMatrix x = randomActivations(2, 1024, rng);
        core::RowMatrix out(2, 40);
        core::ops::linear(out, x, p.weight, 1);
        const bool rounds = core::ops::kernels::usesBlockDots(p.weight, 2);
        QCOMPARE(rounds, core::isQuantized(t));
        const double worst = worstRatio(out, x, p, 1e-5, rounds ? 1.0 : 0.0, activationBlock(t));
        std::printf("    %-5s few rows, any activations: worst error / bound = %.3f\n", core::dtypeName(t), worst);
        QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));
    }

    // The float panels (F16 / BF16 with many rows; block types too when the build has no integer tiles), called
    // directly so that they stay tested on every build: as exact as the F32 product.
    void manyRowsPanels_data() { types_data(); }
    void manyRowsPanels()
    {
        QFETCH(int, type);
        const auto t = core::DType(type);
        std::mt19937 rng(4);
        const Packed p = makePacked(t, 300, 512, rng);
        const int rows = core::ops::kernels::kMaxBlockDotRows + 9;
        const core::RowMatrix x = randomActivations(rows, 512, rng);
        // The panels through Eigen's product, and through ours (f32_gemm.h, where the build has it).
        core::ops::kernels::GemmActivations packed;
        packed.prepare(x);
        using Gemm = const core::ops::kernels::GemmActivations*;
        for (Gemm gemm : { Gemm(nullptr), core::ops::kernels::usesF32GemmRows(rows) ? Gemm(&packed) : nullptr }) {
            core::RowMatrix out(rows, 300);
            core::ops::kernels::panelSlice(out, x, p.weight, 0, gemm);
            const double worst = worstRatio(out, x, p, 1e-5, 0.0, activationBlock(t));
            std::printf("    %-5s many rows, panels (%s): worst error / (1e-5 sum|wx|) = %.3f\n", core::dtypeName(t),
                gemm ? "blocked" : "Eigen", worst);
            QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));
        }
        const bool tiles = core::isQuantized(t) && core::ops::kernels::blockGemmAvailable();
        QCOMPARE(core::ops::kernels::usesBlockDots(p.weight, rows), tiles);
    }

    // Many rows on block types (a prefill), the integer tiles (block_gemm.h), on odd shapes: 33..600 rows, output
    // counts that are no multiple of the tile, Q8_0 rows of an odd number of blocks. Against the dequantized F32
    // product: within the activations' 8-bit rounding, as the block dots. Against the block dots of the same rows
    // (<= 32 at a time): the same integer sums, so equal up to float rounding, 1e-5 of sum |w x|.
    void manyRowsTiles_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("out");
        const int shapes[][2] = { { 33, 37 }, { 97, 6 }, { 600, 13 } };
        for (core::DType t : kTypes)
            for (const auto& s : shapes)
                if (core::isQuantized(t))
                    QTest::addRow("%s-%dx%d", core::dtypeName(t), s[0], s[1]) << int(t) << s[0] << s[1];
    }
    void manyRowsTiles()
    {
        QFETCH(int, type);
        QFETCH(int, rows);
        QFETCH(int, out);
        if (!core::ops::kernels::blockGemmAvailable())
            QSKIP("this build has no AVX512-VNNI: block types use float panels above 32 rows (manyRowsPanels)");
        const auto t = core::DType(type);
        std::mt19937 rng(std::uint32_t(rows + out));
        const int in = t == core::DType::Q8_0 ? 32 * 7 : 512;
        const Packed p = makePacked(t, out, in, rng);
        const core::RowMatrix x = randomActivations(rows, in, rng);
        core::RowMatrix tiles(rows, out), dots(rows, out);
        QVERIFY(core::ops::kernels::usesBlockDots(p.weight, rows));
        core::ops::linear(tiles, x, p.weight, 2);
        for (int r0 = 0; r0 < rows; r0 += core::ops::kernels::kMaxBlockDotRows) {
            const int n = std::min(core::ops::kernels::kMaxBlockDotRows, rows - r0);
            core::RowMatrix part(n, out);
            core::ops::linear(part, x.middleRows(r0, n), p.weight, 1);
            dots.middleRows(r0, n) = part;
        }
        const double vsF32 = worstRatio(tiles, x, p, 1e-5, 1.0, activationBlock(t));
        const double vsDots = worstRatio(tiles, x, p, 1e-5, 0.0, activationBlock(t), &dots);
        std::printf("    %-5s %3d rows x %2d: error / bound vs F32 %.3f, vs block dots / (1e-5 sum|wx|) %.4f\n",
            core::dtypeName(t), rows, out, vsF32, vsDots);
        QVERIFY2(vsF32 <= 1.0, qPrintable(QString::number(vsF32)));
        QVERIFY2(vsDots <= 1.0, qPrintable(QString::number(vsDots)));
    }

    // Threads split output features only; a batch row equals the row alone (what batched decode relies on).
    void threadsAndBatchesAgree_data() { types_data(); }
    void threadsAndBatchesAgree()
    {
        QFETCH(int, type);
        const auto t = core::DType(type);
        std::mt19937 rng(5);
        const Packed p = makePacked(t, 1024, 512, rng); // large enough for linear() to use both threads
        const core::RowMatrix x = randomActivations(8, 512, rng);
        core::RowMatrix one(8, 1024), two(8, 1024), alone(1, 1024);
        core::ops::linear(one, x, p.weight, 1);
        core::ops::linear(two, x, p.weight, 2);
        QVERIFY(one == two);
        double worst = 0;
        for (int r = 0; r < 8; ++r) {
            core::ops::linear(alone, x.row(r), p.weight, 2);
            worst = std::max(worst, double((alone - one.row(r)).cwiseAbs().maxCoeff() / one.cwiseAbs().maxCoeff()));
        }
        std::printf("    %-5s batch row vs alone: %.2e\n", core::dtypeName(t), worst);
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
    }
};

QTEST_APPLESS_MAIN(TestKernels)
#include "tst_kernels.moc"

// Today's architectures from GGUF: a random model of each (core::writeRandomModel, shaped like the real small model),
// written as GGUF by our exporter the way llama.cpp's converter writes it (core/loader/export_gguf: Gemma's norms as
// 1 + w, GPT-NeoX's query_key_value in [q; k; v] order, llama q / k rows in interleaved pairs, Llama 3's scaling as
// the rope_freqs tensor, read back as Llama 3's parameters; windows and caps as <arch>.* keys), opened again
// through openModel: the same parts, and
// logits at every position of a 12-token prompt (longer than Mistral's, Gemma's and Phi-3's windows at context 64)
// equal to the Hugging Face folder's within 1e-5 relative (measured value printed).
#include "core/common/error.h"
#include "core/exec/executor.h"
#include "core/loader/export_gguf.h"
#include "core/loader/gguf_rope_scaling.h"
#include "core/loader/loaded_model.h"
#include "core/model/random_model.h"
#include "core/model/rope_frequencies.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace {

std::vector<float> logitsOf(const core::LoadedModel& m, const std::vector<std::int32_t>& tokens)
{
    core::KvCache cache(m.config(), int(tokens.size()));
    core::Executor exec(*m.model, m.plan);
    exec.begin(tokens, cache, {}, core::LogitRows::All);
    exec.run();
    return exec.logits().copy();
}

double relative(const std::vector<float>& a, const std::vector<float>& b)
{
    double diff = 0, scale = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        diff = std::max(diff, std::abs(double(a[i]) - double(b[i])));
        scale = std::max(scale, std::abs(double(b[i])));
    }
    return diff / scale;
}

} // namespace

class TestGgufArchitectures : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("arch");
        for (const char* a : { "llama3", "mistral", "qwen3", "gpt_neox", "phi3", "gemma2", "gemma3", "smollm3" })
            QTest::newRow(a) << QString(a);
    }
    void roundTrip()
    {
        QFETCH(QString, arch);
        QTemporaryDir dir;
        core::RandomModelSpec spec;
        spec.arch = arch.toStdString();
        spec.dim = 32;
        spec.heads = 4;
        spec.vocab = 256;
        spec.context = 64;
        spec.seed = 7;
        if (arch == "llama3") {
            // Llama 3.2's RoPE: head size 64, theta 500000, 8192 of 131072 positions, so that some pairs are blended
            // (their factor between 1 and 32) and the file's factors pin the scaling down.
            spec.dim = 128;
            spec.heads = 2;
            spec.context = 131072;
        }
        const std::string folder = dir.filePath("hf").toStdString();
        core::writeRandomModel(spec, folder);
        const auto hf = core::openModel(folder);
        const std::string path = dir.filePath("model.gguf").toStdString();
        core::exportGguf(*hf->model, path, core::DType::F32);
        const auto gguf = core::openModel(path);
        const core::ModelConfig &a = hf->config(), &b = gguf->config();
        // Mistral is "llama" in GGUF (llama.cpp has no mistral graph): it comes back as llama with Mistral's window.
        QCOMPARE(int(b.arch), int(a.arch == core::Arch::Mistral ? core::Arch::Llama : a.arch));
        QCOMPARE(b.headDim, a.headDim);
        QCOMPARE(b.nKvHeads, a.nKvHeads);
        QCOMPARE(b.rotaryDim(), a.rotaryDim());
        QCOMPARE(b.slidingWindow, a.slidingWindow);
        QCOMPARE(b.qkNorm, a.qkNorm);
        QCOMPARE(b.attnSoftcap, a.attnSoftcap);
        QCOMPARE(b.finalSoftcap, a.finalSoftcap);
        QCOMPARE(b.parallelResidual, a.parallelResidual);
        for (int l = 0; l < a.nLayers; ++l) {
            QCOMPARE(b.slidingLayer(l), a.slidingLayer(l));
            QCOMPARE(b.ropeLayer(l), a.ropeLayer(l));
        }
        // Llama 3: the file's per-pair factors give the config's scaled frequencies (to F32 rounding).
        const std::vector<double> fa = core::ropeFrequencies(a), fb = core::ropeFrequencies(b);
        QCOMPARE(fb.size(), fa.size());
        for (std::size_t i = 0; i < fa.size(); ++i)
            QVERIFY2(std::abs(fb[i] - fa[i]) <= 1e-6 * fa[i], qPrintable(QString::number(i)));
        if (arch == "llama3") { // the parameters came back from the factors, as in the config
            QCOMPARE(int(b.ropeScaling.kind), int(core::RopeScalingKind::Llama3));
            QCOMPARE(b.ropeScaling.factor, 32.0);
            QCOMPARE(b.ropeScaling.originalContext, 8192);
            QVERIFY(std::abs(b.ropeScaling.lowFreqFactor - 1) < 1e-9);
            QVERIFY2(std::abs(b.ropeScaling.highFreqFactor - 4) < 1e-3,
                qPrintable(QString::number(b.ropeScaling.highFreqFactor)));
        }
        const std::vector<std::int32_t> tokens { 1, 5, 9, 2, 7, 3, 40, 41, 17, 88, 60, 12 };
        const double rel = relative(logitsOf(*gguf, tokens), logitsOf(*hf, tokens));
        std::printf("    %-9s GGUF vs HF folder, logits at 12 positions: %.2e relative\n", qPrintable(arch), rel);
        QVERIFY2(rel <= 1e-5, qPrintable(QString::number(rel)));
    }

    // Factors no Llama 3 scaling gives are refused, naming the file, the tensor and the pair.
    void foreignRopeFactors()
    {
        QTemporaryDir dir;
        core::RandomModelSpec spec;
        spec.arch = "llama3";
        spec.dim = 32;
        spec.vocab = 256;
        spec.context = 64; // original context 4: every pair's wavelength is longer, every factor 32
        const std::string folder = dir.filePath("hf").toStdString();
        core::writeRandomModel(spec, folder);
        const auto hf = core::openModel(folder);
        const std::string path = dir.filePath("model.gguf").toStdString();
        core::exportGguf(*hf->model, path, core::DType::F32);
        QCOMPARE(int(core::openModel(path)->config().ropeScaling.kind), int(core::RopeScalingKind::Llama3));
        // rope_freqs.weight's data: the file's only run of four 32.0f; pair 1 becomes 5.
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const float thirtyTwo = 32.0f, five = 5.0f;
        const QByteArray one(reinterpret_cast<const char*>(&thirtyTwo), 4);
        const qsizetype at = bytes.indexOf(one + one + one + one);
        QVERIFY(at > 0);
        QCOMPARE(bytes.indexOf(one + one + one + one, at + 16), qsizetype(-1));
        bytes.replace(at + 4, 4, QByteArray(reinterpret_cast<const char*>(&five), 4));
        f.seek(0);
        f.write(bytes);
        f.close();
        try {
            core::openModel(path);
            QFAIL("opened");
        } catch (const core::Error& e) {
            const std::string m = e.what();
            QVERIFY2(m.find(path) != std::string::npos && m.find("rope_freqs.weight") != std::string::npos
                    && m.find("pair 1") != std::string::npos,
                m.c_str());
        }
        // A count that is not the rotating pairs', or a factor <= 0.
        core::ModelConfig c = hf->config();
        c.ropeScaling = {};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::llama3ScalingFromFactors(c, { 1.0, 2.0 }, path));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::llama3ScalingFromFactors(c, { 1.0, 0.0, 1.0, 1.0 }, path));
        QCOMPARE(int(core::llama3ScalingFromFactors(c, { 1.0, 1.0, 1.0, 1.0 }, path).kind),
            int(core::RopeScalingKind::None));
    }
};

QTEST_APPLESS_MAIN(TestGgufArchitectures)
#include "tst_ggufarchitectures.moc"

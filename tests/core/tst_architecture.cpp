// Architectures are tables: every table binds its random model with no tensor left unused, every tensor the table
// requires is really required (leaving one out fails with its name, nothing falls back to another tensor), and
// core::openModel compiles the plan once, with every weight its nodes name bound.
#include "core/common/error.h"
#include "core/formats/safetensors_file.h"
#include "core/formats/safetensors_writer.h"
#include "core/loader/loaded_model.h"
#include "core/model/architecture.h"
#include "core/model/model.h"
#include "core/model/random_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

core::RandomModelSpec spec(const char* arch, const char* positional = "sinusoidal", const char* activation = "relu",
    const char* placement = "post")
{
    core::RandomModelSpec s;
    s.arch = arch;
    s.dim = 32;
    s.layers = 2;
    s.heads = 4;
    s.kvHeads = std::string(arch) == "gpt2" ? 0 : 2;
    s.vocab = 256;
    s.context = 32;
    s.positional = positional;
    s.activation = activation;
    s.placement = placement;
    s.norm = std::string(placement) == "pre" ? "rmsnorm" : "layernorm";
    return s;
}

} // namespace

class TestArchitecture : public QObject {
    Q_OBJECT
private slots:
    void tableBindsItsRandomModel_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("positional");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<QString>("placement");
        QTest::newRow("gpt2") << "gpt2"
                              << ""
                              << ""
                              << "";
        QTest::newRow("llama") << "llama"
                               << ""
                               << ""
                               << "";
        QTest::newRow("qwen2") << "qwen2"
                               << ""
                               << ""
                               << "";
        QTest::newRow("explorer classic") << "explorer"
                                          << "sinusoidal"
                                          << "relu"
                                          << "post";
        QTest::newRow("explorer learned") << "explorer"
                                          << "learned"
                                          << "gelu"
                                          << "pre";
        QTest::newRow("explorer rope swiglu") << "explorer"
                                              << "rope"
                                              << "swiglu"
                                              << "pre";
        for (const char* a : { "llama3", "mistral", "qwen3", "gpt_neox", "phi3", "gemma2", "gemma3", "smollm3" })
            QTest::newRow(a) << a << ""
                             << ""
                             << "";
    }

    void tableBindsItsRandomModel()
    {
        QFETCH(QString, arch);
        QFETCH(QString, positional);
        QFETCH(QString, activation);
        QFETCH(QString, placement);
        QTemporaryDir dir;
        const std::string a = arch.toStdString(), p = positional.toStdString(), act = activation.toStdString(),
                          pl = placement.toStdString();
        core::writeRandomModel(spec(a.c_str(), p.empty() ? "sinusoidal" : p.c_str(), act.empty() ? "relu" : act.c_str(),
                                   pl.empty() ? "post" : pl.c_str()),
            dir.path().toStdString());
        const auto loaded = core::openModel(dir.path().toStdString());
        QVERIFY(loaded->model->unusedTensors().empty()); // every tensor in the file is read
        const auto expected = core::expectedTensors(loaded->config());
        QCOMPARE(loaded->model->source().tensors().size(), expected.size()); // and the table asks for each
        QVERIFY(loaded->plan.size() > 0);
    }

    // Leaving out any one required tensor fails with that tensor's name: no fallback.
    void everyRequiredTensorIsRequired_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::newRow("gpt2") << "gpt2";
        QTest::newRow("llama") << "llama";
        QTest::newRow("qwen2") << "qwen2";
        QTest::newRow("explorer") << "explorer";
        for (const char* a :
            { "qwen3", "gpt_neox", "phi3", "gemma3" }) // QK-norm, fused per head, fused pairs, post norms
            QTest::newRow(a) << a;
    }

    void everyRequiredTensorIsRequired()
    {
        QFETCH(QString, arch);
        QTemporaryDir dir;
        const std::string a = arch.toStdString();
        const fs::path full = fs::path(dir.path().toStdString()) / "full";
        core::writeRandomModel(spec(a.c_str()), full.string());
        const core::SafetensorsFile file((full / "model.safetensors").string());
        int checked = 0;
        for (const auto& drop : file.tensors()) {
            const fs::path cut = fs::path(dir.path().toStdString()) / ("cut" + std::to_string(checked));
            fs::create_directories(cut);
            fs::copy_file(full / "config.json", cut / "config.json");
            core::SafetensorsWriter w;
            for (const auto& t : file.tensors())
                if (t.name != drop.name)
                    w.addConverted(t.name, core::DType::F32, t.shape, file.toFloat(t));
            w.write((cut / "model.safetensors").string());
            QString message;
            try {
                core::openModel(cut.string());
            } catch (const core::Error& e) {
                message = QString::fromUtf8(e.what());
            }
            QVERIFY2(message.contains(QString::fromStdString(drop.name)) && message.contains("missing"),
                qPrintable(QString::fromStdString(drop.name) + ": " + message));
            ++checked;
        }
        QVERIFY(checked > 10);
    }

    void gpt2TransformerPrefixAndGgufNamesComeFromTheTable()
    {
        core::ModelConfig c;
        c.arch = core::Arch::Gpt2;
        c.vocab = 10;
        c.dim = 4;
        c.hidden = 8;
        c.nLayers = 1;
        c.nHeads = c.nKvHeads = 1;
        c.headDim = 4;
        c.maxPositions = 3;
        c.positional = core::Positional::Learned;
        c.activation = core::Activation::GeluTanh;
        c.norm = core::NormKind::LayerNorm;
        c.qkvBias = c.outBias = c.mlpBias = true;
        c.tiedEmbeddings = true;
        const auto hf = core::expectedTensors(c, core::TensorNaming::HuggingFace, "transformer.");
        QCOMPARE(QString::fromStdString(hf.front().name), QStringLiteral("transformer.wte.weight"));
        // Conv1D: c_attn stored (in, out) = (4, 12)
        const auto qkv = std::find_if(
            hf.begin(), hf.end(), [](const auto& e) { return e.role == core::WeightRole::QkvFused && !e.bias; });
        QVERIFY(qkv != hf.end());
        QCOMPARE(qkv->shape, (std::vector<std::int64_t> { 4, 12 }));
        const auto gguf = core::expectedTensors(c, core::TensorNaming::Gguf);
        QCOMPARE(QString::fromStdString(gguf.front().name), QStringLiteral("token_embd.weight"));
        const auto qkvG = std::find_if(
            gguf.begin(), gguf.end(), [](const auto& e) { return e.role == core::WeightRole::QkvFused && !e.bias; });
        QCOMPARE(QString::fromStdString(qkvG->name), QStringLiteral("blk.0.attn_qkv.weight"));
        QCOMPARE(qkvG->shape, (std::vector<std::int64_t> { 12, 4 })); // GGUF stores (out, in)
    }
};

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"

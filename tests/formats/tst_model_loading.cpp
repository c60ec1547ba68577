// A model folder that contradicts itself fails to load with a message naming the file and the field.
#include "core/common/error.h"
#include "core/formats/safetensors_file.h"
#include "core/model/model.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

Json readJson(const fs::path& p)
{
    std::ifstream f(p);
    return Json::parse(f);
}

void writeJson(const fs::path& p, const Json& j) { std::ofstream(p, std::ios::trunc) << j.dump(1); }

// The message of the core::Error thrown by f, or "" if nothing was thrown.
QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const core::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestModelLoading : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    fs::path fresh(const char* arch)
    {
        static int n = 0;
        const fs::path p = fs::path(m_dir.path().toStdString()) / (std::string(arch) + std::to_string(n++));
        core::RandomModelSpec s;
        s.arch = arch;
        s.dim = 32;
        s.heads = 4;
        s.kvHeads = std::string(arch) == "llama" ? 2 : 0;
        s.vocab = 256;
        s.context = 32;
        core::writeRandomModel(s, p.string());
        return p;
    }

private slots:
    void loadsEveryArchitecture_data()
    {
        QTest::addColumn<QString>("arch");
        for (const char* a : { "gpt2", "llama", "qwen2", "explorer" })
            QTest::newRow(a) << a;
    }
    void loadsEveryArchitecture()
    {
        QFETCH(QString, arch);
        const auto dir = fresh(arch.toStdString().c_str());
        auto m = core::Model::load(dir.string());
        QCOMPARE(m->config().dim, 32);
        QVERIFY(m->parameterCount() > 0);
        QVERIFY(!m->tokenizerPath().empty());
    }

    void badConfig_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // JSON text
        QTest::addColumn<QString>("expected");
        QTest::newRow("heads do not divide hidden")
            << "num_attention_heads"
            << "5"
            << "num_attention_heads: hidden size 32 is not divisible by 5 heads";
        QTest::newRow("kv heads do not divide heads") << "num_key_value_heads"
                                                      << "3"
                                                      << "num_key_value_heads: 3 kv heads do not divide 4";
        QTest::newRow("eos id beyond vocab") << "eos_token_id"
                                             << "999"
                                             << "eos_token_id: id 999 is not below vocab_size 256";
        QTest::newRow("negative size") << "hidden_size"
                                       << "-32"
                                       << "hidden_size: value -32 is outside";
        QTest::newRow("fractional size") << "num_hidden_layers"
                                         << "2.5"
                                         << "num_hidden_layers: expected a whole number";
        QTest::newRow("string size") << "vocab_size"
                                     << "\"many\""
                                     << "vocab_size: expected a whole number";
        QTest::newRow("unknown architecture") << "model_type"
                                              << "\"mamba\""
                                              << "model_type: unsupported architecture \"mamba\"";
        QTest::newRow("missing model_type") << "model_type"
                                            << "null"
                                            << "model_type: missing";
        QTest::newRow("unknown rope scaling") << "rope_scaling"
                                              << R"({"rope_type": "yarn", "factor": 4.0})"
                                              << "rope_scaling.rope_type: unsupported RoPE scaling \"yarn\"";
        QTest::newRow("llama3 scaling without its factors")
            << "rope_scaling"
            << R"({"rope_type": "llama3", "factor": 8.0, "original_max_position_embeddings": 64})"
            << "rope_scaling.low_freq_factor: missing";
        QTest::newRow("unknown activation") << "hidden_act"
                                            << "\"gelu\""
                                            << "hidden_act: unsupported activation \"gelu\"";
        QTest::newRow("bad eps") << "rms_norm_eps"
                                 << "-1"
                                 << "rms_norm_eps: value -1 is outside";
    }
    void badConfig()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const auto dir = fresh("llama");
        Json cfg = readJson(dir / "config.json");
        cfg[key.toStdString()] = Json::parse(value.toStdString());
        writeJson(dir / "config.json", cfg);
        const QString msg = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(msg.contains("config.json"), qPrintable(msg));
    }

    void configNotJson()
    {
        const auto dir = fresh("gpt2");
        std::ofstream(dir / "config.json", std::ios::trunc) << "{\"model_type\": ";
        const QString msg = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(msg.contains("config.json") && msg.contains("not valid JSON"), qPrintable(msg));
    }

    void missingTensor()
    {
        const auto dir = fresh("gpt2");
        Json cfg = readJson(dir / "config.json");
        cfg["n_layer"] = 3; // the file has 2 layers
        writeJson(dir / "config.json", cfg);
        const QString msg = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(msg.contains("model.safetensors: h.2.ln_1.weight: tensor is missing"), qPrintable(msg));
    }

    void wrongShape()
    {
        const auto dir = fresh("explorer");
        Json cfg = readJson(dir / "config.json");
        cfg["intermediate_size"] = 64; // the file has 4 * 32 = 128
        writeJson(dir / "config.json", cfg);
        const QString msg = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(msg.contains("layers.0.mlp.up_proj.weight: has shape (128, 32) but the config needs (64, 32)"),
            qPrintable(msg));
    }

    void shardPaths_data()
    {
        QTest::addColumn<QString>("shard");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent directory") << "../model.safetensors"
                                          << "must be a plain file name";
        QTest::newRow("absolute path") << "/etc/passwd"
                                       << "must be a plain file name";
        QTest::newRow("missing shard") << "model-00002.safetensors"
                                       << "does not exist";
    }
    void shardPaths()
    {
        QFETCH(QString, shard);
        QFETCH(QString, expected);
        const auto dir = fresh("llama");
        fs::rename(dir / "model.safetensors", dir / "model-00001.safetensors");
        Json index = { { "metadata", Json::object() },
            { "weight_map",
                { { "model.embed_tokens.weight", "model-00001.safetensors" },
                    { "model.norm.weight", shard.toStdString() } } } };
        writeJson(dir / "model.safetensors.index.json", index);
        const QString msg = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(msg.contains("model.safetensors.index.json") && msg.contains(expected), qPrintable(msg));
    }

    void shardedModelLoads()
    {
        const auto dir = fresh("llama");
        fs::rename(dir / "model.safetensors", dir / "model-00001-of-00001.safetensors");
        core::SafetensorsFile f((dir / "model-00001-of-00001.safetensors").string());
        Json map = Json::object();
        for (const auto& t : f.tensors())
            map[t.name] = "model-00001-of-00001.safetensors";
        writeJson(dir / "model.safetensors.index.json", { { "weight_map", map } });
        auto m = core::Model::load(dir.string());
        QCOMPARE(m->config().nLayers, 2);
    }

    void tokenizerIdsBeyondVocab()
    {
        const auto dir = fresh("llama");
        Json tok = readJson(dir / "tokenizer.json");
        tok["added_tokens"] = Json::array({ { { "id", 300 }, { "content", "<|im_end|>" }, { "single_word", false },
            { "lstrip", false }, { "rstrip", false }, { "normalized", false }, { "special", true } } });
        writeJson(dir / "tokenizer.json", tok);
        auto m = core::Model::load(dir.string());
        const auto t = core::Tokenizer::fromFile(m->tokenizerPath());
        const QString msg = errorOf([&] { t.validateAgainstVocab(m->config().vocab); });
        QVERIFY2(msg.contains("tokenizer.json") && msg.contains("embedding rows"), qPrintable(msg));
    }

    void notAFolder()
    {
        const QString msg = errorOf([&] { core::Model::load("/nonexistent/model"); });
        QVERIFY2(msg.contains("/nonexistent/model") && msg.contains("does not exist"), qPrintable(msg));
    }
};

QTEST_APPLESS_MAIN(TestModelLoading)
#include "tst_model_loading.moc"

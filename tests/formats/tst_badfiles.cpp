// Files written to break us (issue 17): numbers too large for a double, special files in place of JSON and weights,
// sizes over the caps, nesting without bound, shape products that wrap, contexts of 10^7. Every one must end in a
// core::Error naming the file (never an abort, a hang or gigabytes), and a huge context must load quickly. The
// files are made by the tests themselves, from a small random model.
#include "core/common/error.h"
#include "core/common/limits.h"
#include "core/common/system_memory.h"
#include "core/formats/safetensors_file.h"
#include "core/model/model.h"
#include "core/model/random_model.h"
#include "core/tokenizer/tokenizer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string readAll(const fs::path& p)
{
    std::ifstream f(p, std::ios::binary);
    return { std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>() };
}

void writeAll(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

// The message of the core::Error thrown by f, or "" if nothing was thrown. Anything else thrown fails the test
// (that is the bug: a nlohmann out_of_range escaping to main aborted the CLI). A call that does not return within
// 20 s (a FIFO read that blocks) fails too; `unblock` then releases it so the test can end.
QString errorOf(const std::function<void()>& f, const std::function<void()>& unblock = {})
{
    auto result = std::async(std::launch::async, [&]() -> QString {
        try {
            f();
        } catch (const core::Error& e) {
            return QString::fromUtf8(e.what());
        } catch (const std::exception& e) {
            return QStringLiteral("NOT A core::Error: ") + QString::fromUtf8(e.what());
        }
        return {};
    });
    if (result.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        if (unblock)
            unblock();
        result.wait();
        return QStringLiteral("BLOCKED");
    }
    return result.get();
}

// Opening the FIFO for writing releases a reader blocked in open(); closing it gives that reader end-of-file.
void releaseFifo(const fs::path& p)
{
    const int fd = ::open(p.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0)
        ::close(fd);
}

// Replaces `key`'s value in a JSON text by `raw` (1e400 cannot be written through nlohmann).
std::string withRawValue(const Json& j, const std::string& key, const std::string& raw)
{
    Json copy = j;
    copy[key] = "@@RAW@@";
    std::string text = copy.dump(1);
    text.replace(text.find("\"@@RAW@@\""), 9, raw);
    return text;
}

} // namespace

class TestBadFiles : public QObject {
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
        s.vocab = 256;
        s.context = 32;
        core::writeRandomModel(s, p.string());
        return p;
    }
    // The folder's weights moved to one shard behind a model.safetensors.index.json.
    fs::path sharded()
    {
        const fs::path dir = fresh("llama");
        core::SafetensorsFile st((dir / "model.safetensors").string());
        Json map = Json::object();
        for (const auto& t : st.tensors())
            map[t.name] = "model-00001-of-00001.safetensors";
        fs::rename(dir / "model.safetensors", dir / "model-00001-of-00001.safetensors");
        writeAll(dir / "model.safetensors.index.json",
            Json { { "metadata", Json::object() }, { "weight_map", map } }.dump());
        return dir;
    }

private slots:
    void shardedFolderLoads() { QVERIFY(core::Model::load(sharded().string())); }

    // Weights that do not fit what the machine has left are refused before any is bound, with both numbers, instead
    // of the out-of-memory killer ending a half-done load. IE_MEMORY_LIMIT plays a small machine; without it the same
    // folder loads.
    void modelLargerThanTheMemoryBudgetIsRefused()
    {
        const fs::path dir = fresh("llama");
        qputenv("IE_MEMORY_LIMIT", "16K");
        QCOMPARE(core::memoryBudgetBytes().value_or(0), std::uint64_t(16384));
        try {
            core::Model::load(dir.string());
            qunsetenv("IE_MEMORY_LIMIT");
            QFAIL("loaded past the memory limit");
        } catch (const core::Error& e) {
            const QString what = QString::fromUtf8(e.what());
            qInfo("%s", qPrintable(what));
            QVERIFY2(what.contains("memory") && what.contains("16384 bytes") && what.contains("IE_MEMORY_LIMIT"),
                qPrintable(what));
        }
        qunsetenv("IE_MEMORY_LIMIT");
        QVERIFY(core::Model::load(dir.string()));
        qputenv("IE_MEMORY_LIMIT", "1.5G");
        QVERIFY(core::memoryBudgetBytes().value_or(0) <= std::uint64_t(1.5 * (1ull << 30)));
        qunsetenv("IE_MEMORY_LIMIT");
    }

    // 1e400 is valid JSON syntax but too large for a double: nlohmann throws out_of_range, not parse_error.
    void numberTooLargeForADouble_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("config.json") << "config.json";
        QTest::newRow("generation_config.json") << "generation_config.json";
        QTest::newRow("model.safetensors.index.json") << "model.safetensors.index.json";
    }
    void numberTooLargeForADouble()
    {
        QFETCH(QString, file);
        const fs::path dir = file.startsWith("model.") ? sharded() : fresh("llama");
        const fs::path p = dir / file.toStdString();
        const Json j = fs::exists(p) ? Json::parse(readAll(p)) : Json::object();
        writeAll(p, withRawValue(j, "some_number", "1e400"));
        const QString e = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(e.contains(file + ": is not valid JSON") && e.contains("1e400"), qPrintable(e));
    }
    void numberTooLargeInASafetensorsHeader()
    {
        const fs::path p = fs::path(m_dir.path().toStdString()) / "huge_number.safetensors";
        const std::string header = R"({"w":{"dtype":"F32","shape":[1e400],"data_offsets":[0,4]}})";
        std::string bytes(8, '\0');
        for (int i = 0; i < 8; ++i)
            bytes[i] = char((header.size() >> (8 * i)) & 0xff);
        writeAll(p, bytes + header + std::string(4, '\0'));
        const QString e = errorOf([&] { core::SafetensorsFile f(p.string()); });
        QVERIFY2(e.contains("huge_number.safetensors: header: is not valid JSON"), qPrintable(e));
    }

    // A FIFO would block the loader forever; /dev/zero never ends. Only regular files are read.
    void specialFilesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("fifo"); // else a symlink to /dev/zero
        for (const char* f : { "config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                 "model.safetensors.index.json" }) {
            QTest::newRow((std::string("fifo ") + f).c_str()) << f << true;
            QTest::newRow((std::string("/dev/zero as ") + f).c_str()) << f << false;
        }
    }
    void specialFilesAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(bool, fifo);
        const fs::path dir = file.startsWith("model.safetensors.index") ? sharded() : fresh("gpt2");
        const fs::path p = dir / file.toStdString();
        fs::remove(p);
        if (fifo)
            QCOMPARE(::mkfifo(p.c_str(), 0600), 0);
        else
            fs::create_symlink("/dev/zero", p);
        const QString e = errorOf(
            [&] {
                if (file == "tokenizer.json")
                    core::Tokenizer::fromFile(p.string());
                else
                    core::Model::load(dir.string());
            },
            [&] { releaseFifo(p); });
        QVERIFY2(e.contains(QString::fromStdString(p.string()) + ": not a regular file"), qPrintable(e));
    }

    // Sizes are checked before reading (sparse files: nothing is written to disk).
    void oversizedFilesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qulonglong>("bytes");
        QTest::newRow("config.json") << "config.json" << qulonglong(core::limits::kMaxConfigJsonBytes + 1);
        QTest::newRow("tokenizer.json") << "tokenizer.json" << qulonglong(core::limits::kMaxTokenizerJsonBytes + 1);
    }
    void oversizedFilesAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(qulonglong, bytes);
        const fs::path dir = fresh("llama");
        const fs::path p = dir / file.toStdString();
        fs::resize_file(p, bytes);
        const QString e = errorOf([&] {
            if (file == "tokenizer.json")
                core::Tokenizer::fromFile(p.string());
            else
                core::Model::load(dir.string());
        });
        QVERIFY2(e.contains(QString::number(bytes) + " bytes, more than the limit"), qPrintable(e));
    }

    void deepNestingIsRefusedBeforeParsing()
    {
        const fs::path dir = fresh("llama");
        Json j = Json::parse(readAll(dir / "config.json"));
        writeAll(dir / "config.json", withRawValue(j, "deep", std::string(100000, '[') + std::string(100000, ']')));
        const QString e = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(e.contains("config.json: arrays and objects nest deeper than 64 levels"), qPrintable(e));
    }

    // 264 heads of 16268816 is 2^32 + 128: in 32 bits qDim() wrapped to 128 and 128-wide weights bound.
    void headProductsDoNotWrap()
    {
        const fs::path dir = fresh("llama");
        Json j = Json::parse(readAll(dir / "config.json"));
        j["num_attention_heads"] = 264;
        j["num_key_value_heads"] = 264;
        j["head_dim"] = 16268816;
        writeAll(dir / "config.json", j.dump());
        const QString e = errorOf([&] { core::Model::load(dir.string()); });
        QVERIFY2(
            e.contains("config.json: num_attention_heads: 264 heads of size 16268816 exceed the limit"), qPrintable(e));
    }

    // A context of 10^7 made `info` on tiny-classic take 52 s and 5 GB (position tables computed in full).
    void hugeContextLoadsQuickly_data()
    {
        QTest::addColumn<QString>("arch");
        QTest::newRow("explorer (sin/cos table)") << "explorer";
        QTest::newRow("llama (RoPE tables)") << "llama";
    }
    void hugeContextLoadsQuickly()
    {
        QFETCH(QString, arch);
        const fs::path dir = fresh(arch.toStdString().c_str());
        Json j = Json::parse(readAll(dir / "config.json"));
        j["max_position_embeddings"] = 10'000'000;
        writeAll(dir / "config.json", j.dump());
        QElapsedTimer timer;
        timer.start();
        const auto m = core::Model::load(dir.string());
        QVERIFY2(timer.elapsed() < 10'000, qPrintable(QString::number(timer.elapsed()) + " ms"));
        QCOMPARE(m->config().declaredPositions, 10'000'000);
        QCOMPARE(m->config().maxPositions, int(core::limits::kMaxContext));
    }
};

QTEST_APPLESS_MAIN(TestBadFiles)
#include "tst_badfiles.moc"

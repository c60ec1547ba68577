// Every way a GGUF file can lie about itself (issue 13, "Bad files") gets a core::Error naming the file and the
// field, before anything is allocated from a count the file states. The files are made here, byte by byte.
#include "core/common/error.h"
#include "core/formats/gguf/gguf_file.h"
#include "core/formats/gguf/gguf_source.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

using core::GgufFile;
using core::GgufType;

namespace {

std::string u8(std::uint8_t v) { return std::string(1, char(v)); }
std::string u32(std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string u64(std::uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }
std::string f32(float v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string str(const std::string& s) { return u64(s.size()) + s; }

// A GGUF file under construction: metadata and tensor infos as raw bytes, so a test can write anything.
struct Builder {
    std::uint32_t version = 3;
    std::string magic = "GGUF";
    std::optional<std::uint64_t> tensorCount, kvCount;
    std::string kvs;
    std::uint64_t nKv = 0;
    std::string infos;
    std::uint64_t nTensors = 0;
    std::string data;
    std::uint32_t alignment = 32;

    Builder& kv(const std::string& key, GgufType type, const std::string& value)
    {
        kvs += str(key) + u32(std::uint32_t(type)) + value;
        ++nKv;
        return *this;
    }
    Builder& kvU32(const std::string& key, std::uint32_t v) { return kv(key, GgufType::UInt32, u32(v)); }
    Builder& kvString(const std::string& key, const std::string& v) { return kv(key, GgufType::String, str(v)); }
    Builder& tensor(const std::string& name, std::vector<std::uint64_t> ne, std::uint32_t type, std::uint64_t offset)
    {
        infos += str(name) + u32(std::uint32_t(ne.size()));
        for (auto d : ne)
            infos += u64(d);
        infos += u32(type) + u64(offset);
        ++nTensors;
        return *this;
    }
    // An F32 tensor of the given dims with its data appended (aligned).
    Builder& f32Tensor(const std::string& name, std::vector<std::uint64_t> ne)
    {
        std::uint64_t n = 1;
        for (auto d : ne)
            n *= d;
        data.resize((data.size() + alignment - 1) / alignment * alignment, '\0');
        tensor(name, ne, 0, data.size());
        for (std::uint64_t i = 0; i < n; ++i)
            data += f32(float(i));
        return *this;
    }
    std::string build() const
    {
        std::string s
            = magic + u32(version) + u64(tensorCount.value_or(nTensors)) + u64(kvCount.value_or(nKv)) + kvs + infos;
        s.resize((s.size() + alignment - 1) / alignment * alignment, '\0');
        return s + data;
    }
};

// The bytes of a default file changed by edit.
template <typename Edit> std::string with(Edit edit)
{
    Builder b;
    edit(b);
    return b.build();
}

std::string write(const QTemporaryDir& dir, const std::string& bytes)
{
    const std::string path = dir.filePath("t.gguf").toStdString();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

} // namespace

class TestGgufFile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Opening the bytes must fail with a core::Error whose field contains `field` and whose message names the file.
    void expectError(const std::string& bytes, const std::string& field, const std::string& words = {})
    {
        const std::string path = write(m_dir, bytes);
        try {
            GgufFile f(path);
            QFAIL(("no error; expected one on field " + field).c_str());
        } catch (const core::Error& e) {
            const std::string what = e.what();
            QVERIFY2(e.file() == path, what.c_str());
            QVERIFY2(e.field().find(field) != std::string::npos, ("field: " + e.field() + " / " + what).c_str());
            QVERIFY2(words.empty() || what.find(words) != std::string::npos, what.c_str());
        }
    }

private slots:
    void readsEveryValueType()
    {
        Builder b;
        b.version = 2;
        b.kv("u8", GgufType::UInt8, u8(200))
            .kv("i8", GgufType::Int8, u8(0xFF))
            .kv("u16", GgufType::UInt16, std::string("\x34\x12", 2))
            .kv("i16", GgufType::Int16, std::string("\xFE\xFF", 2))
            .kvU32("u32", 4000000000u)
            .kv("i32", GgufType::Int32, u32(std::uint32_t(-5)))
            .kv("f32", GgufType::Float32, f32(0.5f))
            .kv("bool", GgufType::Bool, u8(1))
            .kvString("str", "héllo")
            .kv("u64", GgufType::UInt64, u64(1ull << 40))
            .kv("i64", GgufType::Int64, u64(std::uint64_t(-7)))
            .kv("f64", GgufType::Float64, std::string("\0\0\0\0\0\0\xF0\x3F", 8))
            .kv("arr", GgufType::Array, u32(std::uint32_t(GgufType::Int32)) + u64(2) + u32(1) + u32(2))
            .kv("nested", GgufType::Array,
                u32(std::uint32_t(GgufType::Array)) + u64(2) + u32(std::uint32_t(GgufType::String)) + u64(1) + str("a")
                    + u32(std::uint32_t(GgufType::String)) + u64(0))
            .kvU32("general.alignment", 64);
        b.alignment = 64;
        b.f32Tensor("w", { 3, 2 });
        GgufFile f(write(m_dir, b.build()));
        QCOMPARE(f.version(), 2u);
        QCOMPARE(f.alignment(), 64u);
        QCOMPARE(f.getUInt("u8"), std::uint64_t(200));
        QCOMPARE(f.getInt("i8"), std::int64_t(-1));
        QCOMPARE(f.getUInt("u16"), std::uint64_t(0x1234));
        QCOMPARE(f.getInt("i16"), std::int64_t(-2));
        QCOMPARE(f.getUInt("u32"), std::uint64_t(4000000000u));
        QCOMPARE(f.getInt("i32"), std::int64_t(-5));
        QCOMPARE(f.getFloat("f32"), 0.5);
        QCOMPARE(f.getBool("bool"), true);
        QCOMPARE(f.getString("str"), std::string("héllo"));
        QCOMPARE(f.getUInt("u64"), std::uint64_t(1) << 40);
        QCOMPARE(f.getInt("i64"), std::int64_t(-7));
        QCOMPARE(f.getFloat("f64"), 1.0);
        QCOMPARE(f.getIntArray("arr"), (std::vector<std::int64_t> { 1, 2 }));
        const core::GgufValue* nested = f.find("nested");
        QCOMPARE(nested->count, std::uint64_t(2));
        const auto outer = f.arrayItems(*nested);
        QCOMPARE(int(outer.size()), 2);
        QCOMPARE(f.arrayItems(outer[0])[0].str, std::string("a"));
        QCOMPARE(int(f.arrayItems(outer[1]).size()), 0);
        QCOMPARE(int(f.tensors().size()), 1);
        QCOMPARE(f.dataOffset() % 64, std::uint64_t(0));

        core::GgufSource source(write(m_dir, b.build()));
        const core::SourceTensor* w = source.find("w");
        QCOMPARE(w->shape, (std::vector<std::int64_t> { 2, 3 })); // ne [3, 2] -> (2, 3)
        QCOMPARE(core::toFloat(*w)[5], 5.0f);
    }

    void accessorsNameTheKey()
    {
        Builder b;
        b.kvString("general.architecture", "llama").kv("x", GgufType::Int32, u32(std::uint32_t(-1)));
        GgufFile f(write(m_dir, b.build()));
        const auto fails = [&](auto fn, const std::string& key) {
            try {
                fn();
                return false;
            } catch (const core::Error& e) {
                return e.field() == "metadata." + key;
            }
        };
        QVERIFY(fails([&] { f.getUInt("general.architecture"); }, "general.architecture"));
        QVERIFY(fails([&] { f.getUInt("x"); }, "x")); // negative
        QVERIFY(fails([&] { f.getString("missing.key"); }, "missing.key"));
        QVERIFY(fails([&] { f.getStringArray("x"); }, "x"));
        QVERIFY(!f.optUInt("missing.key"));
    }

    // Every prefix of a valid file and a thousand random corruptions: each either opens (and then every tensor
    // and every array reads back) or throws core::Error; never a crash, another exception or a huge allocation.
    void truncatedAndCorrupted()
    {
        Builder b;
        b.kvString("general.architecture", "llama")
            .kvU32("llama.block_count", 2)
            .kv("tokenizer.ggml.tokens", GgufType::Array, u32(8) + u64(3) + str("a") + str("bc") + str("<s>"))
            .kv("tokenizer.ggml.scores", GgufType::Array, u32(6) + u64(3) + f32(0) + f32(-1) + f32(-2))
            .kv("nested", GgufType::Array, u32(9) + u64(1) + u32(4) + u64(2) + u32(7) + u32(8));
        b.f32Tensor("a", { 8, 2 });
        b.data.resize((b.data.size() + 31) / 32 * 32, '\0');
        b.tensor("q", { 32 }, 2, b.data.size()); // one Q4_0 block
        b.data += std::string(18, '\x11');
        const std::string good = b.build();
        GgufFile whole(write(m_dir, good));
        QCOMPARE(int(whole.tensors().size()), 2);

        auto exercise = [&](const std::string& bytes) {
            const std::string path = write(m_dir, bytes);
            try {
                core::GgufSource source(path);
                for (const auto& t : source.tensors())
                    if (std::int64_t(core::toFloat(t).size()) != t.numel())
                        return false;
                for (const auto& [key, value] : source.file().metadata())
                    if (value.type == GgufType::Array)
                        for (const auto& item : source.file().arrayItems(value))
                            source.file().arrayItems(item);
                return true;
            } catch (const core::Error& e) {
                if (e.file() != path)
                    qWarning("error without the file name: %s", e.what());
                return e.file() == path;
            }
        };
        for (std::size_t n = 0; n < good.size(); ++n) {
            const std::string path = write(m_dir, good.substr(0, n));
            bool threw = false;
            try {
                GgufFile f(path);
            } catch (const core::Error&) {
                threw = true;
            }
            QVERIFY2(threw, ("prefix of " + std::to_string(n) + " bytes opened").c_str());
        }
        std::mt19937 rng(42);
        for (int k = 0; k < 1000; ++k) {
            std::string bad = good;
            const std::size_t at = rng() % bad.size();
            if (k % 3 == 0) {
                bad[at] = char(rng());
            } else { // an 8-byte field overwritten with a large or small value
                const std::uint64_t values[] = { ~0ull, 1ull << 63, 1ull << 32, 0, 0xFFFFFFFF, 65 };
                const std::string v = u64(values[rng() % 6]);
                bad.replace(at, std::min<std::size_t>(8, bad.size() - at),
                    v.substr(0, std::min<std::size_t>(8, bad.size() - at)));
            }
            QVERIFY(exercise(bad));
        }
    }

    void halfTensors()
    {
        Builder b;
        const std::uint16_t h[2] = { 0x3C00, 0xC000 }; // F16 1, -2
        const std::uint16_t bf[2] = { 0x3F80, 0x4040 }; // BF16 1, 3
        b.tensor("h", { 2 }, 1, 0).tensor("bf", { 2 }, 30, 32);
        b.data = std::string(reinterpret_cast<const char*>(h), 4) + std::string(28, '\0')
            + std::string(reinterpret_cast<const char*>(bf), 4);
        core::GgufSource s(write(m_dir, b.build()));
        QCOMPARE(core::toFloat(*s.find("h")), (std::vector<float> { 1.0f, -2.0f }));
        QCOMPARE(core::toFloat(*s.find("bf")), (std::vector<float> { 1.0f, 3.0f }));
    }

    void badMagic()
    {
        expectError(with([](Builder& b) { b.magic = "GGUG"; }), "header.magic");
    }

    void badVersion_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("0") << 0;
        QTest::newRow("1") << 1;
        QTest::newRow("4") << 4;
        QTest::newRow("huge") << 0x7fffffff;
    }
    void badVersion()
    {
        QFETCH(int, version);
        expectError(with([&](Builder& b) { b.version = std::uint32_t(version); }), "header.version");
    }

    void tensorCountHuge()
    {
        expectError(with([](Builder& b) { b.tensorCount = 1ull << 63; }), "header.tensor_count");
    }
    void kvCountHuge()
    {
        expectError(with([](Builder& b) { b.kvCount = 1ull << 63; }), "header.metadata_kv_count");
    }
    void truncatedHeader() { expectError(Builder().kvString("a", "b").build().substr(0, 30), "metadata"); }
    void truncatedCounts() { expectError(std::string("GGUF") + u32(3) + u32(0), "header.tensor_count"); }

    void stringPastEnd()
    {
        expectError(Builder().kv("s", GgufType::String, u64(1000) + "abc").build(), "metadata.s", "past the end");
    }
    void stringLengthWraps()
    {
        expectError(Builder().kv("s", GgufType::String, u64(~0ull) + "abc").build(), "metadata.s", "past the end");
    }
    void keyLengthWraps()
    {
        const std::string header = Builder().kv("", GgufType::UInt8, "").build().substr(0, 24); // counts: 0, 1
        expectError(header + u64(~0ull - 3) + "some bytes after", "metadata[0].key", "past the end");
    }
    void arrayCountWraps()
    {
        expectError(Builder().kv("a", GgufType::Array, u32(std::uint32_t(GgufType::UInt32)) + u64(1ull << 62)).build(),
            "metadata.a.count");
        expectError(Builder().kv("a", GgufType::Array, u32(std::uint32_t(GgufType::String)) + u64(~0ull)).build(),
            "metadata.a.count");
    }
    void deepNesting()
    {
        std::string value;
        for (int d = 0; d < 100; ++d)
            value += u32(std::uint32_t(GgufType::Array)) + u64(1);
        expectError(Builder().kv("deep", GgufType::Array, value).build(), "metadata.deep", "nested");
    }
    void emptyKey() { expectError(Builder().kvU32("", 1).build(), "metadata[0].key", "empty"); }
    void duplicateKey() { expectError(Builder().kvU32("a", 1).kvU32("a", 2).build(), "metadata.a", "more than once"); }
    void unknownValueType() { expectError(Builder().kv("a", GgufType(13), u32(0)).build(), "metadata.a.type"); }
    void unknownArrayElementType()
    {
        expectError(Builder().kv("a", GgufType::Array, u32(99) + u64(0)).build(), "metadata.a.type");
    }
    void wrongTypeForKnownKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("alignment") << "general.alignment";
        QTest::newRow("architecture") << "general.architecture";
        QTest::newRow("bos") << "tokenizer.ggml.bos_token_id";
    }
    void wrongTypeForKnownKey()
    {
        QFETCH(QString, key);
        const std::string k = key.toStdString();
        const std::string v = k == "general.architecture" ? u32(1) : f32(1);
        expectError(Builder().kv(k, k == "general.architecture" ? GgufType::UInt32 : GgufType::Float32, v).build(),
            "metadata." + k, "expected");
        expectError(Builder()
                        .kv("tokenizer.ggml.tokens", GgufType::Array, u32(std::uint32_t(GgufType::Int32)) + u64(0))
                        .build(),
            "metadata.tokenizer.ggml.tokens", "expected array of string");
    }
    void badAlignment_data()
    {
        QTest::addColumn<int>("alignment");
        QTest::newRow("0") << 0;
        QTest::newRow("3") << 3;
        QTest::newRow("48") << 48;
    }
    void badAlignment()
    {
        QFETCH(int, alignment);
        expectError(Builder().kvU32("general.alignment", std::uint32_t(alignment)).build(),
            "metadata.general.alignment", "power of two");
    }
    void tensorNameTooLong()
    {
        expectError(Builder().f32Tensor(std::string(64, 'x'), { 4 }).build(), "tensor_infos[0].name", "longer");
        Builder ok;
        ok.f32Tensor(std::string(63, 'x'), { 4 });
        GgufFile f(write(m_dir, ok.build())); // 63 bytes is the limit
        QCOMPARE(int(f.tensors().size()), 1);
    }
    void tooManyDims() { expectError(Builder().tensor("t", { 1, 1, 1, 1, 1 }, 0, 0).build(), "tensor.t.n_dims"); }
    void zeroDim() { expectError(Builder().tensor("t", { 4, 0 }, 0, 0).build(), "tensor.t.ne[1]"); }
    void negativeDim() { expectError(Builder().tensor("t", { ~0ull }, 0, 0).build(), "tensor.t.ne[0]"); }
    void dimProductOverflows()
    {
        expectError(Builder().tensor("t", { 1ull << 32, 1ull << 32 }, 0, 0).build(), "tensor.t.ne", "overflow");
        // numel fits but bytes (x4 for F32) do not
        expectError(Builder().tensor("t", { 1ull << 31, 1ull << 31 }, 0, 0).build(), "tensor.t.ne", "overflow");
    }
    void unknownTensorType()
    {
        expectError(Builder().tensor("t", { 32 }, 99, 0).build(), "tensor.t.type", "unknown");
        expectError(Builder().tensor("t", { 32 }, 9, 0).build(), "tensor.t.type"); // Q8_1: not a storage type
    }
    void rowNotWholeBlocks() { expectError(Builder().tensor("t", { 48, 2 }, 2, 0).build(), "tensor.t.ne[0]", "block"); }
    void misalignedOffset() { expectError(Builder().tensor("t", { 4 }, 0, 4).build(), "tensor.t.offset", "alignment"); }
    void offsetPastEnd()
    {
        expectError(Builder().tensor("t", { 4 }, 0, 1024).build(), "tensor.t.offset", "past the end");
        expectError(Builder().tensor("t", { 4 }, 0, ~0ull - 31).build(), "tensor.t.offset", "past the end"); // wraps
    }
    void truncatedData()
    {
        Builder b;
        b.f32Tensor("t", { 64 });
        const std::string bytes = b.build();
        expectError(bytes.substr(0, bytes.size() - 4), "tensor.t.offset", "past the end");
    }
    void duplicateTensorNames()
    {
        expectError(Builder().f32Tensor("t", { 4 }).f32Tensor("t", { 4 }).build(), "tensor.t", "more than once");
    }
};

QTEST_APPLESS_MAIN(TestGgufFile)
#include "tst_gguffile.moc"

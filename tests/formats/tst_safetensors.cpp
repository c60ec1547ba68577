// Every way a .safetensors file can lie about itself gets a clear error naming the file and the field.
#include "core/common/error.h"
#include "core/formats/safetensors_file.h"
#include "core/formats/safetensors_writer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using core::SafetensorsFile;

namespace {

std::string writeBytes(const QTemporaryDir& dir, const std::string& bytes)
{
    const std::string path = dir.filePath("t.safetensors").toStdString();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

// 8-byte little-endian length + header + data
std::string file(const std::string& header, std::size_t dataBytes, std::uint64_t declaredLen = UINT64_MAX)
{
    std::uint64_t n = declaredLen == UINT64_MAX ? header.size() : declaredLen;
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i)
        s[i] = char((n >> (8 * i)) & 0xff);
    return s + header + std::string(dataBytes, '\x01');
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        core::SafetensorsWriter w;
        w.addF32("b", { 2, 3 }, { 1, 2, 3, 4, 5, 6 });
        w.addConverted("a", core::DType::BF16, { 2 }, { 1.5f, -2.0f });
        w.addConverted("h", core::DType::F16, { 3 }, { 0.1f, 65504.0f, -1e-6f });
        w.addI32("ids", { 3 }, { 7, 8, 9 });
        w.setMetadata("format", "pt");
        const std::string path = dir.filePath("ok.safetensors").toStdString();
        w.write(path);
        SafetensorsFile f(path);
        QCOMPARE(int(f.tensors().size()), 4);
        QCOMPARE(f.metadata().at("format"), std::string("pt"));
        const auto* b = f.find("b");
        QVERIFY(b);
        QCOMPARE(b->shapeString(), std::string("(2, 3)"));
        QVERIFY(f.usableInPlace(*b));
        QCOMPARE(f.toFloat(*b)[5], 6.0f);
        QCOMPARE(f.toFloat(*f.find("a"))[0], 1.5f);
        const auto h = f.toFloat(*f.find("h"));
        QVERIFY(std::abs(h[0] - 0.1f) < 1e-4f);
        QCOMPARE(h[1], 65504.0f);
        QVERIFY(std::abs(h[2] + 1e-6f) < 1e-7f); // subnormal in F16
        QCOMPARE(f.toInt(*f.find("ids"))[2], std::int64_t(9));
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // a piece of the message: the field and the problem
        const std::string okEntry = R"("w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
        auto row = [](const char* name, const std::string& bytes, const char* expected) {
            QTest::newRow(name) << QByteArray(bytes.data(), int(bytes.size())) << QString(expected);
        };
        row("shorter than 8 bytes", std::string("\x05\x00\x00", 3), "shorter than the 8-byte header length");
        row("header over 100 MB", file("{}", 0, 200'000'000), "over the limit");
        row("header past end of file", file("{}", 0, 4096), "runs past the end of the file");
        row("header not UTF-8", file("{\"\xff\":1}", 0), "not valid UTF-8");
        row("header not JSON", file("{\"w\":", 0), "not valid JSON");
        row("header not an object", file("[1,2]", 0), "must be a JSON object");
        row("duplicate keys", file("{" + okEntry + "," + okEntry + "}", 8), "header.w: key appears more than once");
        row("overlapping offsets",
            file(
                R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                12),
            "overlaps the previous tensor");
        row("gap between tensors",
            file(
                R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                12),
            "header.b.data_offsets: leaves a gap of 4 bytes");
        row("offsets backwards", file(R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", 8),
            "is before begin");
        row("offsets past the end", file(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8),
            "past the end of the data");
        row("length not shape x dtype", file(R"({"w":{"dtype":"F16","shape":[3],"data_offsets":[0,8]}})", 8),
            "holds 8 bytes but shape (3,) of F16 needs 6");
        row("shape product overflows",
            file(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,8]}})", 8), "overflows");
        row("negative size", file(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8),
            "header.w.shape[0]: negative size");
        row("fractional size", file(R"({"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", 8),
            "expected a whole number");
        row("negative offset", file(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", 8),
            "data_offsets[0]");
        row("unknown dtype", file(R"({"w":{"dtype":"F8_E9","shape":[2],"data_offsets":[0,8]}})", 8),
            "unknown dtype \"F8_E9\"");
        row("trailing bytes", file("{" + okEntry + "}", 12), "4 trailing bytes");
        row("entry not an object", file(R"({"w":[1,2]})", 0), "header.w: must be an object");
        row("missing data_offsets", file(R"({"w":{"dtype":"F32","shape":[2]}})", 8), "header.w.data_offsets");
        row("metadata not strings", file(R"({"__metadata__":{"a":1}})", 0), "header.__metadata__.a");
    }

    void rejectsMalformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = writeBytes(dir, bytes.toStdString());
        try {
            SafetensorsFile f(path);
            QFAIL("opened a malformed file");
        } catch (const core::Error& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(expected), qPrintable("message: " + msg));
            QVERIFY2(
                msg.startsWith(QString::fromStdString(path)), qPrintable("message does not name the file: " + msg));
        }
    }

    void missingFileNamesIt()
    {
        try {
            SafetensorsFile f("/nonexistent/model.safetensors");
            QFAIL("opened a missing file");
        } catch (const core::Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/model.safetensors"));
        }
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"

// inference-cli as a script sees it: exit codes (0 ok, 1 bad input naming the file and field, 2 usage), JSON
// that parses, and the shipped model's answer.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(IE_CLI, args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

const QString kModel = QStringLiteral(IE_SOURCE_DIR "/sample_models/tiny-gpt2");

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("no command") << QStringList {} << 2 << "usage";
        QTest::newRow("unknown command") << QStringList { "fly" } << 2 << "unknown command";
        QTest::newRow("unknown option") << QStringList { "info", kModel, "--colour" } << 2 << "unknown option --colour";
        QTest::newRow("missing model") << QStringList { "info", "/nonexistent" } << 1 << "/nonexistent: does not exist";
        QTest::newRow("token outside vocab")
            << QStringList { "logits", kModel, "--tokens", "1,99999" } << 1 << "tokens[1]: id 99999";
        QTest::newRow("not a token id") << QStringList { "logits", kModel, "--tokens", "1,x" } << 2 << "not a token id";
        QTest::newRow("negative temperature") << QStringList { "generate", kModel, "--prompt", "a", "--temperature",
            "-1" } << 1 << "temperature: must be >= 0";
        QTest::newRow("empty prompt") << QStringList { "generate", kModel, "--prompt", "" } << 1
                                      << "the prompt is empty";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
    }

    void infoJson()
    {
        const Run r = cli({ "info", kModel, "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["architecture"].toString(), QString("gpt2"));
        QVERIFY(j["parameters"].toDouble() > 1e5);
    }

    void capitalOfFrance()
    {
        const Run r = cli({ "generate", kModel, "--prompt", "The capital of France is", "--temperature", "0",
            "--max-new-tokens", "3" });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(" Paris"), r.out.constData());
    }

    void generateJsonHasEveryStage()
    {
        const Run r = cli({ "generate", kModel, "--prompt", "Once upon a time", "--temperature", "0.8", "--top-k", "20",
            "--seed", "3", "--max-new-tokens", "4", "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["steps"].toArray().size(), 4);
        QVERIFY(j["order"].toArray().contains(QJsonValue("top_k")));
        QCOMPARE(j["stop"].toObject()["reason"].toString(), QString("max_new_tokens"));
        QVERIFY(j["metrics"].toObject()["ttft_seconds"].toDouble() > 0);
    }

    void beamJson()
    {
        const Run r = cli({ "beam", kModel, "--prompt", "The capital of France is", "--beams", "3", "--max-new-tokens",
            "5", "--json" });
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(!j["hypotheses"].toArray().isEmpty());
        QVERIFY(j["tree"].toObject()["nodes"].toArray().size() > 3);
    }

    void traceAndPlan()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("trace.json");
        QCOMPARE(cli({ "trace", kModel, "--prompt", "Paris", "--out", out }).code, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto events = QJsonDocument::fromJson(f.readAll()).object()["events"].toArray();
        const Run plan = cli({ "plan", kModel, "--json" });
        QCOMPARE(events.size(), QJsonDocument::fromJson(plan.out).object()["nodes"].toArray().size());
    }

    void makeRandomThenLogits()
    {
        QTemporaryDir dir;
        const QString m = dir.filePath("m");
        QCOMPARE(cli({ "make-random", "--arch", "qwen2", "--dim", "32", "--layers", "1", "--heads", "4", "--kv-heads",
                         "2", "--vocab", "300", "--out", m })
                     .code,
            0);
        const Run r = cli({ "logits", m, "--prompt", "hello", "--top", "3", "--json" });
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["top"].toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

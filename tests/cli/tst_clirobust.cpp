// inference-cli on hostile input (issue 17): every failure is exit 1 or 2 with a message, never an abort (exit 134
// was `terminate called after throwing ... out_of_range` for 1e400 in config.json), and --logit-bias reads its
// halves safely (a pointer into a destroyed temporary; run under ASan in CI) and range-checks ids before narrowing
// (4294968307 silently became id 1011).
#include <QDir>
#include <QFile>
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

class TestCliRobust : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A copy of tiny-gpt2 whose `file` gets `"some_number": 1e400` added.
    QString withHugeNumber(const QString& file)
    {
        const QString dir = m_dir.filePath(file);
        QDir().mkpath(dir);
        for (const QString& f : QDir(kModel).entryList(QDir::Files))
            QFile::copy(kModel + "/" + f, dir + "/" + f);
        QFile f(dir + "/" + file);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QByteArray text = f.readAll().trimmed();
        f.close();
        text.chop(1); // the closing brace
        text += ", \"some_number\": 1e400}";
        QFile::remove(dir + "/" + file);
        QFile out(dir + "/" + file);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(text);
        return dir;
    }

private slots:
    void hugeNumberIsExitOneWithAMessage_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("config.json") << "config.json";
        QTest::newRow("generation_config.json") << "generation_config.json";
    }
    void hugeNumberIsExitOneWithAMessage()
    {
        QFETCH(QString, file);
        const QString dir = withHugeNumber(file);
        QVERIFY(!dir.isEmpty());
        const Run r = cli({ "info", dir });
        QCOMPARE(r.code, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(file + ": is not valid JSON"), r.err.constData());
    }

    void logitBias_data()
    {
        QTest::addColumn<QString>("bias");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("ban a token") << "5=-inf" << 0 << "";
        QTest::newRow("boost a token") << "104=2.5" << 0 << "";
        QTest::newRow("id past int32") << "4294968307=-inf" << 2 << "token id 4294968307 is out of range";
        QTest::newRow("id past int64") << "99999999999999999999=1" << 2 << "is not a token id";
        QTest::newRow("id outside vocab") << "99999=1" << 1 << "logit_bias[99999]: token id is outside the vocabulary";
        QTest::newRow("not a number") << "5=x" << 2 << "\"x\" is not a number";
        QTest::newRow("no id") << "=1" << 2 << "is not a token id";
    }
    void logitBias()
    {
        QFETCH(QString, bias);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        const Run r = cli({ "generate", kModel, "--prompt", "Once", "--max-new-tokens", "2", "--logit-bias", bias });
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrHas), r.err.constData());
    }

    // With every other token banned, the one left must be generated: the bias reached the right id.
    void logitBiasReachesTheRightToken()
    {
        QStringList args { "generate", kModel, "--tokens", "1", "--max-new-tokens", "1", "--top-k", "1", "--logit-bias",
            "104=100", "--json" };
        const Run r = cli(args);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("104"), r.out.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliRobust)
#include "tst_clirobust.moc"

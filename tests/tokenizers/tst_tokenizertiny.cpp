// The hand-made tiny tokenizer.json files (tests/data/tokenizers/tiny/, one per normalizer / pre-tokenizer /
// decoder feature the real files do not use) against the reference's golden encodings of the whole corpus.
#include "golden_check.h"

#include <QDir>
#include <QTest>

class TestTokenizerTiny : public QObject {
    Q_OBJECT
private slots:
    void matchesReference_data();
    void matchesReference();
};

void TestTokenizerTiny::matchesReference_data()
{
    QTest::addColumn<QString>("name");
    const QDir dir(IE_TEST_DATA_DIR "/tokenizers/tiny");
    const QStringList files = dir.entryList({ "*.json" }, QDir::Files, QDir::Name);
    int rows = 0;
    for (const QString& f : files) {
        if (f.startsWith("golden_"))
            continue;
        const QString name = f.chopped(5);
        QTest::newRow(qPrintable(name)) << name;
        ++rows;
    }
    QVERIFY2(rows >= 10, "tiny tokenizer files missing");
}

void TestTokenizerTiny::matchesReference()
{
    QFETCH(QString, name);
    const std::string dir = IE_TEST_DATA_DIR "/tokenizers/";
    const core::Tokenizer tok = core::Tokenizer::fromFile(dir + "tiny/" + name.toStdString() + ".json");
    const auto corpus = golden::readJson(dir + "corpus.json");
    const auto expected = golden::readJson(dir + "tiny/golden_" + name.toStdString() + ".json");
    golden::Stats stats;
    const auto errors = golden::compare(tok, corpus, expected, stats);
    for (std::size_t i = 0; i < errors.size() && i < 15; ++i)
        qWarning("%s", errors[i].c_str());
    qInfo("%s: %d strings, %lld tokens, %d round trips, %zu mismatches", qPrintable(name), stats.strings, stats.tokens,
        stats.roundTrips, errors.size());
    QCOMPARE(errors.size(), std::size_t { 0 });
}

QTEST_GUILESS_MAIN(TestTokenizerTiny)
#include "tst_tokenizertiny.moc"

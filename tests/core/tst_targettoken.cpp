// core::targetToken: what a user types for an analysis's token ("#id" or a one-token text) becomes that id, and
// anything else is refused with the field and the text named (the pieces listed for a text of several tokens).
#include "core/analysis/target_token.h"
#include "core/common/error.h"
#include "core/loader/loaded_model.h"

#include <QTest>

class TestTargetToken : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void idsAndOneTokenTexts();
    void refusals_data();
    void refusals();

private:
    std::shared_ptr<const core::LoadedModel> m_model; // tiny-llama: a BPE tokenizer with " Paris" as one token
};

void TestTargetToken::initTestCase()
{
    m_model = core::openModel(IE_SOURCE_DIR "/sample_models/tiny-llama");
    QVERIFY(m_model->tokenizer);
}

void TestTargetToken::idsAndOneTokenTexts()
{
    const core::Tokenizer* tok = &*m_model->tokenizer;
    const int vocab = m_model->config().vocab;
    QCOMPARE(core::targetToken(tok, vocab, "#0", "--target"), 0);
    QCOMPARE(core::targetToken(tok, vocab, "#" + std::to_string(vocab - 1), "--target"), vocab - 1);
    const auto paris = tok->encodeIds(" Paris", false);
    QCOMPARE(paris.size(), std::size_t(1));
    QCOMPARE(core::targetToken(tok, vocab, " Paris", "target"), paris[0]);
    // Without a tokenizer an id still works.
    QCOMPARE(core::targetToken(nullptr, vocab, "#7", "target"), 7);
}

void TestTargetToken::refusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("withTokenizer");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id past the vocabulary") << "#2048" << true << "expected one token id below 2048";
    QTest::newRow("not a number") << "#12a" << true << "expected one token id below 2048";
    QTest::newRow("negative") << "#-1" << true << "expected one token id below 2048";
    QTest::newRow("several tokens") << " Paris is" << true << "is 2 tokens";
    QTest::newRow("no token") << "" << true << "is 0 tokens";
    QTest::newRow("text without tokenizer") << " Paris" << false << "no tokenizer";
}

void TestTargetToken::refusals()
{
    QFETCH(QString, text);
    QFETCH(bool, withTokenizer);
    QFETCH(QString, expected);
    try {
        core::targetToken(
            withTokenizer ? &*m_model->tokenizer : nullptr, m_model->config().vocab, text.toStdString(), "--minus");
        QFAIL("accepted");
    } catch (const core::Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(QStringLiteral("--minus")) && message.contains(expected), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("\"%1\"").arg(text)), qPrintable(message));
    }
}

QTEST_APPLESS_MAIN(TestTargetToken)
#include "tst_targettoken.moc"

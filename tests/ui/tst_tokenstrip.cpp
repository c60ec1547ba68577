// The token strip: clicking a chip selects that position; arrow keys move; special tokens are flagged.
#include "ui/widgets/token_strip.h"

#include <QSignalSpy>
#include <QTest>

using ui::TokenStrip;

class TestTokenStrip : public QObject {
    Q_OBJECT
private slots:
    void clickSelectsToken_data();
    void clickSelectsToken();
    void keysMoveSelection();
    void wrapsOnNarrowWidth();
    void penalisedTokensGetTheBar();
};

void TestTokenStrip::clickSelectsToken_data()
{
    QTest::addColumn<int>("cell");
    QTest::newRow("first") << 0;
    QTest::newRow("middle") << 2;
    QTest::newRow("last") << 3;
}

void TestTokenStrip::clickSelectsToken()
{
    QFETCH(int, cell);
    TokenStrip strip;
    strip.setTokens(QStringList { "Once", " upon", " a", " time" });
    strip.resize(400, 60);
    QSignalSpy selected(&strip, &TokenStrip::tokenSelected);
    QTest::mouseClick(&strip, Qt::LeftButton, {}, strip.cellRect(cell).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.takeFirst().at(0).toInt(), cell);
    QCOMPARE(strip.selected(), cell);
}

void TestTokenStrip::keysMoveSelection()
{
    TokenStrip strip;
    strip.setTokens(QStringList { "a", "b", "c" });
    strip.resize(300, 60);
    QSignalSpy selected(&strip, &TokenStrip::tokenSelected);
    QTest::keyClick(&strip, Qt::Key_Right);
    QCOMPARE(strip.selected(), 0);
    QTest::keyClick(&strip, Qt::Key_End);
    QCOMPARE(strip.selected(), 2);
    QTest::keyClick(&strip, Qt::Key_Left);
    QCOMPARE(strip.selected(), 1);
    QCOMPARE(selected.count(), 3);
}

void TestTokenStrip::wrapsOnNarrowWidth()
{
    TokenStrip strip;
    QStringList many;
    for (int i = 0; i < 40; ++i)
        many << QStringLiteral("token%1").arg(i);
    strip.setTokens(many);
    QVERIFY(strip.heightForWidth(200) > strip.heightForWidth(2000));
    strip.resize(200, strip.heightForWidth(200));
    QVERIFY(strip.cellRect(39).top() > strip.cellRect(0).top());
    QVERIFY(strip.cellRect(39).right() <= 200);
}

// The vermilion bar is painted under exactly the penalised chips.
void TestTokenStrip::penalisedTokensGetTheBar()
{
    ui::TokenStrip strip;
    strip.setTokens(QStringList { "the", " cat", " sat", " the" });
    strip.resize(500, strip.heightForWidth(500));
    const QColor vermilion(0xd5, 0x5e, 0x00);
    auto barColour = [&](int position) {
        const QImage image = strip.grab().toImage();
        const QRect r = strip.cellRect(position);
        const qreal dpr = image.devicePixelRatio();
        return image.pixelColor(QPoint(int(r.center().x() * dpr), int((r.bottom() - 1) * dpr)));
    };
    QVERIFY(barColour(1) != vermilion);
    strip.setPenalised({ 1, 3 });
    QCOMPARE(barColour(1), vermilion);
    QCOMPARE(barColour(3), vermilion);
    QVERIFY(barColour(0) != vermilion);
    QVERIFY(barColour(2) != vermilion);
    QVERIFY(strip.isPenalised(3) && !strip.isPenalised(2));
}

QTEST_MAIN(TestTokenStrip)
#include "tst_tokenstrip.moc"

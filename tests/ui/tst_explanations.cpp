// Every op kind has an explanation in English and Turkish, and every placeholder in them is filled in.
#include "random_model.h"

#include "core/plan/op_kind.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/explanation_panel.h"

#include <QRegularExpression>
#include <QTest>

using ui::ExplanationPanel;

class TestExplanations : public QObject {
    Q_OBJECT
private slots:
    void everyKindHasBothLanguages_data();
    void everyKindHasBothLanguages();
    void placeholdersAreFilled();
    void decodePassIsExplainedAsSuch();
};

void TestExplanations::everyKindHasBothLanguages_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("overview") << QStringLiteral("overview");
    QTest::newRow("flash_attention") << QStringLiteral("flash_attention"); // the attention tab's tile walk
    for (int k = int(core::OpKind::Embed); k <= int(core::OpKind::OutputSoftmax); ++k) {
        const char* name = core::opKindName(core::OpKind(k));
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void TestExplanations::everyKindHasBothLanguages()
{
    QFETCH(QString, kind);
    ExplanationPanel panel; // loads the resources
    const QString en = ExplanationPanel::loadText(kind, QStringLiteral("en"));
    const QString tr = ExplanationPanel::loadText(kind, QStringLiteral("tr"));
    QVERIFY2(en.size() > 100, qPrintable(kind));
    QVERIFY2(tr.size() > 100, qPrintable(kind));
    QVERIFY(en != tr);
}

void TestExplanations::placeholdersAreFilled()
{
    QTemporaryDir dir;
    ui::SessionController c;
    c.loadModel(testing::makeRandomModel(dir));
    c.setPrompt(QStringLiteral("hello"));
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass(), 10000);
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished(), 10000);
    ExplanationPanel panel;
    panel.setModel(c.model());
    const QRegularExpression unfilled(QStringLiteral("\\{[A-Za-z]+\\}"));
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("tr") }) {
        panel.setLanguage(lang);
        for (int node = -1; node < c.model().plan.size(); ++node) {
            c.seek(node);
            QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), node, 5000);
            panel.setStep(c.current());
            QCOMPARE(panel.kind(), node < 0 ? QStringLiteral("overview") : c.model().plan[node].kind);
            QVERIFY2(!unfilled.match(panel.markdown()).hasMatch(), qPrintable(panel.markdown()));
        }
    }
    // The attention formula carries the model's head size.
    panel.setLanguage(QStringLiteral("en"));
    for (int node = 0; node < c.model().plan.size(); ++node)
        if (c.model().plan[node].kind == QLatin1String("softmax")) {
            c.seek(node);
            QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), node, 5000);
            panel.setStep(c.current());
            QVERIFY(panel.markdown().contains(QStringLiteral("d = %1").arg(c.model().headDim)));
            panel.setLanguage(QStringLiteral("tr"));
            QVERIFY(panel.markdown().contains(QStringLiteral("dikkat olasılıkları")));
            QVERIFY(panel.markdown().contains(QStringLiteral("katman 0")));
            break;
        }
}

// In a decode pass every op's text is preceded by the decode note, with the real step and context filled in.
void TestExplanations::decodePassIsExplainedAsSuch()
{
    QTemporaryDir dir;
    ui::SessionController c;
    c.loadModel(testing::makeRandomModel(dir));
    c.setPrompt(QStringLiteral("hello"));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 10000);
    ExplanationPanel panel;
    panel.setModel(c.model());
    c.seek(3);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), 3, 5000);
    panel.setStep(c.current());
    QVERIFY(!panel.markdown().contains(QStringLiteral("Decode step")));
    c.runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(c.current().finished() && !c.isBusy(), 10000);
    c.decodeNext();
    QTRY_VERIFY_WITH_TIMEOUT(c.tokens().size() == 6 && !c.isBusy(), 10000);
    const QRegularExpression unfilled(QStringLiteral("\\{[A-Za-z]+\\}"));
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("tr") }) {
        panel.setLanguage(lang);
        for (int node = -1; node < c.model().plan.size(); node += 7) {
            c.seek(node);
            QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), node, 5000);
            panel.setStep(c.current());
            QVERIFY2(!unfilled.match(panel.markdown()).hasMatch(), qPrintable(panel.markdown()));
            QVERIFY2(panel.markdown().contains(lang == QLatin1String("en") ? QStringLiteral("Decode step 1.")
                                                                           : QStringLiteral("Decode adımı 1.")),
                qPrintable(panel.markdown()));
            QVERIFY2(panel.markdown().contains(QStringLiteral("**6**")), qPrintable(panel.markdown())); // ctx = 5 + 1
        }
    }
}

QTEST_MAIN(TestExplanations)
#include "tst_explanations.moc"

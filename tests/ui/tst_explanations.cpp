// Every op kind has an explanation in English and Turkish, and every placeholder in them is filled in.
#include "random_model.h"

#include "core/plan/op_kind.h"
#include "core/sampling/stage_descriptor.h"
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
    void everyTopicHasBothLanguagesAndFilledPlaceholders();
    void withoutAModelOrAPassTheOverviewSaysWhatIsMissing();
    void residualFormulaFollowsTheNormPlacement_data();
    void residualFormulaFollowsTheNormPlacement();
};

void TestExplanations::everyKindHasBothLanguages_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("overview") << QStringLiteral("overview");
    QTest::newRow("flash_attention") << QStringLiteral("flash_attention"); // the attention tab's tile walk
    for (int k = 0; k < core::kOpKindCount; ++k) {
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

// Every sampling stage, penalty, beam scoring, speed and GQA page exists in both languages, fills its
// placeholders with the model's numbers, and a stage's page is named like the stage (the sampling lab opens it).
void TestExplanations::everyTopicHasBothLanguagesAndFilledPlaceholders()
{
    QTemporaryDir dir;
    ui::SessionController c;
    c.loadModel(testing::makeRandomModel(dir, QStringLiteral("m"), "llama", 2, 4));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasModel(), 10000);
    ExplanationPanel panel;
    panel.setModel(c.model());
    const QRegularExpression unfilled(QStringLiteral("\\{[A-Za-z]+\\}"));
    for (const core::StageDescriptor& stage : core::stageDescriptors())
        QVERIFY2(
            ExplanationPanel::topics().contains(QString::fromLatin1(stage.name.data(), qsizetype(stage.name.size()))),
            stage.name.data());
    for (const QString& topic : ExplanationPanel::topics()) {
        const QString en = ExplanationPanel::loadText(topic, QStringLiteral("en"));
        const QString tr = ExplanationPanel::loadText(topic, QStringLiteral("tr"));
        QVERIFY2(en.size() > 200 && tr.size() > 200 && en != tr, qPrintable(topic));
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("tr") }) {
            panel.setLanguage(lang);
            QVERIFY(panel.showTopic(topic));
            QCOMPARE(panel.kind(), topic);
            QVERIFY2(!unfilled.match(panel.markdown()).hasMatch(), qPrintable(panel.markdown()));
        }
    }
    panel.setLanguage(QStringLiteral("en"));
    QVERIFY(panel.showTopic(QStringLiteral("gqa")));
    QVERIFY2(panel.markdown().contains(QStringLiteral("**%1 KV heads**").arg(c.model().kvHeads)),
        qPrintable(panel.markdown()));
    QVERIFY(!panel.showTopic(QStringLiteral("no_such_page")));
    QCOMPARE(panel.kind(), QStringLiteral("gqa"));
    panel.setStep(c.current()); // the next step shows its op again
    QCOMPARE(panel.kind(), QStringLiteral("overview"));
}

// A model that failed to load used to leave "0 transformer blocks … vectors of 0 numbers"; a prompt that did not
// run, "T tokens".
void TestExplanations::withoutAModelOrAPassTheOverviewSaysWhatIsMissing()
{
    ExplanationPanel panel;
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("tr") }) {
        panel.setLanguage(lang);
        panel.setModel(ui::ModelInfo {});
        QVERIFY2(!panel.markdown().contains(QStringLiteral(" 0 ")), qPrintable(panel.markdown()));
        QVERIFY2(panel.markdown().contains(QStringLiteral("Ctrl+O")), qPrintable(panel.markdown()));
    }
    QTemporaryDir dir;
    ui::SessionController c;
    c.loadModel(testing::makeRandomModel(dir));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasModel(), 10000);
    panel.setLanguage(QStringLiteral("en"));
    panel.setModel(c.model());
    QVERIFY2(!panel.markdown().contains(QStringLiteral("T tokens")), qPrintable(panel.markdown()));
    QVERIFY2(panel.markdown().contains(QStringLiteral("Ctrl+Return")), qPrintable(panel.markdown()));
    c.setPrompt(QStringLiteral("hello"));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 10000);
    panel.setStep(c.current());
    QCOMPARE(panel.kind(), QStringLiteral("overview"));
    QVERIFY2(panel.markdown().contains(QStringLiteral("**5 tokens**")), qPrintable(panel.markdown()));
}

// A post-norm model's residual page shows the post-norm formula (the norm after the sum), a pre-norm model's the
// pre-norm one.
void TestExplanations::residualFormulaFollowsTheNormPlacement_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("wrong");
    QTest::newRow("post-norm (explorer)") << "explorer"
                                          << "x = Norm(x + Attention(x))"
                                          << "Attention(Norm(x))";
    QTest::newRow("pre-norm (gpt2)") << "gpt2"
                                     << "x = x + Attention(Norm(x))"
                                     << "Norm(x + Attention";
}

void TestExplanations::residualFormulaFollowsTheNormPlacement()
{
    QFETCH(QString, arch);
    QFETCH(QString, formula);
    QFETCH(QString, wrong);
    QTemporaryDir dir;
    ui::SessionController c;
    c.loadModel(testing::makeRandomModel(dir, QStringLiteral("m"), arch.toLatin1().constData()));
    c.setPrompt(QStringLiteral("hello"));
    QTRY_VERIFY_WITH_TIMEOUT(c.hasPass() && !c.isBusy(), 10000);
    int node = 0;
    while (node < c.model().plan.size() && c.model().plan[node].kind != QLatin1String("residual_add"))
        ++node;
    QVERIFY(node < c.model().plan.size());
    c.seek(node);
    QTRY_COMPARE_WITH_TIMEOUT(c.cursor(), node, 5000);
    ExplanationPanel panel;
    panel.setModel(c.model());
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("tr") }) {
        panel.setLanguage(lang);
        panel.setStep(c.current());
        QVERIFY2(panel.markdown().contains(formula), qPrintable(panel.markdown()));
        QVERIFY2(!panel.markdown().contains(wrong), qPrintable(panel.markdown()));
    }
}

QTEST_MAIN(TestExplanations)
#include "tst_explanations.moc"

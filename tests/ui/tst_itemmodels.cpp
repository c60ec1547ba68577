// Every item model passes QAbstractItemModelTester, filled from a real loaded model and prompt, and while changing.
#include "random_model.h"

#include "core/loader/loaded_model.h"
#include "ui/session/model_card_model.h"
#include "ui/session/model_info.h"
#include "ui/session/model_locator.h"
#include "ui/session/plan_model.h"
#include "ui/session/probability_text.h"
#include "ui/session/session_controller.h"
#include "ui/session/token_list_model.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

class TestItemModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tokenListModel();
    void planModel();
    void modelCardModel();
    void modelCardOfGguf();
    void modelPathFor();
    void probabilityTextKeepsSmallValuesApart_data();
    void probabilityTextKeepsSmallValuesApart();

private:
    QTemporaryDir m_dir;
    ui::SessionController* m_controller = nullptr;
};

void TestItemModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString folder = testing::makeRandomModel(m_dir);
    m_controller = new ui::SessionController(this);
    m_controller->loadModel(folder);
    m_controller->setPrompt(QStringLiteral("Hi <there>\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->tokens().size(), 11, 10000);
}

void TestItemModels::tokenListModel()
{
    ui::TokenListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setTokens(m_controller->tokens());
    QCOMPARE(model.rowCount(), 11);
    const QModelIndex first = model.index(0, 0);
    QCOMPARE(model.data(first, ui::TokenListModel::IdRole).toInt(), int('H'));
    QCOMPARE(model.data(first).toString(), QStringLiteral("H"));
    QVERIFY(model.data(first, Qt::ToolTipRole).toString().contains(QStringLiteral("48")));
    QCOMPARE(model.data(model.index(2, 0), ui::TokenListModel::VisibleTextRole).toString(), QString(QChar(0x2423)));
    QCOMPARE(model.data(model.index(10, 0), ui::TokenListModel::VisibleTextRole).toString(), QString(QChar(0x21B5)));
    // One spelling: the tooltip names a token as the strip shows it ("␣"), not as the vocabulary stores it ("Ġ").
    QCOMPARE(model.data(model.index(2, 0), ui::TokenListModel::PieceRole).toString(), QString(QChar(0x120)));
    const QString spaceTip = model.data(model.index(2, 0), Qt::ToolTipRole).toString();
    QVERIFY2(spaceTip.startsWith(QChar(0x2423)), qPrintable(spaceTip));
    QVERIFY2(!spaceTip.contains(QChar(0x120)), qPrintable(spaceTip));
    model.setTokens({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::planModel()
{
    ui::PlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(m_controller->model().plan);
    QCOMPARE(model.rowCount(), int(m_controller->model().plan.size()));
    QCOMPARE(model.columnCount(), int(ui::PlanModel::ColumnCount));
    QCOMPARE(model.data(model.index(0, ui::PlanModel::KindColumn)).toString(), QStringLiteral("embed"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setCursor(5);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.data(model.index(5, 0), ui::PlanModel::StateRole).toInt(), int(ui::PlanModel::Current));
    QCOMPARE(model.data(model.index(4, 0), ui::PlanModel::StateRole).toInt(), int(ui::PlanModel::Executed));
    QCOMPARE(model.data(model.index(6, 0), ui::PlanModel::StateRole).toInt(), int(ui::PlanModel::Pending));
    model.setCursor(-1);
    QCOMPARE(model.data(model.index(0, 0), ui::PlanModel::StateRole).toInt(), int(ui::PlanModel::Pending));
    model.setPlan({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItemModels::modelCardModel()
{
    ui::ModelCardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModelInfo(m_controller->model());
    QVERIFY(model.rowCount() >= 15);
    QCOMPARE(model.columnCount(), 2);
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.data(model.index(r, 0)).toString();
    for (const char* expected :
        { "Format", "Quantization", "Architecture", "Parameters", "Layers", "Attention heads", "KV heads", "Vocabulary",
            "Context length", "Positional encoding", "Normalization", "Activation", "Tied embeddings", "Weights" })
        QVERIFY2(names.contains(QString::fromLatin1(expected)), expected);
    QCOMPARE(model.data(model.index(names.indexOf("Layers"), 1)).toString(), QStringLiteral("2"));
    model.setModelInfo({});
    QCOMPARE(model.rowCount(), 0);
}

// A quantized GGUF file: the card names the format, the stored types and the file's metadata.
void TestItemModels::modelCardOfGguf()
{
    ui::ModelCardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModelInfo(ui::ModelInfo::from(*core::openModel(IE_GGUF_FIXTURES "/llama-gqa-256/model-Q4_K_M.gguf")));
    QMap<QString, QString> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows[model.data(model.index(r, 0)).toString()] = model.data(model.index(r, 1)).toString();
    QCOMPARE(rows["Format"], QStringLiteral("GGUF"));
    QVERIFY2(rows["Quantization"].contains("Q4_K x 13, Q6_K x 3"), qPrintable(rows["Quantization"]));
    QVERIFY2(rows["Quantization"].contains("5.04 bits/weight"), qPrintable(rows["Quantization"]));
    QCOMPARE(rows["Tokenizer"], QStringLiteral("model-Q4_K_M.gguf"));
    QCOMPARE(rows["general.file_type"], QStringLiteral("Q4_K_M"));
    QCOMPARE(rows["general.name"], QStringLiteral("llama-random-256"));
}

// What File > Open and a drop open: GGUF and llama2.c files themselves, a folder's files their folder.
void TestItemModels::modelPathFor()
{
    const QString dir = QDir::cleanPath(QStringLiteral(IE_GGUF_FIXTURES "/llama-gqa-256"));
    QCOMPARE(ui::ModelLocator::modelPathFor(dir + "/model-Q8_0.gguf"), dir + "/model-Q8_0.gguf");
    QCOMPARE(ui::ModelLocator::modelPathFor(dir + "/model.bin"), dir + "/model.bin");
    QCOMPARE(ui::ModelLocator::modelPathFor(dir + "/hf/config.json"), dir + "/hf");
    QCOMPARE(ui::ModelLocator::modelPathFor(dir + "/hf"), dir + "/hf");
}

// With a 32k vocabulary most probabilities are below 0.05%: each must still read as a different number.
void TestItemModels::probabilityTextKeepsSmallValuesApart_data()
{
    QTest::addColumn<double>("p");
    QTest::addColumn<QString>("text");
    QTest::newRow("Paris") << 0.988 << QStringLiteral("98.8%");
    QTest::newRow("ten percent") << 0.1 << QStringLiteral("10.0%");
    QTest::newRow("two percent") << 0.0234 << QStringLiteral("2.34%");
    QTest::newRow("tenth of a percent") << 0.00123 << QStringLiteral("0.123%");
    QTest::newRow("one in 30k") << 3.2e-05 << QStringLiteral("3.2e-05");
    QTest::newRow("one in 300k") << 3.0e-06 << QStringLiteral("3.0e-06");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0");
}

void TestItemModels::probabilityTextKeepsSmallValuesApart()
{
    QFETCH(double, p);
    QFETCH(QString, text);
    QCOMPARE(ui::probabilityText(p), text);
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"

// The window as a whole: clicking a diagram node jumps there and every view follows; clicking a token selects it
// in every view; the transport actions drive the controller; a bad model leaves the old one on screen.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/positions/gqa_map.h"
#include "ui/positions/rope_panel.h"
#include "ui/session/plan_model.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/architecture_diagram.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/comparison_view.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/sampling_lab.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"
#include "ui/widgets/token_strip.h"

#include <QAction>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

using ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clickDiagramNodeJumps_data();
    void clickDiagramNodeJumps();
    void clickTokenSelectsEverywhere_data();
    void clickTokenSelectsEverywhere();
    void shortcutsStep();
    void attentionFollowsTheStep();
    void playSteps();
    void badModelKeepsWindowUsable();
    void f9AppendsTheLabsTokenAndStepsItsDecodePass();
    void penalisedTokensAreMarkedInTheStrip();
    void clickingAGeneratedTokenOpensItsDecodePass();
    void showViewTakesEveryTableName();

private:
    int nodeIndex(const QString& name) const;
    QTemporaryDir m_dir;
    QString m_model;
    MainWindow* m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestMainWindow::init()
{
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->setPromptText(QStringLiteral("abcdef"));
    m_window->openModel(m_model);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->tokens().size(), 6, 10000);
    QTRY_VERIFY(m_window->controller()->hasPass());
    QTRY_VERIFY(!m_window->controller()->isBusy());
}

void TestMainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

int TestMainWindow::nodeIndex(const QString& name) const
{
    const auto& plan = m_window->controller()->model().plan;
    for (int i = 0; i < plan.size(); ++i)
        if (plan[i].name == name)
            return i;
    return -1;
}

void TestMainWindow::clickDiagramNodeJumps_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("embedding") << "token_embd";
    QTest::newRow("k projection") << "blk.0.attn_k";
    QTest::newRow("head softmax") << "blk.0.head.2.softmax";
    QTest::newRow("lm head") << "output";
}

void TestMainWindow::clickDiagramNodeJumps()
{
    QFETCH(QString, name);
    const int node = nodeIndex(name);
    QVERIFY(node >= 0);
    ui::ArchitectureDiagram* diagram = m_window->diagram();
    const QRectF r = diagram->nodeRect(node);
    QVERIFY2(r.isValid(), qPrintable(name));
    QTest::mouseClick(diagram, Qt::LeftButton, {}, r.center().toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->cursor(), node, 10000);
    QCOMPARE(diagram->cursor(), node);
    QCOMPARE(m_window->planModel()->cursor(), node);
    const auto& info = m_window->controller()->model().plan[node];
    QVERIFY(m_window->tensorPanel()->headerText().contains(info.label.toHtmlEscaped()));
    QCOMPARE(m_window->explanationPanel()->kind(), info.kind);
    QVERIFY(m_window->statusText().contains(info.label));
    QVERIFY(m_window->tensorPanel()->heatmap()->rows() > 0);
}

void TestMainWindow::clickTokenSelectsEverywhere_data()
{
    QTest::addColumn<int>("position");
    QTest::newRow("first") << 0;
    QTest::newRow("third") << 2;
    QTest::newRow("last") << 5;
}

void TestMainWindow::clickTokenSelectsEverywhere()
{
    QFETCH(int, position);
    m_window->controller()->seek(nodeIndex(QStringLiteral("blk.0.attn_q")));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->current().name, QStringLiteral("blk.0.attn_q"), 10000);
    ui::TokenStrip* strip = m_window->tokenStrip();
    QTest::mouseClick(strip, Qt::LeftButton, {}, strip->cellRect(position).center());
    QCOMPARE(m_window->selectedPosition(), position);
    QCOMPARE(strip->selected(), position);
    QCOMPARE(m_window->tensorPanel()->heatmap()->selectedRow(), position);
    QCOMPARE(m_window->attentionPanel()->view()->queryRow(), position);
    // And the other way: clicking a row of the heatmap selects the token.
    ui::TensorHeatmap* map = m_window->tensorPanel()->heatmap();
    const int other = (position + 1) % 6;
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(other, 3).center().toPoint());
    QCOMPARE(strip->selected(), other);
}

void TestMainWindow::shortcutsStep()
{
    ui::SessionController* c = m_window->controller();
    QCOMPARE(c->cursor(), -1);
    QTest::keyClick(m_window, Qt::Key_F10);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), 0, 10000);
    QTest::keyClick(m_window, Qt::Key_F10);
    QTest::keyClick(m_window, Qt::Key_F10);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), 2, 10000);
    QTest::keyClick(m_window, Qt::Key_F10, Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), 1, 10000);
    QTest::keyClick(m_window, Qt::Key_F10, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), c->model().firstNodeOfLayer(1) - 1, 10000);
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(c->current().finished(), 10000);
    QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), -1, 10000);
}

void TestMainWindow::attentionFollowsTheStep()
{
    const int node = nodeIndex(QStringLiteral("blk.1.head.3.softmax"));
    m_window->controller()->seek(node);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->cursor(), node, 10000);
    ui::AttentionView* view = m_window->attentionPanel()->view();
    QCOMPARE(view->selectedLayer(), 1);
    QCOMPARE(view->selectedHead(), 3);
    QVERIFY(view->selectedMatrix());
    QCOMPARE(view->selectedMatrix()->rows, 6);
    QVERIFY(m_window->showView(QStringLiteral("attention")));
    QSignalSpy head(view, &ui::AttentionView::headSelected);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->gridCellRect(0, 1).center().toPoint());
    QCOMPARE(head.count(), 1);
    QCOMPARE(view->selectedLayer(), 0);
    QCOMPARE(view->selectedHead(), 1);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->matrixCellRect(4, 0).center().toPoint());
    QCOMPARE(m_window->tokenStrip()->selected(), 4);
}

void TestMainWindow::playSteps()
{
    ui::SessionController* c = m_window->controller();
    QTest::keyClick(m_window, Qt::Key_F8); // play
    QTRY_VERIFY_WITH_TIMEOUT(c->cursor() >= 2, 5000);
    QTest::keyClick(m_window, Qt::Key_F8); // pause
    QTRY_VERIFY(!c->isBusy());
    const int paused = c->cursor();
    QTest::qWait(400);
    QCOMPARE(c->cursor(), paused);
}

void TestMainWindow::badModelKeepsWindowUsable()
{
    QSignalSpy failed(m_window->controller(), &ui::SessionController::failed);
    m_window->openModel(m_dir.filePath(QStringLiteral("does-not-exist")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(m_window->statusText().startsWith(QStringLiteral("Could not load")));
    QCOMPARE(m_window->controller()->model().folder, m_model);
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->current().finished(), 10000);
}

// F9 after the prefill appends the token the sampling lab chose for this context; the decode pass then steps like the
// prefill did, and its attention matrices are one query row over every cached key.
void TestMainWindow::f9AppendsTheLabsTokenAndStepsItsDecodePass()
{
    ui::SessionController* c = m_window->controller();
    ui::DecodingController* d = m_window->decoding()->controller();
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(c->current().finished() && !c->isBusy(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !d->isBusy() && d->lastSampling().isValid() && d->lastGeneration().prompt.size() == 6, 10000);
    const int chosen = d->lastSampling().table.chosenToken;
    QVERIFY(chosen >= 0);
    QTest::keyClick(m_window, Qt::Key_F9);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->tokenStrip()->tokens().size(), 7, 10000);
    QTRY_VERIFY(!c->isBusy());
    QCOMPARE(m_window->tokenStrip()->tokens().back().id, chosen);
    QVERIFY(m_window->tokenStrip()->tokens().back().generated());
    QVERIFY(!c->current().prefill);
    QTest::keyClick(m_window, Qt::Key_F10);
    QTRY_COMPARE_WITH_TIMEOUT(c->cursor(), 0, 10000);
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(c->current().finished() && !c->isBusy(), 10000);
    const ui::AttentionMatrix* m = m_window->attentionPanel()->view()->selectedMatrix();
    QVERIFY(m);
    QCOMPARE(m->rows, 1);
    QCOMPARE(m->cols, 7);
    QCOMPARE(m->posBegin, 6);
    // The decoding views follow the longer context.
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy() && d->lastGeneration().prompt.size() == 7, 10000);
}

void TestMainWindow::penalisedTokensAreMarkedInTheStrip()
{
    ui::DecodingController* d = m_window->decoding()->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy() && d->lastGeneration().isValid(), 10000);
    QVERIFY(m_window->tokenStrip()->penalised().isEmpty()); // penalties off by default
    core::SamplingParameters p = d->sampling();
    p.repetitionPenalty = 1.5f;
    p.penaltyWindow = 3;
    d->setSampling(p);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->tokenStrip()->penalised(), (QVector<int> { 3, 4, 5 }), 10000);
    QVERIFY(m_window->tokenStrip()->isPenalised(5));
    QVERIFY(!m_window->tokenStrip()->isPenalised(2));
    p.repetitionPenalty = 1.0f;
    d->setSampling(p);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tokenStrip()->penalised().isEmpty(), 10000);
}

// Clicking generated token 2 in the Generation tab opens its decode pass: the stepper's context is the prompt and the
// first two generated tokens, the generation itself is left alone, and F9 then follows the generation's next token.
void TestMainWindow::clickingAGeneratedTokenOpensItsDecodePass()
{
    ui::SessionController* c = m_window->controller();
    ui::DecodingController* d = m_window->decoding()->controller();
    QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy() && d->lastGeneration().isValid(), 10000);
    core::GenerationOptions o = d->options();
    o.stopAtEos = false;
    d->setOptions(o);
    for (int i = 1; i <= 3; ++i) {
        d->stepToken();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy() && d->lastGeneration().generated.size() == i, 10000);
    }
    const ui::GenerationSnapshot g = d->lastGeneration();
    emit m_window->decoding()->generationView()->textView()->anchorClicked(QUrl(QStringLiteral("step:1")));
    QTRY_VERIFY_WITH_TIMEOUT(c->tokens().size() == 8 && !c->isBusy(), 10000);
    QCOMPARE(c->tokens()[6].id, g.generated[0].id);
    QCOMPARE(c->tokens()[7].id, g.generated[1].id);
    QCOMPARE(c->tokens()[7].decodeStep, 2);
    QCOMPARE(c->cursor(), -1);
    QVERIFY(!c->current().prefill);
    QCOMPARE(c->current().context, 8);
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(c->current().finished() && !c->isBusy(), 10000);
    const ui::AttentionMatrix* m = m_window->attentionPanel()->view()->selectedMatrix();
    QVERIFY(m);
    QCOMPARE(m->rows, 1);
    QCOMPARE(m->cols, 8);
    QTest::qWait(50);
    QCOMPARE(d->lastGeneration().generated.size(), 3); // the generation was not restarted
    QTest::keyClick(m_window, Qt::Key_F9);
    QTRY_VERIFY_WITH_TIMEOUT(c->tokens().size() == 9 && !c->isBusy(), 10000);
    QCOMPARE(c->tokens()[8].id, g.generated[2].id);
}

// MainWindow::showView() and the decoding workbench take exactly the names of ui::viewTable(), each side its own.
void TestMainWindow::showViewTakesEveryTableName()
{
    auto* tabs = qobject_cast<QTabWidget*>(m_window->tensorPanel()->parentWidget()->parentWidget());
    QVERIFY(tabs);
    QCOMPARE(ui::viewTable().size(), 21);
    for (const ui::ViewEntry& e : ui::viewTable()) {
        const QString name = QString::fromLatin1(e.name);
        QVERIFY2(m_window->showView(name), qPrintable(name));
        QVERIFY2(m_window->showView(e.view), qPrintable(name));
        QCOMPARE(m_window->decoding()->showView(name), e.side == ui::ViewSide::Decoding);
    }
    m_window->showView(ui::View::Compare);
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->decoding()->comparisonView()));
    m_window->showView(QStringLiteral("metrics"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->decoding()->metricsView()));
    m_window->showView(QStringLiteral("quantization"));
    QCOMPARE(tabs->currentWidget(), m_window->viewWidget(ui::View::Quantization));
    QCOMPARE(m_window->currentView(), ui::View::Quantization);
    m_window->showView(QStringLiteral("lines"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->attentionPanel()));
    QVERIFY(m_window->showView(QStringLiteral("sampling:temperature=0.5")));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->decoding()->samplingLab()));
    QVERIFY(m_window->showView(QStringLiteral("rope:layer=1,query=6,key=2")));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->ropePanel()));
    QVERIFY(m_window->showView(QStringLiteral("gqa")));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_window->gqaMap()));
    for (const char* bad : { "nonsense", "", "tensor:x", "Tensor", "rope:speed=2", "gqa:x" })
        QVERIFY2(!m_window->showView(QString::fromLatin1(bad)), bad);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

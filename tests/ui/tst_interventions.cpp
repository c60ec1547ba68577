// The interventions in the window (ui/interventions): the list refuses what the model does not have, naming it; the
// before / after comparison and activation patching show exactly core's numbers (computed here independently of the
// views with core::promptLogits, core::distributionShift, a greedy GenerationSession and core::runActivationPatching);
// patching is cancellable; the list is attached to the stepper's passes; the diagram strikes the ablated parts
// through, the context menus add and remove entries, the status line shows the list, and a heatmap cell's hover text
// holds its exact value.
#include "random_model.h"

#include "core/analysis/activation_patching.h"
#include "core/analysis/distribution_shift.h"
#include "core/analysis/prompt_pass.h"
#include "core/decoding/generation_session.h"
#include "core/loader/loaded_model.h"
#include "core/sampling/stage_order.h"
#include "ui/interventions/before_after_view.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_list_editor.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/interventions/patching_heatmap.h"
#include "ui/interventions/patching_view.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/architecture_diagram.h"
#include "ui/widgets/main_window.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

#include <cmath>

using ui::InterventionController;
using ui::MainWindow;

class TestInterventions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void listRefusesWhatTheModelLacks_data();
    void listRefusesWhatTheModelLacks();
    void beforeAfterEqualsCore();
    void patchingEqualsCore();
    void patchingIsCancellable();
    void stepperRunsWithTheList();
    void diagramStatusAndMenus();
    void heatmapHoverShowsExactValue();

private:
    void waitIdle();
    QTemporaryDir m_dir;
    QString m_model;
    std::shared_ptr<const core::LoadedModel> m_loaded; // the reference, opened apart from the window
    MainWindow* m_window = nullptr;
};

static const char* kPrompt = "abcdef";

static std::vector<std::int32_t> ids(const core::LoadedModel& m, const char* text)
{
    return m.tokenizer->encodeIds(text);
}

void TestInterventions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir); // gpt2, 2 layers, 4 heads, byte-level tokenizer
    m_loaded = core::openModel(m_model.toStdString());
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 720);
    m_window->show();
    m_window->setPromptText(QString::fromLatin1(kPrompt));
    m_window->openModel(m_model);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass(), 10000);
    waitIdle();
}

void TestInterventions::cleanupTestCase() { delete m_window; }

void TestInterventions::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->controller()->isBusy() && !m_window->interventions()->controller()->isBusy(), 20000);
}

void TestInterventions::listRefusesWhatTheModelLacks_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message"); // "" = accepted
    QTest::newRow("head") << "blk.1.head.2"
                          << "";
    QTest::newRow("mean") << "blk.0.head.3:mean"
                          << "";
    QTest::newRow("mlp") << "blk.1.mlp"
                         << "";
    QTest::newRow("attention") << "blk.0.attn"
                               << "";
    QTest::newRow("knockout") << "blk.1.head.0:5->2"
                              << "";
    QTest::newRow("layer past the model") << "blk.2.head.0"
                                          << "layer 2";
    QTest::newRow("head past the model") << "blk.0.head.4"
                                         << "head 4";
    QTest::newRow("future key") << "blk.0.head.0:2->5"
                                << "key position 5";
    QTest::newRow("syntax") << "block.1"
                            << "blk.L.head.H";
}

void TestInterventions::listRefusesWhatTheModelLacks()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    InterventionController* c = m_window->interventions()->controller();
    c->clear();
    QString error;
    QCOMPARE(c->add(spec, &error), message.isEmpty());
    if (message.isEmpty()) {
        QCOMPARE(c->specs(), QStringList { spec });
        QVERIFY(c->add(spec)); // a duplicate is not listed twice
        QCOMPARE(int(c->list().size()), 1);
    } else {
        QVERIFY2(error.contains(message) && error.contains(spec), qPrintable(error));
        QVERIFY(c->list().empty());
    }
    // setSpecs: all or nothing, naming the entry's field
    QVERIFY(!c->setSpecs({ QStringLiteral("blk.0.mlp"), QStringLiteral("blk.7.mlp") }, &error));
    QVERIFY2(error.startsWith(QStringLiteral("interventions[1]")), qPrintable(error));
    c->clear();
}

void TestInterventions::beforeAfterEqualsCore()
{
    InterventionController* c = m_window->interventions()->controller();
    QVERIFY(c->setSpecs({ QStringLiteral("blk.1.head.2:mean"), QStringLiteral("blk.0.mlp") }));
    waitIdle();
    ui::BeforeAfterView* view = m_window->interventions()->beforeAfterView();
    view->tokensBox()->setValue(6);
    QSignalSpy compared(c, &InterventionController::compared);
    view->compareButton()->click();
    QVERIFY(compared.wait(20000));
    const ui::BeforeAfterSnapshot s = c->lastComparison();

    // The reference: the same prompt, the same list, core's own functions.
    const core::LoadedModel& m = *m_loaded;
    const auto prompt = ids(m, kPrompt);
    const core::InterventionList list = c->list();
    const auto before = core::promptLogits(*m.model, m.plan, prompt);
    const auto after = core::promptLogits(*m.model, m.plan, prompt, list);
    const core::DistributionShift shift = core::distributionShift(before, after, 10);
    QVERIFY(shift.klBeforeAfter > 1e-6); // the list changes something on this model
    QCOMPARE(s.kl, shift.klBeforeAfter);
    QCOMPARE(s.tokens.size(), qsizetype(shift.tokens.size()));
    for (std::size_t i = 0; i < shift.tokens.size(); ++i) {
        const core::TokenShift& t = shift.tokens[i];
        const ui::TokenShiftRow& r = s.tokens[qsizetype(i)];
        QCOMPARE(r.id, t.id);
        QCOMPARE(r.logitBefore, t.logitBefore);
        QCOMPARE(r.logitAfter, t.logitAfter);
        QCOMPARE(r.probBefore, t.probBefore);
        QCOMPARE(r.probAfter, t.probAfter);
        QCOMPARE(r.rankBefore, t.rankBefore);
        QCOMPARE(r.rankAfter, t.rankAfter);
    }
    // The table shows those rows: Δ logit as written from core's numbers.
    QCOMPARE(view->model()->rowCount(), int(shift.tokens.size()));
    const core::TokenShift& first = shift.tokens.front();
    const double delta = double(first.logitAfter) - double(first.logitBefore);
    QCOMPARE(view->model()->item(0, ui::BeforeAfterView::LogitDelta)->text(),
        (delta >= 0 ? QStringLiteral("+") : QString()) + QString::number(delta, 'f', 3));
    QVERIFY(view->klText().contains(QString::number(shift.klBeforeAfter, 'g', 4)));

    // Greedy generations without and with the list.
    auto greedy = [&](const core::InterventionList& l) {
        core::GenerationSession g(*m.model, &*m.tokenizer, &m.plan);
        core::GenerationOptions o;
        o.maxNewTokens = 6;
        g.setOptions(o);
        core::SamplingParameters p;
        p.temperature = 0;
        g.setSampling(p, core::StageOrder::huggingFace());
        g.setInterventions(l);
        g.start(prompt);
        std::vector<std::int32_t> out;
        while (!g.finished())
            out.push_back(g.step().id);
        return QString::fromStdString(m.tokenizer->decode(out));
    };
    QCOMPARE(s.textBefore, greedy({}));
    QCOMPARE(s.textAfter, greedy(list));
    c->clear();
    waitIdle();
}

void TestInterventions::patchingEqualsCore()
{
    InterventionController* c = m_window->interventions()->controller();
    ui::PatchingView* view = m_window->interventions()->patchingView();
    ui::PatchingRequest r;
    r.clean = QStringLiteral("abcd");
    r.corrupted = QStringLiteral("abxd");
    r.target = QStringLiteral("#101");
    r.minus = QStringLiteral("#120");
    view->setRequest(r);
    QSignalSpy patched(c, &InterventionController::patched);
    view->runButton()->click();
    QVERIFY(patched.wait(20000));
    const ui::PatchingSnapshot s = c->lastPatching();

    const core::LoadedModel& m = *m_loaded;
    core::PatchingOptions o;
    o.target = 101;
    o.minus = 120;
    const core::PatchingResult ref = core::runActivationPatching(*m.model, m.plan, ids(m, "abcd"), ids(m, "abxd"), o);
    QCOMPARE(s.layers, ref.layers);
    QCOMPARE(s.positions, ref.positions);
    QCOMPARE(s.heads, ref.heads);
    QCOMPARE(s.cleanMetric, ref.cleanMetric);
    QCOMPARE(s.corruptedMetric, ref.corruptedMetric);
    QCOMPARE(s.residual, QVector<double>(ref.residual.begin(), ref.residual.end()));
    QCOMPARE(s.head, QVector<double>(ref.head.begin(), ref.head.end()));
    QVERIFY(!s.cancelled);
    // Patching the whole residual stream at block 0 restores the clean run: every position's column of the first
    // row is a partial patch, the token that differs restores (nearly) all of it.
    QVERIFY(std::abs(ref.residualAt(0, 2) - 1.0) < 1e-4);
    // The heatmaps show exactly these grids.
    QCOMPARE(view->residualMap()->rows(), ref.layers);
    QCOMPARE(view->residualMap()->cols(), ref.positions);
    QCOMPARE(view->residualMap()->valueAt(1, 2), ref.residualAt(1, 2));
    QCOMPARE(view->headMap()->valueAt(1, 3), ref.headAt(1, 3));
    QVERIFY(view->residualMap()->colLabels().at(2).contains(QLatin1Char('/'))); // "c/x": the position that differs

    // A bad metric token is refused with its name.
    r.target = QStringLiteral("pq");
    view->setRequest(r);
    QSignalSpy failed(c, &InterventionController::failed);
    view->run();
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("target")),
        qPrintable(failed.first().first().toString()));
    waitIdle();
}

void TestInterventions::patchingIsCancellable()
{
    // A model big enough that a patching run takes a while; Cancel right after the start keeps a partial result.
    QTemporaryDir dir;
    const QString slow = testing::makeSlowRandomModel(dir, QStringLiteral("slow"), 128);
    MainWindow w(MainWindow::Options { false, false });
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.setPromptText(QStringLiteral("ab"));
    w.openModel(slow);
    QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasPass(), 20000);
    InterventionController* c = w.interventions()->controller();
    ui::PatchingRequest r;
    r.clean = QString(96, QLatin1Char('a'));
    r.corrupted = QString(95, QLatin1Char('a')) + QLatin1Char('b');
    r.target = QStringLiteral("#97");
    r.minus = QStringLiteral("#98");
    w.interventions()->patchingView()->setRequest(r);
    QSignalSpy patched(c, &InterventionController::patched);
    QSignalSpy busy(c, &InterventionController::busyChanged);
    w.interventions()->patchingView()->runButton()->click();
    QVERIFY(c->isBusy());
    QVERIFY(w.interventions()->patchingView()->cancelButton()->isEnabled());
    QTest::keyClick(&w, Qt::Key_Escape); // the window's Cancel
    QTRY_VERIFY_WITH_TIMEOUT(!c->isBusy(), 20000);
    QCOMPARE(patched.count(), 1);
    const ui::PatchingSnapshot s = c->lastPatching();
    QVERIFY(s.cancelled);
    QVERIFY(std::any_of(s.residual.begin(), s.residual.end(), [](double v) { return std::isnan(v); }));
    QVERIFY(w.interventions()->patchingView()->summaryText().contains(QStringLiteral("Cancelled")));
    QVERIFY(w.interventions()->patchingView()->runButton()->isEnabled());
}

void TestInterventions::stepperRunsWithTheList()
{
    ui::SessionController* session = m_window->controller();
    InterventionController* c = m_window->interventions()->controller();
    c->clear();
    waitIdle();
    session->runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(session->current().finished(), 10000);
    const float normal = session->current().predictions.value(0).probability;

    QVERIFY(c->add(QStringLiteral("blk.1.mlp")));
    QVERIFY(c->add(QStringLiteral("blk.0.head.1")));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy() && session->hasPass(), 10000);
    session->runToEndOfPass();
    QTRY_VERIFY_WITH_TIMEOUT(session->current().finished() && !session->isBusy(), 10000);
    const ui::Prediction top = session->current().predictions.value(0);

    const core::LoadedModel& m = *m_loaded;
    const auto logits = core::promptLogits(*m.model, m.plan, ids(m, kPrompt), c->list());
    const auto probs = core::softmaxOf(logits);
    const auto best = std::max_element(logits.begin(), logits.end()) - logits.begin();
    QCOMPARE(top.id, int(best));
    QVERIFY2(std::abs(double(top.probability) - probs[std::size_t(best)]) < 1e-6,
        qPrintable(QStringLiteral("stepper %1, core %2").arg(top.probability).arg(probs[std::size_t(best)])));
    QVERIFY(std::abs(top.probability - normal) > 1e-6); // not the normal run's
    c->clear();
    waitIdle();
}

void TestInterventions::diagramStatusAndMenus()
{
    InterventionController* c = m_window->interventions()->controller();
    c->clear();
    const QVector<ui::PlanNodeInfo>& plan = m_window->controller()->model().plan;
    QVERIFY(m_window->diagram()->struckNodes().isEmpty());
    QVERIFY(!m_window->interventions()->statusLabel()->isVisible());

    // The diagram's menu on layer 1 · head 2's mix op zeroes that head; the diagram strikes the op through.
    int mix = -1, down = -1;
    for (int n = 0; n < plan.size(); ++n) {
        if (plan[n].layer == 1 && plan[n].head == 2 && plan[n].part == core::NodePart::Mix)
            mix = n;
        if (plan[n].layer == 0 && plan[n].part == core::NodePart::DownProj)
            down = n;
    }
    QVERIFY(mix >= 0 && down >= 0);
    QMenu menu;
    m_window->interventions()->addNodeActions(&menu, plan[mix]);
    QStringList texts;
    for (QAction* a : menu.actions())
        texts << a->text();
    QVERIFY2(texts.size() == 3, qPrintable(texts.join(QLatin1Char('|')))); // zero, mean, remove the attention
    menu.actions().first()->trigger();
    QCOMPARE(c->specs(), QStringList { QStringLiteral("blk.1.head.2") });
    QVERIFY(m_window->diagram()->struckNodes().contains(mix));
    QVERIFY(m_window->interventions()->statusLabel()->isVisibleTo(m_window));
    QVERIFY(m_window->interventions()->statusLabel()->text().contains(QStringLiteral("blk.1.head.2")));

    // The MLP of layer 0: every MLP op struck, the attention's not.
    QMenu mlpMenu;
    m_window->interventions()->addNodeActions(&mlpMenu, plan[down]);
    QCOMPARE(mlpMenu.actions().size(), 1);
    mlpMenu.actions().first()->trigger();
    QVERIFY(m_window->diagram()->struckNodes().contains(down));
    for (int n : m_window->diagram()->struckNodes())
        QVERIFY(n == mix || plan[n].layer == 0);

    // The attention grid's menu on a matrix cell: the knockout of that edge; checked entries remove.
    QMenu headMenu;
    m_window->interventions()->addHeadActions(&headMenu, 1, 2, 4, 1);
    QCOMPARE(headMenu.actions().size(), 3);
    QVERIFY(headMenu.actions()[0]->isChecked()); // layer 1 · head 2 is zeroed already
    headMenu.actions()[2]->trigger();
    QVERIFY(c->specs().contains(QStringLiteral("blk.1.head.2:4->1")));
    headMenu.actions()[0]->trigger(); // unchecks: removed
    QVERIFY(!c->specs().contains(QStringLiteral("blk.1.head.2")));
    QVERIFY(!m_window->diagram()->struckNodes().contains(mix));

    // The editor lists each entry; Remove and Clear.
    ui::InterventionListEditor* editor = m_window->interventions()->editor();
    QCOMPARE(editor->list()->count(), int(c->list().size()));
    QVERIFY(!editor->addSpec(QStringLiteral("blk.0.head.9")));
    QVERIFY(editor->errorText().contains(QStringLiteral("head 9")));
    QVERIFY(editor->addSpec(QStringLiteral("blk.0.attn")));
    QCOMPARE(editor->list()->count(), 3);
    c->clear();
    QCOMPARE(editor->list()->count(), 0);
    QVERIFY(m_window->diagram()->struckNodes().isEmpty());
    QVERIFY(!m_window->interventions()->statusLabel()->isVisibleTo(m_window));
    waitIdle();
}

void TestInterventions::heatmapHoverShowsExactValue()
{
    ui::PatchingHeatmap map;
    map.resize(500, 300);
    map.setGrid(2, 3, { 0.1, 0.25, 1.0, -0.5, 0.123456, std::nan("") }, { "blk.0", "blk.1" }, { "a", "b/x", "c" });
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy hovered(&map, &ui::PatchingHeatmap::cellHovered);
    const QPointF at = map.cellRect(1, 1).center();
    QMouseEvent move(QEvent::MouseMove, at, map.mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&map, &move);
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toInt(), 1);
    QCOMPARE(hovered.last().at(1).toInt(), 1);
    QVERIFY(map.cellText(1, 1).contains(QStringLiteral("0.123456")));
    QVERIFY(map.cellText(1, 1).contains(QStringLiteral("blk.1")) && map.cellText(1, 1).contains(QStringLiteral("b/x")));
    QVERIFY(map.cellText(1, 2).contains(QStringLiteral("not run")));
    // Colour: fully restored dark red, negative blue.
    const QImage image = map.grab().toImage();
    const QColor full = image.pixelColor(map.cellRect(0, 2).topLeft() + QPoint(3, 3));
    const QColor negative = image.pixelColor(map.cellRect(1, 0).topLeft() + QPoint(3, 3));
    QVERIFY(full.red() > full.blue());
    QVERIFY(negative.blue() > negative.red());
}

QTEST_MAIN(TestInterventions)
#include "tst_interventions.moc"

// The interpretability workbench in the window: the logit lens grid, its cell's top 10, the attribution bars and the
// head table show exactly core's numbers for the window's model and prompt (core run here independently on the same
// folder); the lens grows row by row; a bar clicked moves the stepper to its op; a post-norm model gets core's
// refusal instead of bars; the head table sorts by any score and the grid is coloured by the chosen one; a head scan
// can be cancelled.
#include "random_model.h"

#include "ui/interp/attribution_bars.h"
#include "ui/interp/attribution_panel.h"
#include "ui/interp/head_grid.h"
#include "ui/interp/head_score_model.h"
#include "ui/interp/head_table_panel.h"
#include "ui/interp/interp_controller.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interp/lens_grid.h"
#include "ui/interp/logit_lens_panel.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/color_map.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/main_window.h"

#include "core/analysis/head_detectors.h"
#include "core/analysis/logit_attribution.h"
#include "core/analysis/logit_lens.h"
#include "core/loader/loaded_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableWidget>
#include <QTest>

#include <cmath>

using ui::InterpController;
using ui::MainWindow;

class TestInterpViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void lensEqualsCoreAndGrowsRowByRow();
    void lensCellTopEqualsCore();
    void lensFillsInAsTheStepperPassesEachBlock();
    void attributionEqualsCoreAndBarJumpsTheStepper();
    void postNormModelShowsTheRefusal();
    void headTableEqualsCoreSortsAndColours();
    void headScanCancels();
    void viewsByNameAndExport();

private:
    void openInWindow(const QString& model, const QString& prompt = QStringLiteral("abcdef"));
    std::vector<std::int32_t> windowTokens() const;
    QTemporaryDir m_dir;
    QString m_model; // llama-shaped: pre-norm RMSNorm
    QString m_postNorm; // the explorer's classic post-norm LayerNorm model
    std::shared_ptr<const core::LoadedModel> m_core; // m_model opened again, independently of the window
    MainWindow* m_window = nullptr;
};

void TestInterpViews::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir, QStringLiteral("llama"), "llama", 2, 4);
    m_postNorm = testing::makeRandomModel(m_dir, QStringLiteral("postnorm"), "explorer", 2, 4);
    m_core = core::openModel(m_model.toStdString());
}

void TestInterpViews::init()
{
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestInterpViews::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestInterpViews::openInWindow(const QString& model, const QString& prompt)
{
    m_window->setPromptText(prompt);
    m_window->openModel(model);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->controller()->hasPass(), 10000);
    QTRY_VERIFY(!m_window->controller()->isBusy());
    QTRY_COMPARE(m_window->interp()->controller()->tokens().size(), std::size_t(prompt.size()));
}

std::vector<std::int32_t> TestInterpViews::windowTokens() const
{
    std::vector<std::int32_t> ids;
    for (const ui::TokenInfo& t : m_window->controller()->tokens())
        ids.push_back(t.id);
    return ids;
}

void TestInterpViews::lensEqualsCoreAndGrowsRowByRow()
{
    openInWindow(m_model);
    InterpController* c = m_window->interp()->controller();
    QSignalSpy rows(c, &InterpController::lensChanged);
    QVERIFY(m_window->showView(QStringLiteral("lens:target=#5")));
    QTRY_VERIFY_WITH_TIMEOUT(c->lastLens().complete, 10000);
    const core::LogitLens expected = core::runLogitLens(*m_core->model, m_core->plan, windowTokens(), 5);
    const ui::LensSnapshot& lens = m_window->interp()->lensPanel()->grid()->lens();
    // One answer per site, the first with only the embedding row filled.
    QCOMPARE(rows.count(), int(expected.sites.size()));
    const auto first = rows.first().at(0).value<ui::LensSnapshot>();
    QVERIFY(first.filled[0] && !first.filled[1] && !first.complete);
    QCOMPARE(lens.sites.size(), qsizetype(expected.sites.size()));
    QCOMPARE(lens.positions(), expected.positions);
    for (int s = 0; s < int(expected.sites.size()); ++s) {
        QCOMPARE(lens.sites[s].name, QString::fromStdString(expected.sites[std::size_t(s)].name));
        for (int p = 0; p < expected.positions; ++p) {
            const core::LensCell& e = expected.cell(s, p);
            const ui::LensCellInfo& g = lens.cell(s, p);
            QCOMPARE(g.topId, e.topId);
            QCOMPARE(g.topProb, e.topProb);
            QCOMPARE(g.targetProb, e.targetProb);
            QCOMPARE(g.targetRank, e.targetRank);
        }
    }
    // The colour follows the number: the top token's probability, or the target's rank once chosen.
    ui::LensGrid* grid = m_window->interp()->lensPanel()->grid();
    grid->setMode(ui::LensGrid::Mode::Probability);
    QCOMPARE(grid->cellColor(1, 2), ui::ColorMap::sequential(expected.cell(1, 2).topProb));
    grid->setMode(ui::LensGrid::Mode::TargetRank);
    QCOMPARE(grid->cellColor(1, 2),
        ui::ColorMap::sequential(1.0 - std::min(1.0, std::log10(1.0 + expected.cell(1, 2).targetRank) / 3.0)));
    QVERIFY(grid->cellText(1, 2).startsWith(QStringLiteral("#%1").arg(expected.cell(1, 2).targetRank)));
}

// Issue #15: "it fills in live as the stepper passes each block". Inside the prefill only the sites whose op the
// stepper has executed show; each seek past a site's op reveals exactly that row; the end of the pass (or unticking
// "Follow the stepper") shows them all.
void TestInterpViews::lensFillsInAsTheStepperPassesEachBlock()
{
    openInWindow(m_model);
    InterpController* c = m_window->interp()->controller();
    QVERIFY(m_window->showView(QStringLiteral("lens")));
    QTRY_VERIFY_WITH_TIMEOUT(c->lastLens().complete, 10000);
    ui::LensGrid* grid = m_window->interp()->lensPanel()->grid();
    const ui::LensSnapshot lens = grid->lens();
    QVERIFY(lens.sites.size() >= 3);
    QCOMPARE(grid->revealedSites(), int(lens.sites.size())); // before the first op: everything computed shows
    ui::SessionController* s = m_window->controller();
    for (int site = 0; site + 1 < int(lens.sites.size()); ++site) {
        s->seek(lens.sites[site].nodeIndex);
        QTRY_COMPARE_WITH_TIMEOUT(s->cursor(), lens.sites[site].nodeIndex, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(grid->revealedSites(), site + 1, 5000);
        QVERIFY(grid->revealed(site) && !grid->revealed(site + 1));
        QCOMPARE(grid->cellText(site + 1, 0), QStringLiteral("…"));
    }
    m_window->interp()->lensPanel()->followBox()->setChecked(false);
    QCOMPARE(grid->revealedSites(), int(lens.sites.size()));
    m_window->interp()->lensPanel()->followBox()->setChecked(true);
    QVERIFY(grid->revealedSites() < int(lens.sites.size()));
    s->runToEndOfPass();
    QTRY_COMPARE_WITH_TIMEOUT(grid->revealedSites(), int(lens.sites.size()), 10000);
}

void TestInterpViews::lensCellTopEqualsCore()
{
    openInWindow(m_model);
    InterpController* c = m_window->interp()->controller();
    QVERIFY(m_window->showView(ui::View::Lens));
    QTRY_VERIFY_WITH_TIMEOUT(c->lastLens().complete, 10000);
    ui::LensGrid* grid = m_window->interp()->lensPanel()->grid();
    QSignalSpy top(c, &InterpController::lensTopReady);
    const int site = 2, position = 3;
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->cellRect(site, position).center());
    QTRY_COMPARE_WITH_TIMEOUT(top.count(), 1, 10000);
    const core::LogitLens lens = core::runLogitLens(*m_core->model, m_core->plan, windowTokens());
    const auto expected = core::lensCellTop(*m_core->model, m_core->plan, lens, site, position, 10);
    QTableWidget* table = m_window->interp()->lensPanel()->topTable();
    QCOMPARE(table->rowCount(), int(expected.size()));
    const auto got = top.first().at(0).value<ui::LensCellTop>();
    for (int i = 0; i < int(expected.size()); ++i) {
        QCOMPARE(got.top[i].id, expected[std::size_t(i)].id);
        QCOMPARE(got.top[i].probability, expected[std::size_t(i)].probability);
        QCOMPARE(table->item(i, 1)->text(), QString::number(double(expected[std::size_t(i)].probability), 'f', 4));
    }
    // The last row's top token is the model's own prediction.
    const int last = int(lens.sites.size()) - 1;
    QCOMPARE(c->lastLens().cell(last, lens.positions - 1).topId, lens.cell(last, lens.positions - 1).topId);
}

void TestInterpViews::attributionEqualsCoreAndBarJumpsTheStepper()
{
    openInWindow(m_model);
    InterpController* c = m_window->interp()->controller();
    QSignalSpy done(c, &InterpController::attributionChanged);
    QVERIFY(m_window->showView(QStringLiteral("attribution:target=#7,minus=#3")));
    QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 1 && c->lastAttribution().minusId == 3, 10000);
    const core::LogitAttribution expected = core::attributeLogit(*m_core->model, m_core->plan, windowTokens(), 7, 3);
    const ui::AttributionSnapshot& a = c->lastAttribution();
    QCOMPARE(a.targetId, 7);
    QCOMPARE(a.logit, expected.logit);
    QCOMPARE(a.sum, expected.sum);
    QCOMPARE(a.parts.size(), qsizetype(expected.parts.size()));
    double sum = 0;
    for (int i = 0; i < int(expected.parts.size()); ++i) {
        QCOMPARE(a.parts[i].name, QString::fromStdString(expected.parts[std::size_t(i)].name));
        QCOMPARE(a.parts[i].value, expected.parts[std::size_t(i)].value);
        QCOMPARE(a.parts[i].nodeIndex, expected.parts[std::size_t(i)].nodeIndex);
        sum += a.parts[i].value;
    }
    QVERIFY2(std::abs(sum - a.logit) <= 1e-4 * std::max(1.0, std::abs(a.logit)),
        qPrintable(QStringLiteral("sum %1 logit %2").arg(sum).arg(a.logit)));
    // Drawn largest magnitude first; a click on a bar steps the window's stepper to the op that wrote it.
    ui::AttributionBars* bars = m_window->interp()->attributionPanel()->bars();
    const auto& sorted = bars->sortedParts();
    for (int i = 1; i < int(sorted.size()); ++i)
        QVERIFY(std::abs(sorted[i - 1].value) >= std::abs(sorted[i].value));
    int row = 0;
    while (row < int(sorted.size()) && sorted[row].kind != ui::AttributionSnapshot::Kind::Head)
        ++row;
    QVERIFY(row < int(sorted.size()));
    QTest::mouseClick(bars, Qt::LeftButton, {}, bars->barRowRect(row).center());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->current().nodeIndex, sorted[row].nodeIndex, 10000);
    QCOMPARE(m_window->controller()->current().layer, sorted[row].layer);
    QCOMPARE(m_window->controller()->current().head, sorted[row].head);
}

void TestInterpViews::postNormModelShowsTheRefusal()
{
    openInWindow(m_postNorm);
    QSignalSpy failed(m_window->interp()->controller(), &InterpController::failed);
    QVERIFY(m_window->showView(ui::View::Attribution));
    m_window->interp()->attributionPanel()->run();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->interp()->attributionPanel()->refusal().isEmpty(), 10000);
    const QString refusal = m_window->interp()->attributionPanel()->refusal();
    QVERIFY2(refusal.contains(QStringLiteral("pre-norm")) && refusal.contains(QStringLiteral("norm placement")),
        qPrintable(refusal));
    QVERIFY(!m_window->interp()->controller()->lastAttribution().isValid());
    // The lens applies to any model.
    QVERIFY(m_window->showView(ui::View::Lens));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->interp()->controller()->lastLens().complete, 10000);
}

void TestInterpViews::headTableEqualsCoreSortsAndColours()
{
    openInWindow(m_model);
    InterpController* c = m_window->interp()->controller();
    QSignalSpy done(c, &InterpController::headsChanged);
    QSignalSpy progress(c, &InterpController::progress);
    QVERIFY(m_window->showView(QStringLiteral("heads:target=#5,position=1")));
    m_window->interp()->headPanel()->run();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QVERIFY(progress.count() > 1);
    core::HeadDetectorOptions o;
    o.target = 5;
    o.attendPosition = 1;
    const core::HeadDetectorResult expected = core::detectHeads(*m_core->model, m_core->plan, windowTokens(), o);
    const ui::HeadsSnapshot& h = c->lastHeads();
    QCOMPARE(h.rows.size(), qsizetype(expected.heads.size()));
    QCOMPARE(h.baselineTargetProb, expected.baselineTargetProb);
    for (int i = 0; i < int(expected.heads.size()); ++i) {
        const core::HeadScores& e = expected.heads[std::size_t(i)];
        QCOMPARE(h.rows[i].layer, e.layer);
        QCOMPARE(h.rows[i].head, e.head);
        QCOMPARE(h.rows[i].sink, e.sink);
        QCOMPARE(h.rows[i].previous, e.previous);
        QCOMPARE(h.rows[i].induction, e.induction);
        QCOMPARE(h.rows[i].attentionTo, e.attentionTo);
        QCOMPARE(h.rows[i].ablationDelta, e.ablationDelta);
    }
    // Sorted by a column (descending), the first row holds that column's largest score.
    ui::HeadTablePanel* panel = m_window->interp()->headPanel();
    for (int column : { int(ui::HeadScoreModel::Induction), int(ui::HeadScoreModel::AttentionTo) }) {
        panel->sorted()->sort(column, Qt::DescendingOrder);
        double best = -1;
        for (const auto& e : expected.heads)
            best = std::max(best, column == ui::HeadScoreModel::Induction ? e.induction : e.attentionTo);
        QCOMPARE(panel->sorted()->index(0, column).data(Qt::UserRole).toDouble(), best);
    }
    // The grid is coloured by the chosen score.
    panel->scoreChooser()->setCurrentIndex(panel->scoreChooser()->findData(int(ui::HeadScoreModel::Previous)));
    QCOMPARE(panel->grid()->score(), int(ui::HeadScoreModel::Previous));
    const core::HeadScores& e = expected.heads[std::size_t(1 * 4 + 2)];
    QCOMPARE(panel->grid()->cellColor(1, 2), ui::ColorMap::sequential(e.previous));
    // Clicking a grid cell selects that head's row in the table.
    QTest::mouseClick(panel->grid(), Qt::LeftButton, {}, panel->grid()->cellRect(1, 2).center());
    const QModelIndex selected
        = panel->sorted()->mapToSource(panel->tableView()->selectionModel()->selectedRows().value(0));
    QCOMPARE(selected.row(), 1 * 4 + 2);
}

void TestInterpViews::headScanCancels()
{
    const QString slow = testing::makeSlowRandomModel(m_dir, QStringLiteral("slow"), 256);
    openInWindow(slow, QString(200, QLatin1Char('a')));
    InterpController* c = m_window->interp()->controller();
    QSignalSpy done(c, &InterpController::headsChanged);
    QSignalSpy progress(c, &InterpController::progress);
    QVERIFY(m_window->showView(ui::View::Heads));
    m_window->interp()->headPanel()->run();
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 20000);
    c->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QVERIFY(c->lastHeads().cancelled);
    QVERIFY(!c->isFresh(InterpController::Analysis::Heads));
    QVERIFY(m_window->interp()->headPanel()->message().contains(QStringLiteral("Cancelled")));
    QTRY_VERIFY(!c->isBusy());
}

void TestInterpViews::viewsByNameAndExport()
{
    openInWindow(m_model);
    for (ui::View v : { ui::View::Lens, ui::View::Attribution, ui::View::Heads }) {
        bool ready = false;
        QVERIFY(m_window->interp()->prepareView(ui::viewName(v), [&ready] { ready = true; }));
        QTRY_VERIFY_WITH_TIMEOUT(ready, 20000);
        QCOMPARE(m_window->currentView(), v);
        const ui::ExportTarget target = ui::exportTarget(m_window, v);
        QCOMPARE(target.widget, m_window->viewWidget(v));
        QVERIFY2(!target.table.isEmpty(), qPrintable(ui::viewName(v)));
    }
    // The lens table: one row per cell, numbers as core's.
    const ui::CsvTable lens = ui::exportTarget(m_window, ui::View::Lens).table;
    const core::LogitLens expected = core::runLogitLens(*m_core->model, m_core->plan, windowTokens());
    QCOMPARE(lens.rows.size(), qsizetype(expected.sites.size()) * expected.positions);
    QCOMPARE(lens.rows[7].value(4).toFloat(), expected.cell(7 / expected.positions, 7 % expected.positions).topProb);
    // Settings a view does not take are refused.
    QVERIFY(!m_window->showView(QStringLiteral("lens:minus=#3")));
    QVERIFY(!m_window->showView(QStringLiteral("heads:position=x")));
}

QTEST_MAIN(TestInterpViews)
#include "tst_interpviews.moc"

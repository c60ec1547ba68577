// The RoPE view and the grouped-query map show core's numbers: the geometry, the score against distance and the KV
// cache bytes they paint are the ones core/analysis computes for the loaded model (Llama 3 scaling, a NoPE layer,
// partial rotary, grouped-query heads), and they paint without failing at the sizes the screenshots use.
#include "core/analysis/grouped_query.h"
#include "core/analysis/rope_geometry.h"
#include "core/analysis/rope_inputs.h"
#include "core/loader/loaded_model.h"
#include "random_model.h"
#include "ui/positions/gqa_map.h"
#include "ui/positions/rope_canvas.h"
#include "ui/positions/rope_panel.h"
#include "ui/session/model_card_model.h"
#include "ui/session/model_info.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/view_names.h"

#include <QSpinBox>
#include <QtTest>

namespace {
ui::ModelInfo infoOf(const QTemporaryDir& dir, const char* arch, int layers = 0, int heads = 4)
{
    const QString folder = testing::makeRandomModel(dir, QString::fromLatin1(arch), arch, layers, heads);
    return ui::ModelInfo::from(*core::openModel(folder.toStdString()));
}
QString num(double v) { return QString::number(v, 'g', 4); }
} // namespace

class TestPositionViews : public QObject {
    Q_OBJECT
private slots:
    // Inside the prompt the RoPE view turns the model's own q and k (asked for on the engine thread): the geometry it
    // shows is core's for core::ropeInputs of the same prompt, head and positions; past the prompt it falls back to
    // the textbook vectors and says so.
    void ropeViewTurnsTheModelsOwnVectors()
    {
        QTemporaryDir dir;
        const QString folder = testing::makeRandomModel(dir, QStringLiteral("llama"), "llama", 2, 4);
        ui::MainWindow w(ui::MainWindow::Options { false, false });
        w.resize(1280, 720);
        w.show();
        w.setPromptText(QStringLiteral("abcdefgh"));
        w.openModel(folder);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->hasPass() && !w.controller()->isBusy(), 10000);
        QVERIFY(w.showView(QStringLiteral("rope:layer=1,head=3,query=6,key=2")));
        auto* panel = qobject_cast<ui::RopePanel*>(w.viewWidget(ui::View::Rope));
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->showsModelVectors(), 10000);
        std::vector<std::int32_t> ids;
        for (const ui::TokenInfo& t : w.controller()->tokens())
            ids.push_back(t.id);
        const auto loaded = core::openModel(folder.toStdString());
        const core::RopeInputs in = core::ropeInputs(*loaded->model, loaded->plan, ids, 1, 3, 6, 2);
        const core::RopeGeometry g = core::ropeGeometry(loaded->config(), 1, in.q, in.k, 6, 2);
        const core::RopeGeometry& shown = panel->canvas()->ropeGeometry();
        QCOMPARE(shown.score, g.score);
        QCOMPARE(shown.pairs.front().q[0], g.pairs.front().q[0]);
        const std::vector<float> unit = core::unitPairVector(loaded->config().headDim, loaded->config().rotaryDim());
        QVERIFY(shown.score != core::ropeGeometry(loaded->config(), 1, unit, unit, 6, 2).score);
        panel->setPositions(40, 8); // past the 8-token prompt
        QVERIFY(!panel->showsModelVectors());
        QCOMPARE(
            panel->canvas()->ropeGeometry().score, core::ropeGeometry(loaded->config(), 1, unit, unit, 40, 8).score);
    }

    void ropeViewShowsCoresGeometry()
    {
        QTemporaryDir dir;
        const ui::ModelInfo info = infoOf(dir, "llama3");
        ui::RopePanel panel;
        panel.resize(1100, 700);
        panel.setModel(info);
        QVERIFY(panel.applySettings(QStringLiteral("layer=1,query=40,key=8")));
        const ui::RopeCanvas* canvas = panel.canvas();
        QCOMPARE(canvas->layer(), 1);
        const std::vector<float> v = core::unitPairVector(info.config.headDim, info.config.rotaryDim());
        const core::RopeGeometry g = core::ropeGeometry(info.config, 1, v, v, 40, 8);
        const core::RopeGeometry& shown = canvas->ropeGeometry();
        QCOMPARE(shown.score, g.score);
        QCOMPARE(int(shown.pairs.size()), info.config.headDim / 2);
        QVERIFY(canvas->scoreText().contains(QStringLiteral("q·k = ") + num(g.score)));
        QVERIFY(canvas->scoreText().contains(num(g.plainScore)));
        QVERIFY(canvas->scoreText().startsWith(QStringLiteral("distance 32")));
        for (int i : canvas->shownPairs()) {
            const QString t = canvas->pairText(i);
            QVERIFY2(t.contains(QStringLiteral("ω ") + num(g.pairs[std::size_t(i)].frequency)), qPrintable(t));
            QVERIFY2(t.contains(QStringLiteral("λ ") + num(g.pairs[std::size_t(i)].wavelength)), qPrintable(t));
        }
        // Llama 3 at this context (original context 64 / 16 = 4): every wavelength is longer than 4 positions, so
        // every pair is slowed by the factor, and the view has both frequencies.
        for (const core::RopePair& p : shown.pairs)
            QVERIFY(std::abs(p.frequency * info.config.ropeScaling.factor - p.unscaledFrequency)
                < 1e-12 * p.unscaledFrequency);
        QVERIFY(canvas->shownPairs().contains(0));
        QVERIFY(canvas->shownPairs().contains(int(shown.pairs.size()) - 1));
        // A key after the query is pulled back to it (causal attention); bad settings are refused.
        panel.setPositions(3, 9);
        QCOMPARE(canvas->ropeGeometry().posK, 3);
        QVERIFY(!panel.applySettings(QStringLiteral("speed=3")));
        QVERIFY(!panel.applySettings(QStringLiteral("query=x")));
        QVERIFY(!panel.grab().isNull());
    }

    void ropeViewNoPeAndPartialRotary()
    {
        QTemporaryDir dir;
        ui::RopePanel panel;
        panel.resize(1100, 700);
        panel.setModel(infoOf(dir, "smollm3")); // layers 0-2 RoPE, layer 3 NoPE
        panel.setLayer(3);
        QVERIFY(!panel.canvas()->ropeGeometry().rotates);
        QVERIFY(panel.canvas()->dimsText().startsWith(QStringLiteral("no dimension rotates")));
        QVERIFY(!panel.grab().isNull());
        panel.setLayer(2);
        QVERIFY(panel.canvas()->ropeGeometry().rotates);

        const ui::ModelInfo neox = infoOf(dir, "gpt_neox");
        panel.setModel(neox);
        panel.setLayer(0);
        const core::RopeGeometry& g = panel.canvas()->ropeGeometry();
        QVERIFY(g.rotaryDim < g.headDim);
        QCOMPARE(g.rotaryDim, neox.config.rotaryDim());
        QVERIFY(panel.canvas()->dimsText().contains(
            QStringLiteral("%1 of %2 dims rotate").arg(neox.config.rotaryDim()).arg(neox.config.headDim)));
        QVERIFY(panel.canvas()->dimsText().contains(QStringLiteral("pass unchanged")));
    }

    // Issue 16: a sin/cos model's position table on its own (not X + PE): rows = positions, the sines and cosines
    // of the textbook formula; a learned one (gpt2) shows its table as stored.
    void positionTableOnItsOwn()
    {
        QTemporaryDir dir;
        const ui::ModelInfo info = infoOf(dir, "explorer"); // sinusoidal positions, dim 32, context 64
        ui::RopePanel panel;
        panel.resize(1000, 700);
        panel.setModel(info);
        const ui::TensorHeatmap* table = panel.positionTable();
        QVERIFY(table->isVisibleTo(&panel));
        QVERIFY(!panel.canvas()->isVisibleTo(&panel));
        QCOMPARE(table->rows(), 64);
        QCOMPARE(table->cols(), 32);
        for (int p : { 0, 1, 17, 63 })
            for (int i : { 0, 3, 15 }) {
                const double angle = p / std::pow(10000.0, 2.0 * i / 32);
                QVERIFY(std::abs(table->values()[p * 32 + 2 * i] - std::sin(angle)) < 1e-6);
                QVERIFY(std::abs(table->values()[p * 32 + 2 * i + 1] - std::cos(angle)) < 1e-6);
            }
        QVERIFY(!panel.grab().isNull());
        const ui::ModelInfo gpt2 = infoOf(dir, "gpt2");
        panel.setModel(gpt2);
        QCOMPARE(table->rows(), 64);
        QCOMPARE(table->values(), gpt2.positionTable);
    }

    void gqaMapShowsCoresBytes()
    {
        QTemporaryDir dir;
        const ui::ModelInfo info = infoOf(dir, "llama3", 2, 8); // 8 query heads, groups of 4
        ui::GqaMap map;
        map.resize(1000, 520);
        map.setModel(info);
        const core::GroupedQueryMap m = core::groupedQueryMap(info.config);
        QCOMPARE(map.map().kvHeadOf, m.kvHeadOf);
        QCOMPARE(m.kvHeads, 2);
        QVERIFY(map.headline().startsWith(QStringLiteral("8 query heads share 2 K/V heads: 4 query heads")));
        const QString text = map.cacheText();
        QVERIFY2(text.contains(ui::ModelCardModel::formatBytes(m.cacheBytes)), qPrintable(text));
        QVERIFY2(text.contains(ui::ModelCardModel::formatBytes(m.fullMhaBytes)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(75.0%)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("%1 positions").arg(info.config.maxPositions)));
        // Each query head's box lies over the group its K/V head heads: kv box centres in query order.
        for (int h = 1; h < 8; ++h)
            QVERIFY(map.queryRect(h).left() > map.queryRect(h - 1).right());
        QVERIFY(map.kvRect(0).center().x() < map.kvRect(1).center().x());
        QVERIFY(!map.grab().isNull());
    }
};

QTEST_MAIN(TestPositionViews)
#include "tst_positionviews.moc"

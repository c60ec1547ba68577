// The beam search panel: the tree view lays out exactly the recorded tree's nodes as it grows step by step, kept
// and pruned nodes are both there, hovering a node tells its cumulative log-probability, and the hypothesis table
// passes the item model tester.
#include "random_model.h"

#include "ui/decoding/beam_hypothesis_model.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/beam_tree_view.h"

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using ui::DecodingController;

class TestBeamTree : public QObject {
    Q_OBJECT
private slots:
    void treeGrowsWithTheRecordedTree();
};

void TestBeamTree::treeGrowsWithTheRecordedTree()
{
    QTemporaryDir dir;
    const QString folder = testing::makeRandomModel(dir);
    DecodingController c;
    ui::BeamPanel panel(&c);
    panel.resize(1200, 700);
    panel.show();
    QAbstractItemModelTester tester(panel.hypothesisModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&c, &DecodingController::modelReady);
    c.loadModel(folder);
    QVERIFY(loaded.wait(10000));
    c.setPrompt({ 72, 105 });
    QTRY_VERIFY_WITH_TIMEOUT(c.lastGeneration().isValid() && !c.isBusy(), 10000);

    panel.beamsBox()->setValue(3);
    panel.maxNewBox()->setValue(6);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastBeam().isValid(), 5000);
    ui::BeamTreeView* tree = panel.treeView();
    QCOMPARE(tree->nodeCount(), 1);
    for (int step = 1; step <= 3; ++step) {
        QTest::mouseClick(panel.stepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(c.lastBeam().steps, step, 5000);
        QCOMPARE(tree->nodeCount(), int(c.lastBeam().nodes.size()));
    }
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastBeam().finished && !c.isBusy(), 10000);
    const auto& b = c.lastBeam();
    QCOMPARE(tree->nodeCount(), int(b.nodes.size()));
    int pruned = 0, kept = 0;
    for (const auto& n : b.nodes) {
        QVERIFY(!tree->nodeRect(n.id).isEmpty());
        pruned += n.state == core::BeamNodeState::Pruned;
        kept += n.state == core::BeamNodeState::Running || n.state == core::BeamNodeState::Finished;
        if (n.parent >= 0) // children sit to the right of their parent
            QVERIFY(tree->nodeRect(n.id).left() > tree->nodeRect(n.parent).right());
    }
    QVERIFY(pruned > 0 && kept > 0);
    QCOMPARE(panel.hypothesisModel()->rowCount(), b.hypotheses.size());
    // Hover text of the best hypothesis' node: its cumulative log-probability.
    const int best = b.hypotheses.front().node;
    QCOMPARE(tree->nodeAt(tree->nodeRect(best).center()), best);
    const QString tip = tree->nodeToolTip(best);
    QVERIFY(tip.contains(QStringLiteral("cumulative")));
    QVERIFY(tip.contains(QString::number(b.nodes[std::size_t(best)].cumulativeLogProb, 'f', 4)));
    QVERIFY(tip.contains(QStringLiteral("#1")));
}

QTEST_MAIN(TestBeamTree)
#include "tst_beamtree.moc"

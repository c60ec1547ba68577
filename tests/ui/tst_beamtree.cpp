// The beam search panel: the tree view lays out exactly the recorded tree's nodes as it grows step by step, kept
// and pruned nodes are both there, hovering a node tells its cumulative log-probability, and the hypothesis table
// passes the item model tester.
#include "random_model.h"

#include "ui/decoding/beam_hypothesis_model.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/beam_tree_view.h"

#include <QAbstractItemModelTester>
#include <QMap>
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
    void wideTreeKeepsNodesApartAndThePromptInView();
    void keptNodeWithOnePrunedChildDoesNotCoverItsNeighbour();
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

// Many beams and steps at a small window: no node may cover another (a pruned leaf is shorter than a kept node, which
// once let a parent centred on short rows reach into its neighbour's), every column lists its nodes in their parents'
// order (so no child is drawn beside another node's parent), and the prompt node is in view when the search ends.
void TestBeamTree::wideTreeKeepsNodesApartAndThePromptInView()
{
    QTemporaryDir dir;
    const QString folder = testing::makeRandomModel(dir);
    DecodingController c;
    ui::BeamPanel panel(&c);
    panel.resize(900, 520);
    panel.show();
    QSignalSpy loaded(&c, &DecodingController::modelReady);
    c.loadModel(folder);
    QVERIFY(loaded.wait(10000));
    c.setPrompt({ 72, 105 });
    QTRY_VERIFY_WITH_TIMEOUT(c.lastGeneration().isValid() && !c.isBusy(), 10000);
    panel.beamsBox()->setValue(6);
    panel.maxNewBox()->setValue(7);
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c.lastBeam().finished && !c.isBusy(), 20000);
    const auto& b = c.lastBeam();
    ui::BeamTreeView* tree = panel.treeView();
    QCOMPARE(tree->nodeCount(), int(b.nodes.size()));
    QVERIFY(b.nodes.size() > 40);
    QMap<int, QList<int>> columns; // step -> node ids from top to bottom
    for (const auto& n : b.nodes) {
        for (const auto& m : b.nodes)
            if (m.id != n.id && tree->nodeRect(n.id).intersects(tree->nodeRect(m.id)))
                QFAIL(qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(n.id).arg(m.id)));
        columns[n.step] << n.id;
    }
    for (QList<int>& column : columns) {
        std::sort(column.begin(), column.end(),
            [&](int a, int z) { return tree->nodeRect(a).top() < tree->nodeRect(z).top(); });
        for (int i = 1; i < column.size(); ++i) {
            const int pa = b.nodes[std::size_t(column[i - 1])].parent, pb = b.nodes[std::size_t(column[i])].parent;
            if (pa >= 0 && pb >= 0)
                QVERIFY2(tree->nodeRect(pa).top() <= tree->nodeRect(pb).top(),
                    qPrintable(QStringLiteral("node %1 is drawn above node %2 but its parent is below")
                                   .arg(column[i - 1])
                                   .arg(column[i])));
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(tree->visibleRegion().boundingRect().contains(tree->nodeRect(tree->rootNode())), 2000);
}

// The shape that overlapped: a kept node whose only child is a (short) pruned leaf, followed in its column by another
// kept node. The pruned row is shorter than a kept node, so the neighbour used to start inside the first node.
void TestBeamTree::keptNodeWithOnePrunedChildDoesNotCoverItsNeighbour()
{
    using core::BeamNode;
    using core::BeamNodeState;
    ui::BeamSnapshot b;
    b.nodes = {
        BeamNode { 0, -1, 0, -1, 0.0f, 0.0, 0.0, 0, false, BeamNodeState::Running },
        BeamNode { 1, 0, 1, 10, -0.1f, -0.1, -0.1, 0, false, BeamNodeState::Running },
        BeamNode { 2, 0, 1, 11, -0.5f, -0.5, -0.5, 1, false, BeamNodeState::Running },
        BeamNode { 3, 1, 2, 12, -2.0f, -2.1, -1.05, 2, false, BeamNodeState::Pruned },
    };
    b.nodeText = { QStringLiteral("prompt"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    b.live = { 1, 2 };
    b.steps = 2;
    b.numBeams = 2;
    ui::BeamTreeView tree;
    tree.setSnapshot(b);
    tree.resize(tree.sizeHint());
    QVERIFY2(!tree.nodeRect(1).intersects(tree.nodeRect(2)), "the two kept nodes of step 1 overlap");
    QVERIFY(tree.nodeRect(1).top() < tree.nodeRect(2).top());
    QCOMPARE(tree.nodeRect(3).top(), tree.nodeRect(1).top()); // the child is level with its own parent
    QCOMPARE(tree.rootNode(), 0);
    QCOMPARE(tree.nodeRect(0).top(), tree.nodeRect(1).top()); // the prompt node heads the best path
}

QTEST_MAIN(TestBeamTree)
#include "tst_beamtree.moc"

// Which positions the penalties look at: the last penaltyWindow positions (all for 0 or a longer window), and none
// while every penalty is at its "off" value. The pipeline penalises exactly the tokens of that window.
#include "sampling_test_helpers.h"

#include "core/sampling/penalty_window.h"

#include <QTest>

using core::PositionRange;
using core::SamplingParameters;

class TestPenaltyWindow : public QObject {
    Q_OBJECT
private slots:
    void window_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("begin");
        QTest::newRow("last 3 of 10") << 3 << 10 << 7;
        QTest::newRow("whole history (0)") << 0 << 10 << 0;
        QTest::newRow("window longer than history") << 64 << 10 << 0;
        QTest::newRow("window = history") << 10 << 10 << 0;
        QTest::newRow("empty history") << 4 << 0 << 0;
    }
    void window()
    {
        QFETCH(int, window);
        QFETCH(int, length);
        QFETCH(int, begin);
        const PositionRange r = core::penaltyWindow(window, std::size_t(length));
        QCOMPARE(r.begin, std::size_t(begin));
        QCOMPARE(r.end, std::size_t(length));
    }

    void activeOnlyWhenAPenaltyIsOn_data()
    {
        QTest::addColumn<float>("repetition");
        QTest::addColumn<float>("presence");
        QTest::addColumn<float>("frequency");
        QTest::addColumn<bool>("active");
        QTest::newRow("all off") << 1.0f << 0.0f << 0.0f << false;
        QTest::newRow("repetition") << 1.3f << 0.0f << 0.0f << true;
        QTest::newRow("presence") << 1.0f << 0.5f << 0.0f << true;
        QTest::newRow("negative frequency") << 1.0f << 0.0f << -0.5f << true;
    }
    void activeOnlyWhenAPenaltyIsOn()
    {
        QFETCH(float, repetition);
        QFETCH(float, presence);
        QFETCH(float, frequency);
        QFETCH(bool, active);
        SamplingParameters p;
        p.repetitionPenalty = repetition;
        p.presencePenalty = presence;
        p.frequencyPenalty = frequency;
        p.penaltyWindow = 2;
        QCOMPARE(core::penaltiesActive(p), active);
        const PositionRange expected = active ? PositionRange { 3, 5 } : PositionRange {};
        QVERIFY(core::penalisedPositions(p, 5) == expected);
    }

    // The pipeline's window is the same: with window 2 over history {0, 1, 2}, token 0 is outside (not penalised),
    // tokens 1 and 2 inside.
    void pipelinePenalisesTheWindow()
    {
        SamplingParameters p;
        p.presencePenalty = 1.0f;
        p.penaltyWindow = 2;
        const auto record
            = testing::runOrder(core::StageOrder::custom({ core::SamplerStageKind::PresenceFrequencyPenalty }), p,
                { 1, 1, 1, 1 }, { 0, 1, 2 });
        const PositionRange window = core::penalisedPositions(p, 3);
        const std::vector<int> history { 0, 1, 2 };
        for (std::size_t i = 0; i < history.size(); ++i) {
            const float after = record.cell(history[i], 1).logit;
            QCOMPARE(after, window.contains(i) ? 0.0f : 1.0f);
        }
        QCOMPARE(record.cell(3, 1).logit, 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestPenaltyWindow)
#include "tst_penaltywindow.moc"

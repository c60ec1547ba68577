// QK-norm and soft-capping before / after (issue 14): the stepper's snapshot of a HeadNorm or SoftCap op carries the
// tensor before the op, and the two are related as the op says: after = cap * tanh(before / cap) for Gemma 2's
// score and logit caps, after = before / rms(before) per head for Qwen3's QK-norm (the random models' norm weights
// are 1). The tensor view lists both statistics and shows either tensor.
#include "random_model.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using ui::SessionController;
using ui::StepSnapshot;

namespace {
// The snapshot of the first plan node of `part` (invalid if there is none or it never arrives).
StepSnapshot snapshotOf(SessionController& c, core::NodePart part)
{
    int node = -1;
    for (int i = 0; i < c.model().plan.size() && node < 0; ++i)
        if (c.model().plan[i].part == part)
            node = i;
    if (node < 0)
        return {};
    StepSnapshot last;
    QObject guard;
    QObject::connect(&c, &SessionController::stepped, &guard, [&](const StepSnapshot& s) { last = s; });
    c.jumpToNode(node);
    QTest::qWaitFor([&] { return last.nodeIndex == node && !c.isBusy(); }, 20000);
    return last;
}

bool load(SessionController& c, const QString& folder)
{
    QSignalSpy loaded(&c, &SessionController::modelLoaded);
    c.loadModel(folder);
    if (!QTest::qWaitFor([&] { return loaded.count() == 1; }, 20000))
        return false;
    QSignalSpy stepped(&c, &SessionController::stepped);
    c.setPrompt(QStringLiteral("the cat sat on the mat"));
    return QTest::qWaitFor([&] { return stepped.count() >= 1 && !c.isBusy(); }, 20000);
}
} // namespace

class TestBeforeAfter : public QObject {
    Q_OBJECT
private slots:
    void softCap()
    {
        QTemporaryDir dir;
        SessionController c;
        QVERIFY(load(c, testing::makeRandomModel(dir, QStringLiteral("g2"), "gemma2")));
        for (core::NodePart part : { core::NodePart::ScoresSoftcap, core::NodePart::LogitSoftcap }) {
            const StepSnapshot s = snapshotOf(c, part);
            QVERIFY(s.isValid());
            QCOMPARE(s.before.size(), s.values.size());
            const double cap = s.variant.cap;
            QVERIFY(cap > 0);
            double worst = 0;
            for (qsizetype i = 0; i < s.values.size(); ++i)
                worst = std::max(worst, std::abs(cap * std::tanh(s.before[i] / cap) - s.values[i]));
            std::printf("    %s: max |cap tanh(before / cap) - after| = %.2e\n", qPrintable(s.name), worst);
            QVERIFY2(worst < 1e-5 * cap, qPrintable(QString::number(worst)));
            ui::TensorPanel panel;
            panel.setStep(s, {});
            QVERIFY(panel.beforeText().contains(QStringLiteral("max %1").arg(double(s.beforeStats.max), 0, 'g', 4)));
            QVERIFY(panel.beforeText().contains(QStringLiteral("cap %1").arg(cap, 0, 'g', 4)));
            QCOMPARE(panel.heatmap()->values(), s.values);
            panel.showBeforeBox()->setChecked(true);
            QCOMPARE(panel.heatmap()->values(), s.before);
        }
    }

    void qkNorm()
    {
        QTemporaryDir dir;
        SessionController c;
        QVERIFY(load(c, testing::makeRandomModel(dir, QStringLiteral("q3"), "qwen3")));
        const int headDim = c.model().headDim;
        for (core::NodePart part : { core::NodePart::QNorm, core::NodePart::KNorm }) {
            const StepSnapshot s = snapshotOf(c, part);
            QVERIFY(s.isValid());
            QCOMPARE(s.before.size(), s.values.size());
            const double eps = c.model().config.normEps;
            double worst = 0;
            for (int r = 0; r < s.rows; ++r)
                for (int h = 0; h < s.cols / headDim; ++h) {
                    double ms = 0;
                    for (int d = 0; d < headDim; ++d)
                        ms += double(s.before[r * s.cols + h * headDim + d]) * s.before[r * s.cols + h * headDim + d];
                    const double inv = 1 / std::sqrt(ms / headDim + eps);
                    for (int d = 0; d < headDim; ++d) {
                        const int i = r * s.cols + h * headDim + d;
                        worst = std::max(worst, std::abs(s.before[i] * inv - s.values[i]));
                    }
                }
            std::printf("    %s: max |before / rms - after| = %.2e\n", qPrintable(s.name), worst);
            QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
            ui::TensorPanel panel;
            panel.setStep(s, {});
            QVERIFY(panel.beforeText().contains(QStringLiteral("std %1").arg(double(s.beforeStats.std), 0, 'g', 4)));
        }
        // An op that does not rewrite in place has no before.
        QVERIFY(snapshotOf(c, core::NodePart::QProj).before.isEmpty());
    }
};

QTEST_MAIN(TestBeforeAfter)
#include "tst_beforeafter.moc"

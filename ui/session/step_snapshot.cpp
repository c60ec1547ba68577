#include "ui/session/step_snapshot.h"

#include "core/analysis/downsample.h"

#include <QCoreApplication>

#include <algorithm>

namespace ui {

AttentionMatrix attentionPreview(const AttentionMatrix& full, int side)
{
    if (full.rows <= side && full.cols <= side)
        return {};
    AttentionMatrix p = full;
    p.rows = std::min(full.rows, side);
    p.cols = std::min(full.cols, side);
    p.fullRows = full.shownRows();
    p.fullCols = full.shownCols();
    const std::vector<float> v = core::downsampleMax(
        core::TensorView { full.values.constData(), full.rows, full.cols, full.cols }, p.rows, p.cols);
    p.values = QVector<float>(v.begin(), v.end());
    return p;
}

TensorPreview tensorPreview(int rows, int cols, const QVector<float>& values, int side)
{
    TensorPreview p;
    if (rows <= 1 || (rows <= side && cols <= side) || values.size() != qsizetype(rows) * cols)
        return p;
    p.rows = std::min(rows, side);
    p.cols = std::min(cols, side);
    const std::vector<float> v
        = core::downsampleExtreme(core::TensorView { values.constData(), rows, cols, cols }, p.rows, p.cols);
    p.values = QVector<float>(v.begin(), v.end());
    return p;
}

QString StepSnapshot::phaseText() const
{
    return prefill ? QCoreApplication::translate("StepSnapshot", "Prefill")
                   : QCoreApplication::translate("StepSnapshot", "Decode %1").arg(decodeStep);
}

QString StepSnapshot::statusText() const
{
    if (cursor < 0)
        return QCoreApplication::translate("StepSnapshot", "%1 · ready: %n op(s) to run", nullptr, total)
            .arg(phaseText());
    return QStringLiteral("%1 · %2 (%3×%4)").arg(phaseText(), label).arg(rows).arg(cols);
}

} // namespace ui

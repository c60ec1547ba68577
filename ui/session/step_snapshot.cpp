#include "ui/session/step_snapshot.h"

#include <QCoreApplication>

namespace ui {

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

#include "ui/session/probability_text.h"

#include <cmath>

namespace ui {

QString probabilityText(double p)
{
    if (!(p > 0))
        return QStringLiteral("0");
    if (p < 0.001) // two significant digits, as a plain probability (a "0.0000032%" is hard to read)
        return QString::number(p, 'e', 1);
    const int decimals = p >= 0.1 ? 1 : p >= 0.01 ? 2 : 3;
    return QStringLiteral("%1%").arg(p * 100.0, 0, 'f', decimals);
}

} // namespace ui

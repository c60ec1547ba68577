#include "ui/widgets/text_widths.h"

#include <QSet>

#include <algorithm>

namespace ui {

int widestText(const QStringList& texts, const QFontMetrics& fm)
{
    QSet<QString> seen;
    int widest = 0;
    for (const QString& t : texts)
        if (!seen.contains(t)) {
            seen.insert(t);
            widest = std::max(widest, fm.horizontalAdvance(t));
        }
    return widest;
}

} // namespace ui

#include "ui/session/token_info.h"

#include <QCoreApplication>

namespace ui {

QString TokenInfo::visibleText() const
{
    QString s = display;
    s.replace(QLatin1Char(' '), QChar(0x2423));
    s.replace(QLatin1Char('\n'), QChar(0x21B5));
    s.replace(QLatin1Char('\t'), QChar(0x21E5));
    if (s.isEmpty())
        s = piece.isEmpty() ? QStringLiteral("∅") : piece;
    return s;
}

QString TokenInfo::bytesHex() const { return QString::fromLatin1(bytes.toHex(' ')).toUpper(); }

QString TokenInfo::toolTip(int position) const
{
    QString tip = QCoreApplication::translate("TokenInfo", "%1\nposition %2 · id %3\nbytes: %4")
                      .arg(visibleText())
                      .arg(position)
                      .arg(id)
                      .arg(bytes.isEmpty() ? QCoreApplication::translate("TokenInfo", "(none)") : bytesHex());
    if (special)
        tip += QCoreApplication::translate("TokenInfo", "\nspecial token");
    return tip;
}

} // namespace ui

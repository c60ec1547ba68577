#include "ui/widgets/token_html.h"

#include "ui/widgets/color_map.h"

#include <QColor>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    constexpr double kDarkest = 0.85; // the top of the map is too dark for a readable chip
    const char* kSpecialStyle = "background:#cc79a7;color:#000000;font-weight:bold;"; // Okabe–Ito reddish purple
}

QRgb tokenChipColour(double probability) { return ColorMap::sequential(std::clamp(probability, 0.0, 1.0) * kDarkest); }

QString tokenChipHtml(
    const QString& text, bool special, double probability, const QString& title, const QString& extraStyle)
{
    QString style;
    if (special) {
        style = QLatin1String(kSpecialStyle);
    } else {
        const QRgb bg = probability < 0 ? qRgb(0xe1, 0xd5, 0xe7) : tokenChipColour(probability); // lilac: the prompt
        style = QStringLiteral("background:%1;color:%2;").arg(QColor(bg).name(), ColorMap::textOn(bg).name());
    }
    style += extraStyle;
    // Qt's rich text ignores white-space:nowrap on a span, and "<|endoftext|>" may break after a "|": word joiners
    // (U+2060) between its characters keep a special token on one line.
    QString shown = text;
    if (special) {
        shown.clear();
        for (qsizetype i = 0; i < text.size(); ++i)
            shown += (i > 0 && !text[i].isLowSurrogate() ? QString(QChar(0x2060)) : QString()) + text[i];
    }
    return QStringLiteral("<span title='%1' style='%2'>%3</span><span style='font-size:4pt'> </span>")
        .arg(title.toHtmlEscaped(), style, shown.toHtmlEscaped());
}

QString probabilityLegendHtml()
{
    QString cells;
    for (double p : { 0.0, 0.25, 0.5, 0.75, 1.0 })
        cells += QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span>")
                     .arg(QColor(tokenChipColour(p)).name(), ColorMap::textOn(tokenChipColour(p)).name())
                     .arg(p);
    return QCoreApplication::translate("TokenHtml", "colour = probability %1 · %2 special token")
        .arg(cells,
            QStringLiteral("<span style='%1'>&nbsp;&lt;|eos|&gt;&nbsp;</span>").arg(QLatin1String(kSpecialStyle)));
}

QRgb tableCellColour(double probability) { return ColorMap::sequential(std::sqrt(std::clamp(probability, 0.0, 1.0))); }

QString tableLegendHtml()
{
    QString cells;
    for (double p : { 0.0, 0.01, 0.1, 0.25, 0.5, 1.0 })
        cells += QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span>")
                     .arg(QColor(tableCellColour(p)).name(), ColorMap::textOn(tableCellColour(p)).name())
                     .arg(p);
    return QCoreApplication::translate("TokenHtml", "colour = probability %1").arg(cells);
}

} // namespace ui

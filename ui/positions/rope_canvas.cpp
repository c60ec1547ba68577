#include "ui/positions/rope_canvas.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ui {

namespace {
    const QColor kQColor(31, 95, 191); // q: blue
    const QColor kKColor(224, 123, 0); // k: orange
    QString num(double v) { return QString::number(v, 'g', 4); }
    QString superscript(int n)
    {
        static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
        QString s = n < 0 ? QStringLiteral("⁻") : QString();
        for (QChar ch : QString::number(std::abs(n)))
            s += digits[ch.digitValue()];
        return s;
    }
    double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }
    // An angle folded into (-180, 180].
    double folded(double deg)
    {
        deg = std::fmod(deg, 360.0);
        if (deg > 180)
            deg -= 360;
        if (deg <= -180)
            deg += 360;
        return deg;
    }
} // namespace

RopeCanvas::RopeCanvas(QWidget* parent)
    : QWidget(parent)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void RopeCanvas::setGeometry(const core::ModelConfig& config, int layer, const std::vector<float>& q,
    const std::vector<float>& k, int posQ, int posK)
{
    m_config = config;
    m_layer = layer;
    m_geometry = core::ropeGeometry(config, layer, q, k, posQ, posK);
    m_valid = true;
    update();
}

QVector<int> RopeCanvas::shownPairs() const
{
    // As many circles a row as the width gives room for (each about 150 px with its caption), 2 to 4.
    const int perRow = std::clamp(width() * 56 / 100 / 150, 2, 4);
    const int n = int(m_geometry.pairs.size());
    QVector<int> shown;
    for (int i = 0; i < n; ++i)
        if (n <= 2 * perRow || i < perRow || i >= n - perRow)
            shown << i;
    return shown;
}

int RopeCanvas::maxDistance() const
{
    // Four times the chosen distance, at least 128 positions (the fast pairs' ripples stay readable), at most the
    // context.
    const int d = std::abs(m_geometry.posQ - m_geometry.posK);
    return std::max(1, std::min(m_config.maxPositions, std::max(128, 4 * d)));
}

QString RopeCanvas::pairText(int pair) const
{
    const core::RopePair& p = m_geometry.pairs.at(std::size_t(pair));
    const double angle = folded(degrees((m_geometry.posQ - m_geometry.posK) * p.frequency));
    return tr("pair %1 · dims %2, %3\nω %4 · λ %5\nangle k→q %6°")
        .arg(pair)
        .arg(p.dimA)
        .arg(p.dimB)
        .arg(num(p.frequency), num(p.wavelength), QString::number(angle, 'f', 1));
}

QString RopeCanvas::scoreText() const
{
    const int d = m_geometry.posQ - m_geometry.posK;
    return tr("distance %1: q·k = %2 (%3 at distance 0)").arg(d).arg(num(m_geometry.score), num(m_geometry.plainScore));
}

QString RopeCanvas::dimsText() const
{
    if (!m_geometry.rotates)
        return tr("no dimension rotates: q·k is the plain dot product at every distance");
    const int rotary = m_geometry.rotaryDim, half = rotary / 2;
    QString s = tr("%1 of %2 dims rotate, in %3 pairs (i, i + %3)").arg(rotary).arg(m_geometry.headDim).arg(half);
    if (rotary < m_geometry.headDim)
        s += tr("; dims %1–%2 pass unchanged (partial rotary)").arg(rotary).arg(m_geometry.headDim - 1);
    return s;
}

QColor RopeCanvas::pairColor(int pair) const
{
    const int n = std::max<int>(1, int(m_geometry.pairs.size()) - 1);
    return QColor::fromHsv(int(200 - 160.0 * pair / n), 150, 210); // fast pairs blue-green, slow ones yellow
}

void RopeCanvas::text(QPainter& p, const QRect& r, int flags, const QString& s) { p.drawText(r, flags, s); }

void RopeCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(palette().color(QPalette::Text));
    const QRect all = rect().adjusted(10, 8, -10, -8);
    if (!m_valid) {
        text(p, all, Qt::AlignCenter, tr("Open a model that uses RoPE."));
        return;
    }
    const int line = fontMetrics().height();
    QRect dims(all.left(), all.top(), all.width(), 2 * line + 18);
    paintDims(p, dims);
    const int top = dims.bottom() + 8;
    const int upperHeight = (all.bottom() - top) * 60 / 100;
    const QRect upper(all.left(), top, all.width(), upperHeight);
    const QRect lower(all.left(), upper.bottom() + 10, all.width(), all.bottom() - upper.bottom() - 10);
    if (!m_geometry.rotates) {
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.3);
        p.setFont(big);
        text(p, upper, Qt::AlignCenter | Qt::TextWordWrap,
            tr("Layer %1 has no positional encoding (NoPE).\nIts q and k are not turned: the score depends on what "
               "the tokens are, never on how far apart they stand.")
                .arg(m_layer));
        p.setFont(font());
        paintScoreCurve(p, lower);
        return;
    }
    const QRect circles(upper.left(), upper.top(), upper.width() * 56 / 100, upper.height());
    const QRect waves(circles.right() + 16, upper.top(), upper.right() - circles.right() - 16, upper.height());
    // Fast pairs on the first row, slow ones on the second, four to a row.
    const QVector<int> shown = shownPairs();
    const int perRow
        = std::clamp(width() * 56 / 100 / 150, 2, 4) < shown.size() ? (shown.size() + 1) / 2 : shown.size();
    const int rows = shown.size() > perRow ? 2 : 1;
    const int labelWidth = line * 5 / 2;
    const int cellW = (circles.width() - labelWidth) / std::max(1, perRow);
    const int cellH = circles.height() / rows;
    for (int row = 0; row < rows; ++row) {
        const QRect label(circles.left(), circles.top() + row * cellH, labelWidth, cellH);
        p.save();
        p.translate(label.center());
        p.rotate(-90);
        text(p, QRect(-cellH / 2, -labelWidth / 2, cellH, labelWidth), Qt::AlignCenter,
            row == 0 ? (rows == 1 ? tr("pairs") : tr("fastest")) : tr("slowest"));
        p.restore();
    }
    for (int s = 0; s < shown.size(); ++s) {
        const int row = s / perRow, col = s % perRow;
        paintPair(
            p, QRect(circles.left() + labelWidth + col * cellW, circles.top() + row * cellH, cellW, cellH), shown[s]);
    }
    paintWavelengths(p, waves);
    paintScoreCurve(p, lower);
}

void RopeCanvas::paintDims(QPainter& p, const QRect& r)
{
    const int line = fontMetrics().height();
    text(p, QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
        tr("Layer %1 · one head's %2 dims · %3").arg(m_layer).arg(m_geometry.headDim).arg(dimsText()));
    const QRect strip(r.left(), r.top() + line + 4, r.width(), r.height() - line - 6);
    const int n = std::max(1, m_geometry.headDim);
    const double w = double(strip.width()) / n;
    const int half = m_geometry.rotaryDim / 2;
    for (int d = 0; d < n; ++d) {
        const QRectF cell(strip.left() + d * w, strip.top(), std::max(1.0, w - (w > 4 ? 1 : 0)), strip.height());
        if (m_geometry.rotates && d < m_geometry.rotaryDim) {
            p.fillRect(cell, pairColor(d % half));
        } else {
            p.fillRect(cell, palette().color(QPalette::AlternateBase));
            p.fillRect(cell, QBrush(palette().color(QPalette::Mid), Qt::BDiagPattern));
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(strip.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::Text));
}

void RopeCanvas::paintPair(QPainter& p, const QRect& r, int pair)
{
    const core::RopePair& rp = m_geometry.pairs.at(std::size_t(pair));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const int line = QFontMetrics(small).height();
    const int textHeight = 3 * line + 4;
    const int textWidth = QFontMetrics(small).horizontalAdvance(QStringLiteral("ω 3.223e-07 · λ 1.95e+07")) + 8;
    // A short cell (small window) puts the caption beside the circle, a tall one below it.
    const bool beside = r.height() - textHeight < std::min(r.width() - textWidth, r.height()) - 8;
    const int radius = beside ? std::max(8, std::min(r.width() - textWidth - 12, r.height() - 8) / 2)
                              : std::max(8, std::min(r.width() - 12, r.height() - textHeight - 8) / 2);
    const QPointF c
        = beside ? QPointF(r.left() + 6 + radius, r.center().y()) : QPointF(r.center().x(), r.top() + 4 + radius);
    p.setPen(QPen(pairColor(pair), 2));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(c, radius, radius);
    p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
    p.drawLine(QPointF(c.x() - radius, c.y()), QPointF(c.x() + radius, c.y()));
    p.drawLine(QPointF(c.x(), c.y() - radius), QPointF(c.x(), c.y() + radius));
    // Both vectors at the circle's scale: the longer of the two reaches the rim.
    const double len
        = std::max({ std::hypot(rp.qRotated[0], rp.qRotated[1]), std::hypot(rp.kRotated[0], rp.kRotated[1]), 1e-12 });
    auto tip = [&](const double v[2]) { return QPointF(c.x() + radius * v[0] / len, c.y() - radius * v[1] / len); };
    // The angle from k to q: the arc only the distance decides.
    const double aK = degrees(std::atan2(rp.kRotated[1], rp.kRotated[0]));
    const double sweep = folded(degrees(std::atan2(rp.qRotated[1], rp.qRotated[0])) - aK);
    QPainterPath arc;
    const QRectF arcBox(c.x() - radius * 0.35, c.y() - radius * 0.35, radius * 0.7, radius * 0.7);
    arc.arcMoveTo(arcBox, aK);
    arc.arcTo(arcBox, aK, sweep);
    p.setPen(QPen(palette().color(QPalette::Text), 1.5));
    p.drawPath(arc);
    for (const auto& [v, color] : { std::pair { rp.kRotated, kKColor }, std::pair { rp.qRotated, kQColor } }) {
        p.setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(c, tip(v));
        p.setBrush(color);
        p.drawEllipse(tip(v), 3.5, 3.5);
        p.setBrush(Qt::NoBrush);
    }
    p.setPen(palette().color(QPalette::Text));
    p.setFont(small);
    if (beside)
        text(p, QRect(int(c.x() + radius + 6), r.top(), r.right() - int(c.x() + radius + 6), r.height()),
            Qt::AlignLeft | Qt::AlignVCenter, pairText(pair));
    else
        text(p, QRect(r.left(), int(c.y() + radius + 4), r.width(), textHeight), Qt::AlignHCenter | Qt::AlignTop,
            pairText(pair));
    p.setFont(font());
}

void RopeCanvas::paintWavelengths(QPainter& p, const QRect& r)
{
    const int line = fontMetrics().height();
    const bool scaled = std::any_of(m_geometry.pairs.begin(), m_geometry.pairs.end(), [](const core::RopePair& rp) {
        return std::abs(rp.frequency - rp.unscaledFrequency) > 1e-15 * rp.unscaledFrequency;
    });
    text(p, QRect(r.left(), r.top(), r.width(), 2 * line), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
        scaled ? tr("Wavelength of each pair (positions per turn): ○ before, ● after rope_scaling")
               : tr("Wavelength of each pair (positions per turn)"));
    const QRect plot = r.adjusted(line * 3, 2 * line + 6, -6, -line - 6);
    double lo = 1e300, hi = 0;
    for (const core::RopePair& rp : m_geometry.pairs) {
        lo = std::min({ lo, rp.wavelength, 2 * std::numbers::pi / rp.unscaledFrequency });
        hi = std::max({ hi, rp.wavelength, 2 * std::numbers::pi / rp.unscaledFrequency });
    }
    hi = std::max(hi, double(m_config.maxPositions));
    const double l0 = std::floor(std::log10(std::max(lo, 1.0))), l1 = std::ceil(std::log10(hi * 1.01));
    auto yOf = [&](double wavelength) {
        return plot.bottom() - (std::log10(wavelength) - l0) / std::max(1e-9, l1 - l0) * plot.height();
    };
    const int n = int(m_geometry.pairs.size());
    auto xOf = [&](int i) { return plot.left() + (n > 1 ? double(i) / (n - 1) : 0.5) * plot.width(); };
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());
    const int every = std::max(1, int(std::ceil((l1 - l0 + 1) * line * 1.3 / std::max(1, plot.height()))));
    for (int e = int(l0); e <= int(l1); e += every) {
        const double y = yOf(std::pow(10.0, e));
        p.setPen(QPen(palette().color(QPalette::Midlight), 1, Qt::DotLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(palette().color(QPalette::Text));
        text(p, QRect(r.left(), int(y) - line / 2, line * 3 - 4, line), Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("10") + superscript(e));
    }
    // The context lines: a pair whose wavelength is beyond the context never completes a turn inside it.
    auto hline = [&](double at, const QString& label, const QColor& color) {
        const double y = yOf(at);
        p.setPen(QPen(color, 1.5, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        text(p, QRect(plot.left() + 4, int(y) - line - 1, plot.width() - 8, line), Qt::AlignLeft | Qt::AlignBottom,
            label);
    };
    hline(m_config.maxPositions, tr("context %1").arg(m_config.maxPositions), QColor(120, 120, 120));
    if (m_config.ropeScaling.kind == core::RopeScalingKind::Llama3 && !m_geometry.local)
        hline(m_config.ropeScaling.originalContext, tr("original context %1").arg(m_config.ropeScaling.originalContext),
            QColor(170, 60, 60));
    for (int i = 0; i < n; ++i) {
        const core::RopePair& rp = m_geometry.pairs[std::size_t(i)];
        const QPointF at(xOf(i), yOf(rp.wavelength));
        if (scaled) {
            p.setPen(QPen(palette().color(QPalette::Mid), 1.2));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QPointF(xOf(i), yOf(2 * std::numbers::pi / rp.unscaledFrequency)), 3.5, 3.5);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(pairColor(i));
        p.drawEllipse(at, 3.5, 3.5);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(palette().color(QPalette::Text));
    text(p, QRect(plot.left(), plot.bottom() + 2, plot.width(), line), Qt::AlignHCenter | Qt::AlignTop,
        tr("pair 0 (fastest) … pair %1 (slowest)").arg(n - 1));
}

void RopeCanvas::paintScoreCurve(QPainter& p, const QRect& r)
{
    const int line = fontMetrics().height();
    text(p, QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
        tr("q·k against the distance between query and key (before the 1/√d scale) · %1").arg(scoreText()));
    const QRect plot = r.adjusted(line * 3, line + 6, -8, -line - 4);
    const int maxD = maxDistance();
    const int samples = std::min(maxD + 1, std::max(2, plot.width())); // every distance when there is room
    QVector<QPointF> values;
    double lo = 0, hi = 0;
    for (int s = 0; s < samples; ++s) {
        const double d = double(s) * maxD / (samples - 1);
        const double v = core::scoreAtDistance(m_geometry, d);
        values << QPointF(d, v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (hi - lo < 1e-12)
        hi = lo + 1;
    auto map = [&](double d, double v) {
        return QPointF(plot.left() + d / maxD * plot.width(), plot.bottom() - (v - lo) / (hi - lo) * plot.height());
    };
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(plot);
    const double zero = map(0, 0).y();
    p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
    p.drawLine(QPointF(plot.left(), zero), QPointF(plot.right(), zero));
    p.setPen(palette().color(QPalette::Text));
    text(p, QRect(r.left(), int(zero) - line / 2, line * 3 - 4, line), Qt::AlignRight | Qt::AlignVCenter,
        QStringLiteral("0"));
    text(p, QRect(r.left(), plot.top() - line / 2, line * 3 - 4, line), Qt::AlignRight | Qt::AlignVCenter, num(hi));
    QPolygonF poly;
    for (const QPointF& v : values)
        poly << map(v.x(), v.y());
    p.setPen(QPen(kQColor, 1.6));
    p.drawPolyline(poly);
    const int d = m_geometry.posQ - m_geometry.posK;
    if (d >= 0 && d <= maxD) {
        const QPointF at = map(d, m_geometry.score);
        p.setPen(QPen(kKColor, 1.5, Qt::DashLine));
        p.drawLine(QPointF(at.x(), plot.top()), QPointF(at.x(), plot.bottom()));
        p.setBrush(kKColor);
        p.drawEllipse(at, 4.5, 4.5);
        p.setBrush(Qt::NoBrush);
    }
    p.setPen(palette().color(QPalette::Text));
    text(p, QRect(plot.left(), plot.bottom() + 2, plot.width(), line), Qt::AlignLeft | Qt::AlignTop,
        QStringLiteral("0"));
    text(p, QRect(plot.left(), plot.bottom() + 2, plot.width(), line), Qt::AlignRight | Qt::AlignTop,
        tr("%1 positions").arg(maxD));
}

} // namespace ui

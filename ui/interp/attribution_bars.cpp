#include "ui/interp/attribution_bars.h"

#include "ui/widgets/color_map.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {

AttributionBars::AttributionBars(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void AttributionBars::setAttribution(const AttributionSnapshot& attribution)
{
    m_attribution = attribution;
    m_sorted = attribution.parts;
    std::stable_sort(m_sorted.begin(), m_sorted.end(),
        [](const auto& a, const auto& b) { return std::abs(a.value) > std::abs(b.value); });
    m_selected = -1;
    updateGeometry();
    update();
}

QString AttributionBars::partLabel(const AttributionSnapshot::Part& part)
{
    switch (part.kind) {
    case AttributionSnapshot::Kind::Embedding:
        return tr("embedding");
    case AttributionSnapshot::Kind::Head:
        return tr("L%1 H%2").arg(part.layer).arg(part.head);
    case AttributionSnapshot::Kind::AttentionBias:
        return tr("L%1 attention bias").arg(part.layer);
    case AttributionSnapshot::Kind::Mlp:
        return tr("L%1 MLP").arg(part.layer);
    case AttributionSnapshot::Kind::OutputBias:
        return tr("output biases");
    }
    return part.name;
}

int AttributionBars::rowHeight() const { return fontMetrics().height() + 8; }
int AttributionBars::labelWidth() const { return fontMetrics().horizontalAdvance(tr("L00 attention bias")) + 12; }
int AttributionBars::valueWidth() const { return fontMetrics().horizontalAdvance(QStringLiteral("+000.000")) + 12; }

QSize AttributionBars::sizeHint() const
{
    return { labelWidth() + valueWidth() + 400, rowHeight() * int(m_sorted.size() + 2) + 8 };
}

QSize AttributionBars::minimumSizeHint() const
{
    return { labelWidth() + valueWidth() + 120, rowHeight() * int(m_sorted.size() + 2) + 8 };
}

QRect AttributionBars::barRowRect(int row) const
{
    // The total on top, the parts under a gap of half a row.
    const int y = 4 + (row + 1) * rowHeight() + (row >= 0 ? rowHeight() / 2 : 0);
    return { 0, y, width(), rowHeight() };
}

void AttributionBars::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_attribution.isValid())
        return;
    // The zero line splits the width in the ratio of the largest negative and positive bar.
    double neg = std::max(0.0, -m_attribution.logit), pos = std::max(0.0, m_attribution.logit);
    for (const auto& part : m_sorted) {
        neg = std::max(neg, -part.value);
        pos = std::max(pos, part.value);
    }
    if (neg + pos <= 0)
        pos = 1;
    const int left = labelWidth(), right = width() - valueWidth();
    const double unit = (right - left - 4) / (neg + pos), zero = left + 2 + neg * unit;
    auto drawRow = [&](int row, const QString& label, double value, bool total) {
        const QRect r = barRowRect(row);
        if (row >= 0 && row == m_selected)
            p.fillRect(r, palette().color(QPalette::AlternateBase));
        p.setPen(palette().color(QPalette::Text));
        QFont f = font();
        f.setBold(total);
        p.setFont(f);
        p.drawText(QRect(0, r.top(), left - 8, r.height()), Qt::AlignRight | Qt::AlignVCenter, label);
        const double w = value * unit;
        const QRectF bar(w >= 0 ? zero : zero + w, r.top() + 3, std::abs(w), r.height() - 6);
        const QColor colour
            = total ? palette().color(QPalette::Text) : QColor(ColorMap::diverging(value >= 0 ? 0.75 : -0.75));
        p.fillRect(bar, colour);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(right + 6, r.top(), valueWidth() - 6, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("%1%2").arg(value >= 0 ? QStringLiteral("+") : QString()).arg(value, 0, 'f', 3));
    };
    drawRow(-1, tr("total = logit"), m_attribution.logit, true);
    for (int i = 0; i < int(m_sorted.size()); ++i)
        drawRow(i, partLabel(m_sorted[i]), m_sorted[i].value, false);
    p.setFont(font());
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawLine(QPointF(zero, 2), QPointF(zero, barRowRect(int(m_sorted.size()) - 1).bottom()));
}

void AttributionBars::select(int row, bool activate)
{
    if (row < 0 || row >= int(m_sorted.size()))
        return;
    m_selected = row;
    update();
    if (activate)
        emit partClicked(m_sorted[row]);
}

void AttributionBars::mousePressEvent(QMouseEvent* e)
{
    for (int i = 0; i < int(m_sorted.size()); ++i)
        if (barRowRect(i).contains(e->position().toPoint()))
            return select(i, true);
}

void AttributionBars::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Up:
        return select(std::max(0, m_selected - 1), false);
    case Qt::Key_Down:
        return select(std::min(int(m_sorted.size()) - 1, m_selected + 1), false);
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return select(m_selected, true);
    default:
        QWidget::keyPressEvent(e);
    }
}

} // namespace ui

#include "ui/interventions/patching_heatmap.h"

#include "ui/widgets/color_map.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    constexpr int kMaxCell = 72; // a cell is at most this wide and two thirds as high
    constexpr int kGap = 6;
}

PatchingHeatmap::PatchingHeatmap(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PatchingHeatmap::setGrid(
    int rows, int cols, const QVector<double>& values, const QStringList& rowLabels, const QStringList& colLabels)
{
    const bool sized = rows > 0 && cols > 0 && values.size() == qsizetype(rows) * cols;
    m_rows = sized ? rows : 0;
    m_cols = sized ? cols : 0;
    m_values = sized ? values : QVector<double>();
    m_rowLabels = rowLabels;
    m_colLabels = colLabels;
    m_hover = { -1, -1 };
    updateGeometry();
    update();
}

void PatchingHeatmap::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void PatchingHeatmap::clear() { setGrid(0, 0, {}, {}, {}); }

int PatchingHeatmap::labelWidth() const
{
    int w = 0;
    const QFontMetrics fm(font());
    for (const QString& l : m_rowLabels)
        w = std::max(w, fm.horizontalAdvance(l));
    return w + kGap;
}

QRect PatchingHeatmap::gridRect() const
{
    const QFontMetrics fm(font());
    const int top = fm.height() * 2 + kGap; // title, column labels
    const int left = labelWidth() + kGap;
    if (m_rows == 0 || m_cols == 0)
        return QRect(left, top, 0, 0);
    const int cellW = std::clamp((width() - left - kGap) / m_cols, 4, kMaxCell);
    const int cellH = std::clamp((height() - top - kGap) / m_rows, 4, kMaxCell * 2 / 3);
    return QRect(left, top, cellW * m_cols, cellH * m_rows);
}

QRect PatchingHeatmap::cellRect(int row, int col) const
{
    const QRect g = gridRect();
    if (m_rows == 0 || row < 0 || col < 0 || row >= m_rows || col >= m_cols)
        return {};
    const int w = g.width() / m_cols, h = g.height() / m_rows;
    return QRect(g.left() + col * w, g.top() + row * h, w, h);
}

QPoint PatchingHeatmap::cellAt(QPoint p) const
{
    const QRect g = gridRect();
    if (!g.contains(p) || m_rows == 0)
        return { -1, -1 };
    const int col = (p.x() - g.left()) / (g.width() / m_cols);
    const int row = (p.y() - g.top()) / (g.height() / m_rows);
    return row < m_rows && col < m_cols ? QPoint(col, row) : QPoint(-1, -1);
}

QString PatchingHeatmap::cellText(int row, int col) const
{
    if (row < 0 || col < 0 || row >= m_rows || col >= m_cols)
        return {};
    const double v = valueAt(row, col);
    const QString where = m_rowLabels.value(row) + QStringLiteral(" · ") + m_colLabels.value(col);
    if (std::isnan(v))
        return tr("%1: not run (cancelled)").arg(where);
    return tr("%1: %2 of the clean logit difference restored").arg(where, QString::number(v, 'g', 6));
}

QSize PatchingHeatmap::sizeHint() const
{
    const QFontMetrics fm(font());
    return { labelWidth() + 2 * kGap + std::max(1, m_cols) * 56,
        fm.height() * 2 + kGap * 2 + std::max(1, m_rows) * 30 };
}

void PatchingHeatmap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm(font());
    p.setPen(palette().text().color());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(kGap, 0, width() - 2 * kGap, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, width() - 2 * kGap));
    p.setFont(font());
    if (m_rows == 0)
        return;
    const QRect g = gridRect();
    for (int c = 0; c < m_cols; ++c) {
        const QRect r = cellRect(0, c);
        const QString label = fm.elidedText(m_colLabels.value(c), Qt::ElideRight, r.width() - 2);
        p.drawText(QRect(r.left(), fm.height() + kGap / 2, r.width(), fm.height()), Qt::AlignCenter, label);
    }
    for (int row = 0; row < m_rows; ++row) {
        const QRect r = cellRect(row, 0);
        p.setPen(palette().text().color());
        p.drawText(
            QRect(kGap, r.top(), labelWidth(), r.height()), Qt::AlignRight | Qt::AlignVCenter, m_rowLabels.value(row));
        for (int c = 0; c < m_cols; ++c) {
            const QRect cell = cellRect(row, c);
            const double v = valueAt(row, c);
            const QRgb colour = std::isnan(v) ? ColorMap::masked() : ColorMap::diverging(std::clamp(v, -1.0, 1.0));
            p.fillRect(cell, QColor(colour));
            if (cell.width() >= fm.horizontalAdvance(QStringLiteral("-0.00")) + 4 && cell.height() >= fm.height()
                && !std::isnan(v)) {
                p.setPen(ColorMap::textOn(colour));
                p.drawText(cell, Qt::AlignCenter, QString::number(v, 'f', 2));
            }
        }
    }
    p.setPen(palette().mid().color());
    p.drawRect(g.adjusted(0, 0, -1, -1));
    if (m_hover.x() >= 0) {
        p.setPen(QPen(palette().highlight().color(), 2));
        p.drawRect(cellRect(m_hover.y(), m_hover.x()).adjusted(1, 1, -1, -1));
    }
}

void PatchingHeatmap::mouseMoveEvent(QMouseEvent* e)
{
    const QPoint cell = cellAt(e->position().toPoint());
    if (cell != m_hover) {
        m_hover = cell;
        update();
        emit cellHovered(cell.y(), cell.x());
    }
}

bool PatchingHeatmap::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        const QPoint cell = cellAt(static_cast<QHelpEvent*>(e)->pos());
        const QString text = cell.x() >= 0 ? cellText(cell.y(), cell.x()) : toolTip();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(static_cast<QHelpEvent*>(e)->globalPos(), text, this);
        return true;
    }
    if (e->type() == QEvent::Leave && m_hover.x() >= 0) {
        m_hover = { -1, -1 };
        update();
        emit cellHovered(-1, -1);
    }
    return QWidget::event(e);
}

} // namespace ui

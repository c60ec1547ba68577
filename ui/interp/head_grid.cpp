#include "ui/interp/head_grid.h"

#include "ui/interp/head_score_model.h"
#include "ui/widgets/color_map.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {

HeadGrid::HeadGrid(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void HeadGrid::setHeads(const HeadsSnapshot& heads)
{
    m_heads = heads;
    updateGeometry();
    update();
}

void HeadGrid::setScore(int column)
{
    m_column = column;
    update();
}

void HeadGrid::setSelectedHead(int layer, int head)
{
    m_layer = layer;
    m_head = head;
    update();
}

int HeadGrid::cellSide() const // fits "-0.000" and is about square
{
    return std::max(
        { 36, 5 * fontMetrics().height() / 2, fontMetrics().horizontalAdvance(QStringLiteral("-0.000")) + 8 });
}
int HeadGrid::leftMargin() const { return fontMetrics().horizontalAdvance(tr("L%1").arg(88)) + 10; }
int HeadGrid::topMargin() const { return fontMetrics().height() + 6; }

QSize HeadGrid::sizeHint() const
{
    return { leftMargin() + cellSide() * std::max(1, m_heads.heads) + 4,
        topMargin() + cellSide() * std::max(1, m_heads.layers) + 4 };
}

QSize HeadGrid::minimumSizeHint() const { return sizeHint(); }

QRect HeadGrid::cellRect(int layer, int head) const
{
    const int s = cellSide();
    return { leftMargin() + head * s, topMargin() + layer * s, s - 2, s - 2 };
}

double HeadGrid::absMax() const
{
    double m = 0;
    for (const auto& h : m_heads.rows)
        if (const double v = HeadScoreModel::score(h, m_column); !std::isnan(v))
            m = std::max(m, std::abs(v));
    return m;
}

QRgb HeadGrid::cellColor(int layer, int head) const
{
    const int i = layer * m_heads.heads + head;
    if (i < 0 || i >= int(m_heads.rows.size()))
        return palette().color(QPalette::Window).rgb();
    const double v = HeadScoreModel::score(m_heads.rows[i], m_column);
    if (std::isnan(v))
        return ColorMap::masked();
    if (m_column == HeadScoreModel::Ablation) // signed: a head that helps the target (ΔP < 0) is blue
        return ColorMap::forValue(float(v), float(absMax()));
    return ColorMap::sequential(v);
}

void HeadGrid::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_heads.isValid())
        return;
    p.setPen(palette().color(QPalette::Text));
    for (int h = 0; h < m_heads.heads; ++h)
        p.drawText(QRect(cellRect(0, h).left(), 0, cellSide(), topMargin()), Qt::AlignCenter, tr("H%1").arg(h));
    for (int l = 0; l < m_heads.layers; ++l) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(0, cellRect(l, 0).top(), leftMargin() - 6, cellSide()), Qt::AlignRight | Qt::AlignVCenter,
            tr("L%1").arg(l));
        for (int h = 0; h < m_heads.heads; ++h) {
            const QRect r = cellRect(l, h);
            const QRgb bg = cellColor(l, h);
            p.fillRect(r, QColor(bg));
            const double v = HeadScoreModel::score(m_heads.rows[l * m_heads.heads + h], m_column);
            p.setPen(ColorMap::textOn(bg));
            p.drawText(r, Qt::AlignCenter,
                std::isnan(v) ? QStringLiteral("–")
                              : QString::number(v, 'f', m_column == HeadScoreModel::Ablation ? 3 : 2));
        }
    }
    if (m_layer >= 0 && m_head >= 0) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cellRect(m_layer, m_head).adjusted(1, 1, -1, -1));
    }
}

void HeadGrid::mousePressEvent(QMouseEvent* e)
{
    for (int l = 0; l < m_heads.layers; ++l)
        for (int h = 0; h < m_heads.heads; ++h)
            if (cellRect(l, h).contains(e->position().toPoint())) {
                setSelectedHead(l, h);
                emit headClicked(l, h);
                return;
            }
}

} // namespace ui

#include "ui/interp/lens_grid.h"

#include "ui/widgets/color_map.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {

LensGrid::LensGrid(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void LensGrid::setLens(const LensSnapshot& lens)
{
    const bool sameShape = lens.sites.size() == m_lens.sites.size() && lens.positions() == m_lens.positions();
    m_lens = lens;
    if (!sameShape)
        m_site = m_position = -1;
    updateGeometry();
    update();
}

void LensGrid::setMode(Mode mode)
{
    m_mode = mode;
    update();
}

void LensGrid::selectCell(int site, int position)
{
    m_site = site;
    m_position = position;
    update();
}

int LensGrid::minCellWidth() const { return fontMetrics().horizontalAdvance(QStringLiteral("␣capital")) + 10; }
int LensGrid::minCellHeight() const { return 2 * fontMetrics().height() + 6; }

QString LensGrid::siteLabel(int site) const
{
    const LensSnapshot::Site& s = m_lens.sites[site];
    if (s.layer < 0)
        return tr("embedding");
    return s.afterAttention ? tr("%1 attention").arg(s.layer) : tr("%1 block").arg(s.layer);
}

LensGrid::Geometry LensGrid::geometry() const
{
    Geometry g;
    const QFontMetrics fm = fontMetrics();
    for (int s = 0; s < int(m_lens.sites.size()); ++s)
        g.left = std::max(g.left, fm.horizontalAdvance(siteLabel(s)));
    g.left += 12;
    g.top = fm.height() + 8;
    const int rows = std::max<int>(1, int(m_lens.sites.size())), cols = std::max(1, m_lens.positions());
    g.cellW = std::max<double>(minCellWidth(), double(width() - g.left - 4) / cols);
    g.cellH = std::clamp<double>(double(height() - g.top - 4) / rows, minCellHeight(), 3.0 * minCellHeight());
    return g;
}

QSize LensGrid::sizeHint() const
{
    const Geometry g = geometry();
    return { g.left + int(std::ceil(g.cellW * std::max(1, m_lens.positions()))) + 4,
        g.top + int(std::ceil(g.cellH * std::max<int>(1, int(m_lens.sites.size())))) + 4 };
}

// Every row at its smallest readable height: below that the scroll area scrolls instead of the last layers (the
// rows that matter most) being cut off, as they were at 1280x720 with the presentation zoom.
QSize LensGrid::minimumSizeHint() const
{
    const Geometry g = geometry();
    const int rows = std::max<int>(1, int(m_lens.sites.size())), cols = std::max(1, m_lens.positions());
    return { std::max(200, g.left + int(std::ceil(minCellWidth() * cols)) + 4),
        std::max(120, g.top + int(std::ceil(minCellHeight() * rows)) + 4) };
}

QRect LensGrid::cellRect(int site, int position) const
{
    const Geometry g = geometry();
    return QRectF(g.left + position * g.cellW, g.top + site * g.cellH, g.cellW, g.cellH)
        .toAlignedRect()
        .adjusted(0, 0, -1, -1);
}

QRgb LensGrid::cellColor(int site, int position) const
{
    if (!revealed(site))
        return palette().color(QPalette::Window).rgb();
    const LensCellInfo& c = m_lens.cell(site, position);
    if (m_mode == Mode::TargetRank && m_lens.targetId >= 0) // rank 0 darkest, rank 1000+ palest (log scale)
        return ColorMap::sequential(1.0 - std::min(1.0, std::log10(1.0 + c.targetRank) / 3.0));
    return ColorMap::sequential(c.topProb);
}

void LensGrid::setRevealLimit(std::optional<int> lastNode)
{
    if (m_revealLimit == lastNode)
        return;
    m_revealLimit = lastNode;
    update();
}

bool LensGrid::revealed(int site) const
{
    return m_lens.filled.value(site) && (!m_revealLimit || m_lens.sites[site].nodeIndex <= *m_revealLimit);
}

int LensGrid::revealedSites() const
{
    int n = 0;
    for (int s = 0; s < int(m_lens.sites.size()); ++s)
        n += revealed(s);
    return n;
}

QString LensGrid::cellText(int site, int position) const
{
    if (!revealed(site))
        return QStringLiteral("…");
    const LensCellInfo& c = m_lens.cell(site, position);
    if (m_mode == Mode::TargetRank && m_lens.targetId >= 0)
        return tr("#%1\n%2").arg(c.targetRank).arg(double(c.targetProb), 0, 'f', 3);
    return QStringLiteral("%1\n%2").arg(visibleToken(c.topText)).arg(double(c.topProb), 0, 'f', 2);
}

void LensGrid::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_lens.isValid())
        return;
    const Geometry g = geometry();
    const QFontMetrics fm = fontMetrics();
    // Token labels over the columns.
    p.setPen(palette().color(QPalette::Text));
    for (int c = 0; c < m_lens.positions(); ++c) {
        const QRectF r(g.left + c * g.cellW, 2, g.cellW, g.top - 4);
        p.drawText(r, Qt::AlignCenter, fm.elidedText(visibleToken(m_lens.tokens[c]), Qt::ElideRight, int(g.cellW) - 4));
    }
    for (int s = 0; s < int(m_lens.sites.size()); ++s) {
        const QRectF label(0, g.top + s * g.cellH, g.left - 6, g.cellH);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, siteLabel(s));
        for (int c = 0; c < m_lens.positions(); ++c) {
            const QRect r = cellRect(s, c);
            const QRgb bg = cellColor(s, c);
            p.fillRect(r, QColor(bg));
            p.setPen(revealed(s) ? ColorMap::textOn(bg) : palette().color(QPalette::PlaceholderText));
            const QStringList lines = cellText(s, c).split(QLatin1Char('\n'));
            QString text;
            for (const QString& line : lines)
                text += (text.isEmpty() ? QString() : QStringLiteral("\n"))
                    + fm.elidedText(line, Qt::ElideRight, r.width() - 4);
            p.drawText(r, Qt::AlignCenter, text);
        }
        // A thin line between blocks: attention and block rows of one layer belong together.
        if (!m_lens.sites[s].afterAttention) {
            p.setPen(QPen(palette().color(QPalette::Mid), 1));
            const int y = int(g.top + (s + 1) * g.cellH) - 1;
            p.drawLine(g.left, y, int(g.left + m_lens.positions() * g.cellW), y);
        }
    }
    if (m_site >= 0 && m_position >= 0 && m_site < int(m_lens.sites.size()) && m_position < m_lens.positions()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cellRect(m_site, m_position).adjusted(1, 1, -1, -1));
    }
}

void LensGrid::mousePressEvent(QMouseEvent* e)
{
    for (int s = 0; s < int(m_lens.sites.size()); ++s)
        for (int c = 0; c < m_lens.positions(); ++c)
            if (cellRect(s, c).contains(e->position().toPoint()) && revealed(s)) {
                selectCell(s, c);
                emit cellClicked(s, c);
                return;
            }
}

void LensGrid::keyPressEvent(QKeyEvent* e)
{
    if (!m_lens.isValid())
        return QWidget::keyPressEvent(e);
    int s = std::max(0, m_site), c = std::max(0, m_position);
    switch (e->key()) {
    case Qt::Key_Up:
        s = std::max(0, s - 1);
        break;
    case Qt::Key_Down:
        s = std::min(int(m_lens.sites.size()) - 1, s + 1);
        break;
    case Qt::Key_Left:
        c = std::max(0, c - 1);
        break;
    case Qt::Key_Right:
        c = std::min(m_lens.positions() - 1, c + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (revealed(s))
            emit cellClicked(s, c);
        return;
    default:
        return QWidget::keyPressEvent(e);
    }
    selectCell(s, c);
}

} // namespace ui

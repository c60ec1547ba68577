#include "ui/widgets/kv_cache_view.h"

#include "ui/widgets/color_map.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    constexpr int kMaxRows = 96;
}

// Margins in lines of the current font, so titles and labels keep their room at any UI zoom.
int KvCacheView::headerHeight() const { return 3 * fontMetrics().height() + 6; } // title, layer, K / V
int KvCacheView::footerHeight() const { return 2 * fontMetrics().height() + 8; }
int KvCacheView::leftMargin() const { return std::max(56, 2 * fontMetrics().height() + 20); }

QVector<KvCacheView::Label> KvCacheView::labels() const
{
    QVector<Label> out;
    if (m_cache.layers == 0)
        return out;
    const Geometry g = geometry();
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();
    // The layer number centred over its K and V blocks; with many layers only every n-th, so none overlap.
    const int pair = 2 * g.blockWidth + g.gap + 8;
    int widest = 0;
    for (int l = 0; l < m_cache.layers; ++l)
        widest = std::max(widest, fm.horizontalAdvance(QStringLiteral("L%1").arg(l)) + 6);
    const int every = std::max(1, (widest + pair - 1) / pair);
    const bool kvFits = fm.horizontalAdvance(QLatin1Char('V')) + 2 <= g.blockWidth;
    for (int l = 0; l < m_cache.layers; ++l) {
        const QRect k = rowRect(l, false, g.firstRow);
        const QRect v = rowRect(l, true, g.firstRow);
        if (l % every == 0) {
            const int centre = (k.left() + v.right()) / 2;
            out.push_back({ QRect(centre - widest / 2, line + 2, widest, line), QStringLiteral("L%1").arg(l) });
        }
        if (kvFits) {
            out.push_back({ QRect(k.left(), 2 * line + 3, k.width(), line), QStringLiteral("K") });
            out.push_back({ QRect(v.left(), 2 * line + 3, v.width(), line), QStringLiteral("V") });
        }
    }
    return out;
}

KvCacheView::KvCacheView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(200, 160);
}

void KvCacheView::setSnapshot(const KvCacheSnapshot& cache, int promptLength)
{
    m_cache = cache;
    m_promptLength = promptLength;
    m_blocks.clear();
    const Geometry g = geometry(); // the rows in view depend on the cache alone, not on the widget's size
    const int stored = std::max(0, std::min(g.firstRow + g.rows, m_cache.length) - g.firstRow);
    for (int l = 0; l < m_cache.layers; ++l)
        for (int kv = 0; kv < 2; ++kv) {
            const QVector<float>& data = kv ? m_cache.values.value(l) : m_cache.keys.value(l);
            float absMax = 1e-6f;
            for (float v : data)
                absMax = std::max(absMax, std::abs(v));
            QImage block(std::max(1, m_cache.shownWidth), std::max(1, stored), QImage::Format_RGB32);
            block.fill(palette().base().color());
            for (int i = 0; i < stored; ++i) {
                auto* line = reinterpret_cast<QRgb*>(block.scanLine(i));
                for (int c = 0; c < m_cache.shownWidth; ++c)
                    line[c] = ColorMap::forValue(data.value((g.firstRow + i) * m_cache.shownWidth + c), absMax);
            }
            m_blocks.push_back(stored > 0 ? block : QImage());
        }
    update();
}

KvCacheView::Geometry KvCacheView::geometry() const
{
    Geometry g;
    g.area = rect().adjusted(leftMargin(), headerHeight(), -8, -footerHeight());
    const int capacity = std::max(1, m_cache.capacity);
    g.rows = std::min(capacity, kMaxRows);
    g.firstRow = std::max(0, std::min(m_cache.length, capacity) - g.rows + (m_cache.length < capacity ? 1 : 0));
    g.firstRow = std::clamp(g.firstRow, 0, std::max(0, capacity - g.rows));
    g.rowHeight = std::clamp(double(g.area.height()) / g.rows, 1.0, 18.0);
    const int blocks = std::max(1, m_cache.layers * 2);
    g.gap = 10;
    g.blockWidth = std::max(8, (g.area.width() - g.gap * (blocks - 1) - (m_cache.layers - 1) * 8) / blocks);
    g.cellWidth = double(g.blockWidth) / std::max(1, m_cache.shownWidth);
    return g;
}

QRect KvCacheView::rowRect(int layer, bool values, int position) const
{
    const Geometry g = geometry();
    if (position < g.firstRow || position >= g.firstRow + g.rows || layer < 0 || layer >= m_cache.layers)
        return {};
    const int block = layer * 2 + (values ? 1 : 0);
    const int x = g.area.left() + block * (g.blockWidth + g.gap) + layer * 8;
    const int y = g.area.top() + int(std::floor((position - g.firstRow) * g.rowHeight));
    return QRect(x, y, g.blockWidth, std::max(1, int(std::floor(g.rowHeight))));
}

void KvCacheView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().text().color());
    if (m_cache.layers == 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("The KV cache appears after the prefill."));
        return;
    }
    const Geometry g = geometry();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(0, 0, width(), fontMetrics().height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
        tr(" KV cache: %1 of %2 positions stored").arg(m_cache.length).arg(m_cache.capacity));
    p.setFont(font());
    p.setPen(palette().text().color());
    for (const Label& label : labels())
        p.drawText(label.rect, Qt::AlignCenter, label.text);
    for (int l = 0; l < m_cache.layers; ++l) {
        for (int kv = 0; kv < 2; ++kv) {
            for (int r = std::max(g.firstRow, m_cache.length); r < g.firstRow + g.rows; ++r) {
                const QRect rr = rowRect(l, kv == 1, r);
                p.setPen(QPen(palette().mid().color(), 1, Qt::DotLine));
                p.setBrush(Qt::NoBrush);
                p.drawRect(rr.adjusted(0, 0, -1, -1));
            }
            const QImage& block = m_blocks.value(l * 2 + kv);
            if (!block.isNull()) { // the stored rows, from the first in view to the last row stored
                const QRect first = rowRect(l, kv == 1, g.firstRow);
                const QRect last = rowRect(l, kv == 1, g.firstRow + block.height() - 1);
                p.drawImage(QRect(first.topLeft(), last.bottomRight()), block);
            }
            // The newest row: written by the last forward pass.
            const QRect last = rowRect(l, kv == 1, m_cache.length - 1);
            if (!last.isNull()) {
                p.setPen(QPen(QColor(0xff, 0x8f, 0x00), 2));
                p.setBrush(Qt::NoBrush);
                p.drawRect(last.adjusted(-1, -1, 1, 1));
            }
        }
    }
    // Prefill / decode brackets on the left.
    auto bracket = [&](int from, int to, const QString& label, const QColor& colour) {
        from = std::max(from, g.firstRow);
        to = std::min(to, g.firstRow + g.rows);
        if (to <= from)
            return;
        const QRect a = rowRect(0, false, from);
        const QRect b = rowRect(0, false, to - 1);
        const int x = leftMargin() - 8;
        p.setPen(QPen(colour, 3));
        p.drawLine(x, a.top(), x, b.bottom());
        p.setPen(colour);
        p.save();
        p.translate(x - 6, (a.top() + b.bottom()) / 2);
        p.rotate(-90);
        const int line = fontMetrics().height();
        p.drawText(QRect(-80, -line, 160, line), Qt::AlignCenter, label);
        p.restore();
    };
    bracket(0, m_promptLength, tr("prefill"), QColor(0x6a, 0x1b, 0x9a));
    bracket(m_promptLength, m_cache.length, tr("decode"), QColor(0x00, 0x89, 0x7b));

    const QLocale loc;
    p.setPen(palette().text().color());
    const QString foot
        = tr("%1 used of %2 reserved · per token %3 = 2 (K,V) × %4 layers × %5 floats × 4 B · showing %6 of %5 columns")
              .arg(loc.formattedDataSize(qint64(m_cache.bytesUsed)),
                  loc.formattedDataSize(qint64(m_cache.bytesReserved)))
              .arg(loc.formattedDataSize(qint64(2) * m_cache.layers * m_cache.rowWidth * 4))
              .arg(m_cache.layers)
              .arg(m_cache.rowWidth)
              .arg(m_cache.shownWidth);
    p.drawText(QRect(6, height() - footerHeight() + 2, width() - 12, footerHeight() - 4),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, foot);
}

} // namespace ui

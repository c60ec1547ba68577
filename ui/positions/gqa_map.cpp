#include "ui/positions/gqa_map.h"

#include "ui/session/model_card_model.h"

#include <QPainter>

#include <algorithm>

namespace ui {

namespace {
    constexpr int kMargin = 16;
    int rowTop(int height, int line, bool kv) { return kv ? height * 42 / 100 : 2 * line + 24; }
} // namespace

GqaMap::GqaMap(QWidget* parent)
    : QWidget(parent)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void GqaMap::setModel(const ModelInfo& info)
{
    m_valid = info.isValid() && info.config.nHeads > 0;
    m_map = m_valid ? core::groupedQueryMap(info.config) : core::GroupedQueryMap {};
    m_layers = info.config.nLayers;
    m_headDim = info.config.headDim;
    update();
}

QString GqaMap::headline() const
{
    if (!m_valid)
        return tr("Open a model to see which query heads share which K/V head.");
    if (m_map.kvHeads == m_map.heads)
        return tr("%1 query heads, %1 K/V heads: every query head has its own keys and values (multi-head attention)")
            .arg(m_map.heads);
    if (m_map.kvHeads == 1)
        return tr("%1 query heads all read one K/V head (multi-query attention)").arg(m_map.heads);
    return tr("%1 query heads share %2 K/V heads: %3 query heads per K/V head (grouped-query attention)")
        .arg(m_map.heads)
        .arg(m_map.kvHeads)
        .arg(m_map.groupSize);
}

QString GqaMap::cacheText() const
{
    if (!m_valid)
        return {};
    const double saved = m_map.fullMhaBytes ? 100.0 * double(m_map.savedBytes()) / double(m_map.fullMhaBytes) : 0;
    return tr("KV cache for %1 positions (2 × %2 layers × %3 K/V heads × %4 dims × %5 bytes): %6; with full multi-head "
              "attention: %7; saved %8 (%9%)")
        .arg(m_map.context)
        .arg(m_layers)
        .arg(m_map.kvHeads)
        .arg(m_headDim)
        .arg(m_map.bytesPerValue)
        .arg(ModelCardModel::formatBytes(m_map.cacheBytes), ModelCardModel::formatBytes(m_map.fullMhaBytes),
            ModelCardModel::formatBytes(m_map.savedBytes()), QString::number(saved, 'f', 1));
}

QRect GqaMap::boxRow(int index, int count, int y, int height) const
{
    const int width = this->width() - 2 * kMargin;
    const double slot = double(width) / std::max(1, count);
    const int w = std::max(4, int(slot) - std::min(8, int(slot / 5)));
    return QRect(int(kMargin + index * slot + (slot - w) / 2), y, w, height);
}

QRect GqaMap::queryRect(int head) const
{
    const int line = fontMetrics().height();
    return boxRow(head, m_map.heads, rowTop(height(), line, false), line + 10);
}

QRect GqaMap::kvRect(int kvHead) const
{
    const int line = fontMetrics().height();
    return boxRow(kvHead, m_map.kvHeads, rowTop(height(), line, true), line + 10);
}

QColor GqaMap::groupColor(int kvHead) const
{
    return QColor::fromHsv((kvHead * 360 / std::max(1, m_map.kvHeads) + 200) % 360, 110, 225);
}

void GqaMap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::Text);
    const int line = fontMetrics().height();
    const QRect all = rect().adjusted(kMargin, 8, -kMargin, -8);
    p.setPen(text);
    p.drawText(QRect(all.left(), all.top(), all.width(), 2 * line), Qt::AlignLeft | Qt::TextWordWrap, headline());
    if (!m_valid)
        return;
    // Lines first, boxes over them.
    for (int h = 0; h < m_map.heads; ++h) {
        const QRect q = queryRect(h), kv = kvRect(m_map.kvHeadOf[std::size_t(h)]);
        p.setPen(QPen(groupColor(m_map.kvHeadOf[std::size_t(h)]).darker(130), 1.6));
        p.drawLine(QPoint(q.center().x(), q.bottom()), QPoint(kv.center().x(), kv.top()));
    }
    const bool labels = queryRect(0).width() >= fontMetrics().horizontalAdvance(QStringLiteral("q00")) + 4;
    for (int h = 0; h < m_map.heads; ++h) {
        const QRect r = queryRect(h);
        p.setPen(text);
        p.setBrush(groupColor(m_map.kvHeadOf[std::size_t(h)]));
        p.drawRoundedRect(r, 4, 4);
        if (labels)
            p.drawText(r, Qt::AlignCenter, QStringLiteral("q%1").arg(h));
    }
    const bool kvLabels = kvRect(0).width() >= fontMetrics().horizontalAdvance(QStringLiteral("kv00")) + 4;
    for (int g = 0; g < m_map.kvHeads; ++g) {
        const QRect r = kvRect(g);
        p.setPen(text);
        p.setBrush(groupColor(g));
        p.drawRoundedRect(r, 4, 4);
        if (kvLabels)
            p.drawText(r, Qt::AlignCenter, QStringLiteral("kv%1").arg(g));
    }
    p.setBrush(Qt::NoBrush);
    p.drawText(QRect(all.left(), queryRect(0).top() - line - 2, all.width(), line), Qt::AlignLeft,
        tr("query heads (each computes its own q)"));
    p.drawText(QRect(all.left(), kvRect(0).bottom() + 4, all.width(), line), Qt::AlignLeft,
        tr("K/V heads (what the KV cache stores)"));
    // The bill: two bars on one scale.
    const int barsTop = kvRect(0).bottom() + 2 * line + 16;
    p.drawText(QRect(all.left(), barsTop, all.width(), 3 * line), Qt::AlignLeft | Qt::TextWordWrap, cacheText());
    const int labelW = std::max(fontMetrics().horizontalAdvance(tr("full multi-head")),
                           fontMetrics().horizontalAdvance(tr("this model")))
        + 12;
    const int barLeft = all.left() + labelW,
              barMax = all.right() - barLeft - fontMetrics().horizontalAdvance(QStringLiteral("0000.0 MiB")) - 8;
    const int barH = line + 8;
    int y = barsTop + 3 * line + 12;
    const double full = double(std::max<std::uint64_t>(1, m_map.fullMhaBytes));
    for (const auto& [label, bytes, color] :
        { std::tuple { tr("full multi-head"), m_map.fullMhaBytes, QColor(190, 190, 190) },
            std::tuple { tr("this model"), m_map.cacheBytes, groupColor(0) } }) {
        p.setPen(text);
        p.drawText(QRect(all.left(), y, labelW - 8, barH), Qt::AlignRight | Qt::AlignVCenter, label);
        const int w = std::max(2, int(barMax * double(bytes) / full));
        p.fillRect(QRect(barLeft, y, w, barH), color);
        p.drawText(QRect(barLeft + w + 6, y, all.right() - barLeft - w, barH), Qt::AlignLeft | Qt::AlignVCenter,
            ModelCardModel::formatBytes(bytes));
        y += barH + 8;
    }
}

} // namespace ui

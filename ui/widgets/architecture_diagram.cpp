#include "ui/widgets/architecture_diagram.h"

#include "ui/widgets/presentation_mode.h"

#include "ui/session/op_label.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace ui {

namespace {
    constexpr qreal kMargin = 8;
    constexpr qreal kOpHeight = 24;
    constexpr qreal kEdge = 18; // vertical room for an edge and its shape text
    constexpr qreal kShapeColumn = 10; // right margin (shapes are written beside the edges)
    constexpr qreal kSkipColumn = 22; // left-hand column inside a block for the residual skips
    constexpr qreal kHeadOpHeight = 15;
}

ArchitectureDiagram::ArchitectureDiagram(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy sp(QSizePolicy::Preferred, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
    setMouseTracking(true);
}

void ArchitectureDiagram::setPlan(const QVector<PlanNodeInfo>& plan, int layers, int heads)
{
    m_plan = plan;
    m_layers = layers;
    m_heads = heads;
    m_cursor = -1;
    m_expanded = layers > 0 ? 0 : -1;
    relayout();
}

void ArchitectureDiagram::setCursor(int nodeIndex)
{
    m_cursor = nodeIndex;
    // The block holding the next op to run (or the current one) is the one expanded.
    const int probe = std::clamp(nodeIndex >= 0 ? nodeIndex : 0, 0, std::max(0, int(m_plan.size()) - 1));
    if (!m_plan.isEmpty() && m_plan[probe].layer >= 0 && m_plan[probe].layer != m_expanded)
        m_expanded = m_plan[probe].layer;
    relayout();
    if (nodeIndex >= 0)
        emit currentRectChanged(nodeRect(nodeIndex).toAlignedRect());
}

void ArchitectureDiagram::setExtents(int positions, int context)
{
    m_positions = positions;
    m_context = context;
    relayout();
}

void ArchitectureDiagram::setExpandedLayer(int layer)
{
    m_expanded = layer;
    relayout();
}

QString ArchitectureDiagram::shapeText(const QString& spec) const
{
    if (m_positions <= 0)
        return spec;
    QString s = spec;
    s.replace(QStringLiteral("ctx"), QString::number(m_context));
    s.replace(QStringLiteral("(T,"), QStringLiteral("(%1,").arg(m_positions));
    s.replace(QStringLiteral("(R,"), QStringLiteral("(1,"));
    return s;
}

void ArchitectureDiagram::relayout()
{
    m_items = layoutFor(width(), &m_skips);
    updateGeometry();
    update();
}

void ArchitectureDiagram::resizeEvent(QResizeEvent*) { m_items = layoutFor(width(), &m_skips); }

int ArchitectureDiagram::heightForWidth(int width) const
{
    const QVector<Item> items = layoutFor(width);
    qreal bottom = 0;
    for (const Item& i : items)
        bottom = std::max(bottom, i.rect.bottom());
    return int(bottom + kMargin);
}

QVector<ArchitectureDiagram::Item> ArchitectureDiagram::layoutFor(int width, QVector<Skip>* skips) const
{
    QVector<Item> items;
    if (skips)
        skips->clear();
    if (m_plan.isEmpty())
        return items;
    const qreal left = kMargin;
    const qreal right = std::max<qreal>(left + 120, width - kShapeColumn);
    qreal y = kMargin;
    auto addOp = [&](ItemType type, qreal x0, qreal x1, qreal h, int first, int last, const QString& text,
                     const QString& shape) {
        Item it;
        it.type = type;
        it.rect = QRectF(x0, y, x1 - x0, h);
        it.first = first;
        it.last = last;
        it.text = text;
        it.shape = shape;
        it.edgeBelow = true;
        items.push_back(it);
        y += h + kEdge;
    };
    addOp(ItemType::Source, left, right, kOpHeight, -1, -1, tr("tokens (ids)"),
        m_positions > 0 ? QStringLiteral("(%1,)").arg(m_positions) : QStringLiteral("(T,)"));
    int i = 0;
    const int n = int(m_plan.size());
    while (i < n) {
        const PlanNodeInfo& node = m_plan[i];
        if (node.layer < 0) {
            addOp(ItemType::Op, left, right, kOpHeight, i, i, node.label, shapeText(node.shape));
            ++i;
            continue;
        }
        const int layer = node.layer;
        int last = i;
        while (last + 1 < n && m_plan[last + 1].layer == layer)
            ++last;
        if (layer != m_expanded) {
            addOp(ItemType::Block, left, right, kOpHeight + 6, i, last, tr("Block %1").arg(layer),
                shapeText(m_plan[last].shape));
            i = last + 1;
            continue;
        }
        // Expanded block: a frame, then its ops; per-head ops as columns.
        const int frameIndex = int(items.size());
        Item frame;
        frame.type = ItemType::BlockFrame;
        frame.first = i;
        frame.last = last;
        frame.text = tr("Block %1").arg(layer);
        items.push_back(frame);
        const qreal frameTop = y;
        y += 22;
        const qreal in0 = left + kSkipColumn, in1 = right - 8;
        qreal streamTop = frameTop + 10;
        bool previousWasResidual = false;
        int j = i;
        while (j <= last) {
            const PlanNodeInfo& op = m_plan[j];
            if (op.head >= 0) {
                // All per-head ops of this layer: heads side by side, 4 ops stacked in each.
                int k = j;
                while (k + 1 <= last && m_plan[k + 1].head >= 0)
                    ++k;
                const int heads = std::max(1, m_heads);
                const qreal colW = (in1 - in0) / heads;
                const qreal top = y;
                int maxOps = 0;
                for (int h = 0; h < heads; ++h) {
                    qreal hy = top + 16;
                    int ops = 0;
                    for (int m = j; m <= k; ++m) {
                        if (m_plan[m].head != h)
                            continue;
                        Item it;
                        it.type = ItemType::HeadOp;
                        it.rect = QRectF(in0 + h * colW + 1.5, hy, colW - 3, kHeadOpHeight);
                        it.first = it.last = m;
                        it.text = m_plan[m].kind;
                        items.push_back(it);
                        hy += kHeadOpHeight + 2;
                        ++ops;
                    }
                    maxOps = std::max(maxOps, ops);
                    Item title;
                    title.type = ItemType::HeadTitle;
                    title.rect = QRectF(in0 + h * colW, top, colW, 15);
                    int firstOfHead = -1, lastOfHead = -1;
                    for (int m = j; m <= k; ++m)
                        if (m_plan[m].head == h) {
                            if (firstOfHead < 0)
                                firstOfHead = m;
                            lastOfHead = m;
                        }
                    title.first = firstOfHead;
                    title.last = lastOfHead;
                    title.text = colW < 26 ? QString::number(h) : colW < 62 ? tr("h%1").arg(h) : tr("head %1").arg(h);
                    items.push_back(title);
                }
                // An invisible item whose edge carries the per-head output shape.
                Item edge;
                edge.type = ItemType::HeadTitle;
                edge.rect = QRectF(in0, top + 16 + maxOps * (kHeadOpHeight + 2) - 2, in1 - in0, 0);
                edge.edgeBelow = true;
                edge.shape = tr("%1 per head").arg(shapeText(m_plan[k].shape));
                items.push_back(edge);
                y = top + 16 + maxOps * (kHeadOpHeight + 2) + kEdge;
                j = k + 1;
                previousWasResidual = false;
                continue;
            }
            const bool residual = op.opKind == core::OpKind::ResidualAdd;
            addOp(ItemType::Op, in0, in1, kOpHeight, j, j, opLabelInLayer(op), shapeText(op.shape));
            if (residual && skips) {
                const QRectF r = items.back().rect;
                skips->push_back({ streamTop, r.center().y(), left + kSkipColumn / 2 });
            }
            const bool norm = op.opKind == core::OpKind::LayerNorm || op.opKind == core::OpKind::RmsNorm;
            if (residual || (norm && previousWasResidual))
                streamTop = items.back().rect.bottom();
            previousWasResidual = residual;
            ++j;
        }
        items[frameIndex].rect = QRectF(left, frameTop, right - left, y - frameTop - kEdge + 8);
        y += 8;
        i = last + 1;
    }
    if (!items.isEmpty())
        items.back().edgeBelow = false;
    return items;
}

QRectF ArchitectureDiagram::nodeRect(int nodeIndex) const
{
    for (const Item& it : m_items)
        if ((it.type == ItemType::Op || it.type == ItemType::HeadOp || it.type == ItemType::Block)
            && nodeIndex >= it.first && nodeIndex <= it.last)
            return it.rect;
    return {};
}

int ArchitectureDiagram::itemAt(QPointF p) const
{
    for (int i = int(m_items.size()) - 1; i >= 0; --i)
        if (m_items[i].type != ItemType::Source && m_items[i].rect.contains(p))
            return i;
    return -1;
}

void ArchitectureDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_plan.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(10, 10, -10, -10), Qt::AlignTop | Qt::TextWordWrap,
            tr("Load a model to see its architecture."));
        return;
    }
    const QColor text = palette().color(QPalette::Text);
    const QColor mid = palette().color(QPalette::Mid);
    const QColor highlight = palette().color(QPalette::Highlight);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor done = dark ? QColor(0x2e, 0x6b, 0x4f) : QColor(0xd4, 0xed, 0xda);
    const QColor doneBorder(0x2f, 0x8f, 0x5b);
    const QFont small = PresentationMode::secondaryFont(font(), 0.82);
    const QFontMetrics fm(font());
    auto stateOf = [this](const Item& it) {
        if (it.first < 0)
            return m_cursor >= 0 ? 1 : 0; // the tokens are in once a pass exists
        if (m_cursor >= it.first && m_cursor <= it.last)
            return 2; // current
        return m_cursor > it.last ? 1 : 0;
    };

    // Residual skips (behind the boxes).
    p.setPen(QPen(QColor(0xe6, 0x9f, 0x00), 2));
    for (const Skip& s : m_skips) {
        QPainterPath path;
        path.moveTo(s.x + 8, s.top);
        path.lineTo(s.x, s.top + 6);
        path.lineTo(s.x, s.bottom);
        path.lineTo(s.x + kSkipColumn / 2 + 2, s.bottom);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(QColor(0xe6, 0x9f, 0x00));
        p.drawEllipse(QPointF(s.x, s.bottom), 3, 3);
    }

    for (const Item& it : m_items) {
        const int state = stateOf(it);
        const QRectF r = it.rect;
        if (it.edgeBelow) {
            const qreal x = r.center().x();
            p.setPen(QPen(mid, 1.5));
            p.drawLine(QPointF(x, r.bottom() + 1), QPointF(x, r.bottom() + kEdge - 3));
            QPainterPath arrow;
            arrow.moveTo(x - 4, r.bottom() + kEdge - 8);
            arrow.lineTo(x, r.bottom() + kEdge - 2);
            arrow.lineTo(x + 4, r.bottom() + kEdge - 8);
            p.drawPath(arrow);
            if (!it.shape.isEmpty()) {
                p.setFont(small);
                p.setPen(palette().color(QPalette::PlaceholderText));
                p.drawText(
                    QRectF(x + 8, r.bottom(), width() - x - 10, kEdge), Qt::AlignLeft | Qt::AlignVCenter, it.shape);
            }
        }
        switch (it.type) {
        case ItemType::BlockFrame: {
            p.setPen(QPen(mid, 1, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(r, 8, 8);
            p.setFont(small);
            p.setPen(text);
            QFont bold = small;
            bold.setBold(true);
            p.setFont(bold);
            p.drawText(r.adjusted(10, 3, -6, 0), Qt::AlignLeft | Qt::AlignTop, it.text);
            p.setFont(small);
            p.setPen(QColor(0xe6, 0x9f, 0x00).darker(dark ? 80 : 120));
            p.drawText(r.adjusted(10, 3, -8, 0), Qt::AlignRight | Qt::AlignTop, tr("── residual stream"));
            break;
        }
        case ItemType::HeadTitle:
            if (r.height() <= 0)
                break;
            p.setFont(small);
            p.setPen(state == 2 ? highlight : text);
            p.drawText(r, Qt::AlignCenter, it.text);
            break;
        case ItemType::HeadOp: {
            QColor fill = state == 2 ? highlight : state == 1 ? done : palette().color(QPalette::Base);
            p.setPen(QPen(state == 2 ? highlight.darker(140) : state == 1 ? doneBorder : mid, state == 2 ? 2 : 1));
            p.setBrush(fill);
            p.drawRoundedRect(r, 3, 3);
            static const QHash<QString, QString> glyph { { QStringLiteral("attn_scores"), QStringLiteral("QKᵀ") },
                { QStringLiteral("causal_mask"), QStringLiteral("−∞") },
                { QStringLiteral("softmax"), QStringLiteral("σ") },
                { QStringLiteral("attn_mix"), QStringLiteral("·V") } };
            p.setFont(small);
            const QString g = glyph.value(it.text, it.text);
            if (QFontMetrics(small).horizontalAdvance(g) < r.width() - 2) {
                p.setPen(state == 2 ? palette().color(QPalette::HighlightedText) : text);
                p.drawText(r, Qt::AlignCenter, g);
            }
            break;
        }
        case ItemType::Source:
        case ItemType::Op:
        case ItemType::Block: {
            const bool block = it.type == ItemType::Block;
            QColor fill = state == 2 ? highlight : state == 1 ? done : palette().color(QPalette::Base);
            if (block && state == 0)
                fill = palette().color(QPalette::AlternateBase);
            p.setPen(QPen(state == 2 ? highlight.darker(140) : state == 1 ? doneBorder : mid, state == 2 ? 2.5 : 1));
            p.setBrush(fill);
            p.drawRoundedRect(
                r, it.type == ItemType::Source ? r.height() / 2 : 5, it.type == ItemType::Source ? r.height() / 2 : 5);
            if (block && m_cursor >= it.first && m_cursor < it.last) {
                // How far through this block the pass is.
                const qreal f = qreal(m_cursor - it.first + 1) / (it.last - it.first + 1);
                p.fillRect(QRectF(r.left() + 3, r.bottom() - 5, (r.width() - 6) * f, 3), highlight.darker(120));
            }
            p.setFont(block ? [&] { QFont b = font(); b.setBold(true); return b; }() : font());
            p.setPen(state == 2 ? palette().color(QPalette::HighlightedText) : text);
            QString label = it.text;
            if (block)
                label += tr("  (%n op(s))", nullptr, it.last - it.first + 1);
            p.drawText(r.adjusted(8, 0, -20, 0), Qt::AlignVCenter | Qt::AlignLeft,
                fm.elidedText(label, Qt::ElideRight, int(r.width()) - 28));
            if (state == 1 && it.first >= 0) {
                p.setPen(QPen(doneBorder, 2));
                const QPointF c(r.right() - 12, r.center().y());
                p.drawLine(c + QPointF(-4, 0), c + QPointF(-1, 3));
                p.drawLine(c + QPointF(-1, 3), c + QPointF(5, -4));
            }
            break;
        }
        }
        paintStrike(p, it);
    }
}

void ArchitectureDiagram::paintStrike(QPainter& p, const Item& it) const
{
    if (m_struck.isEmpty() || it.first < 0 || it.type == ItemType::BlockFrame || it.type == ItemType::HeadTitle)
        return;
    int struck = 0;
    for (int n = it.first; n <= it.last; ++n)
        struck += m_struck.contains(n) ? 1 : 0;
    if (struck == 0)
        return;
    const QColor red(0xc6, 0x28, 0x28);
    const QRectF r = it.rect;
    if (it.type == ItemType::Block) { // collapsed: a mark at its right end
        p.setPen(red);
        p.setFont(font());
        p.drawText(r.adjusted(0, 0, -26, 0), Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("✂"));
        return;
    }
    p.setPen(QPen(red, 2.2));
    p.drawLine(r.bottomLeft() + QPointF(3, -3), r.topRight() + QPointF(-3, 3));
    if (it.type == ItemType::Op)
        p.drawLine(QPointF(r.left() + 4, r.center().y()), QPointF(r.right() - 4, r.center().y()));
}

void ArchitectureDiagram::setStruckNodes(const QSet<int>& nodes)
{
    if (nodes == m_struck)
        return;
    m_struck = nodes;
    update();
}

void ArchitectureDiagram::contextMenuEvent(QContextMenuEvent* e)
{
    const int i = itemAt(e->pos());
    if (i < 0 || m_items[i].first < 0 || m_items[i].type == ItemType::BlockFrame)
        return;
    const Item& it = m_items[i];
    emit nodeContextMenuRequested(it.type == ItemType::HeadTitle ? it.last : it.first, e->globalPos());
}

void ArchitectureDiagram::mousePressEvent(QMouseEvent* e)
{
    const int i = itemAt(e->position());
    if (i < 0)
        return;
    const Item& it = m_items[i];
    if (it.type == ItemType::BlockFrame)
        return;
    if (it.first >= 0)
        emit nodeClicked(it.type == ItemType::HeadTitle ? it.last : it.first);
}

bool ArchitectureDiagram::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const int i = itemAt(he->pos());
        if (i >= 0 && m_items[i].first >= 0 && m_items[i].type != ItemType::BlockFrame) {
            const Item& it = m_items[i];
            const PlanNodeInfo& n = m_plan[it.first];
            QString tip = it.type == ItemType::Block
                ? tr("%1: ops %2–%3\nclick to jump to its first op").arg(it.text).arg(it.first).arg(it.last)
                : tr("#%1 %2\n%3 → %4").arg(it.first).arg(n.label, n.kind, shapeText(n.shape));
            QToolTip::showText(he->globalPos(), tip, this, it.rect.toAlignedRect());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

} // namespace ui

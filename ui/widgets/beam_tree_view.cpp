#include "ui/widgets/beam_tree_view.h"

#include "ui/widgets/presentation_mode.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ui {

namespace {
    constexpr int kNodeW = 96;
    constexpr int kNodeH = 24;
    constexpr int kColumn = 128;
    constexpr int kRow = 30;
    constexpr int kMargin = 12;
    constexpr int kHeader = 26;
    constexpr int kPrunedRow = 18; // a pruned leaf takes less room than a kept node
    constexpr double kMinScale = 0.85; // below this the tree scrolls instead of shrinking (1 while presenting)
    constexpr double kBaseLine = 14.0; // the line height the sizes above are for (the default 9 pt font)
}

// The layout's sizes grow with the font, so a UI zoom makes the nodes larger, not their labels elided.
double BeamTreeView::unit() const { return std::max(1.0, QFontMetricsF(font()).height() / kBaseLine); }

void BeamTreeView::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange) {
        layoutTree();
        updateGeometry();
        setMinimumSize(minimumSizeHint());
    }
}

BeamTreeView::BeamTreeView(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
}

void BeamTreeView::setSnapshot(const BeamSnapshot& snapshot)
{
    m_snapshot = snapshot;
    m_hypothesisRank.clear();
    for (const auto& h : snapshot.hypotheses)
        m_hypothesisRank.insert(h.node, h.rank);
    layoutTree();
    updateGeometry();
    setMinimumSize(minimumSizeHint());
    update();
}

void BeamTreeView::layoutTree()
{
    m_rects.clear();
    const auto& nodes = m_snapshot.nodes;
    if (nodes.empty()) {
        m_size = { 400, 200 };
        return;
    }
    QVector<QVector<int>> children(int(nodes.size()));
    int root = 0;
    for (const auto& n : nodes) {
        if (n.parent >= 0)
            children[n.parent] << n.id;
        else
            root = n.id;
    }
    for (auto& c : children)
        std::sort(c.begin(), c.end(), [&](int a, int b) {
            return nodes[std::size_t(a)].cumulativeLogProb > nodes[std::size_t(b)].cumulativeLogProb;
        });
    // Leaves one row each, in depth-first order; a parent sits level with its first (most likely) child, so the
    // prompt node is at the top left where the view opens and the best path runs along the top. Rows differ in
    // height (a pruned leaf is shorter than a kept node): every column keeps the lowest edge drawn so far and nothing
    // is placed above it, which keeps each subtree in its own band and every child beside its own parent.
    const double u = unit();
    auto px = [u](int size) { return int(std::lround(size * u)); };
    auto heightOf = [&](int id) {
        return nodes[std::size_t(id)].state == core::BeamNodeState::Pruned ? px(kPrunedRow - 3) : px(kNodeH);
    };
    QVector<double> y(int(nodes.size()), 0.0);
    QHash<int, double> columnBottom; // step -> lowest edge (plus a gap) of the nodes placed in that column
    double nextTop = 0; // pixels
    auto settle = [&](int id, double wanted) {
        const int step = nodes[std::size_t(id)].step;
        y[id] = std::max(wanted, columnBottom.value(step, 0.0));
        columnBottom[step] = y[id] + heightOf(id) + px(3);
    };
    std::function<void(int)> place = [&](int id) {
        if (children[id].isEmpty()) {
            const bool small = nodes[std::size_t(id)].state == core::BeamNodeState::Pruned;
            settle(id, nextTop);
            nextTop = y[id] + (small ? px(kPrunedRow) : px(kRow));
            return;
        }
        for (int c : children[id])
            place(c);
        settle(id, y[children[id].front()]);
        nextTop = std::max(nextTop, y[id] + px(kRow));
    };
    place(root);
    int maxStep = 0;
    for (const auto& n : nodes) {
        const int x = px(kMargin) + n.step * px(kColumn);
        const int top = px(kHeader) + px(kMargin) + int(y[n.id]);
        m_rects.insert(n.id, QRect(x, top, px(kNodeW), heightOf(n.id)));
        maxStep = std::max(maxStep, n.step);
    }
    m_size = QSize(2 * px(kMargin) + maxStep * px(kColumn) + px(kNodeW),
        px(kHeader) + 2 * px(kMargin) + std::max(px(kRow), int(std::ceil(nextTop))));
}

QSize BeamTreeView::minimumSizeHint() const
{
    const double least = PresentationMode::presenting() ? 1.0 : kMinScale;
    return QSize(int(m_size.width() * least), int(m_size.height() * least));
}

double BeamTreeView::scale() const
{
    if (m_size.isEmpty())
        return 1.0;
    const double least = PresentationMode::presenting() ? 1.0 : kMinScale;
    return std::clamp(std::min(double(width()) / m_size.width(), double(height()) / m_size.height()), least, 1.0);
}

int BeamTreeView::rootNode() const
{
    for (const auto& n : m_snapshot.nodes)
        if (n.parent < 0)
            return n.id;
    return 0;
}

QRect BeamTreeView::nodeRect(int id) const
{
    const QRect r = m_rects.value(id);
    const double s = scale();
    return QRect(int(r.left() * s), int(r.top() * s), int(r.width() * s), int(r.height() * s));
}

int BeamTreeView::nodeAt(const QPoint& p) const
{
    const double s = scale();
    const QPoint q(int(p.x() / s), int(p.y() / s));
    for (auto it = m_rects.cbegin(); it != m_rects.cend(); ++it)
        if (it.value().contains(q))
            return it.key();
    return -1;
}

QString BeamTreeView::nodeToolTip(int id) const
{
    if (id < 0 || id >= int(m_snapshot.nodes.size()))
        return {};
    const core::BeamNode& n = m_snapshot.nodes[std::size_t(id)];
    if (n.parent < 0)
        return tr("the prompt (root)");
    QString s = tr("<b>%1</b> (id %2) at step %3<br>log p = %4<br>cumulative log p = <b>%5</b><br>score = %6<br>rank "
                   "%7 among the step's candidates<br>%8")
                    .arg(m_snapshot.nodeText.value(id).toHtmlEscaped())
                    .arg(n.token)
                    .arg(n.step)
                    .arg(n.logProb, 0, 'f', 4)
                    .arg(n.cumulativeLogProb, 0, 'f', 4)
                    .arg(n.score, 0, 'f', 4)
                    .arg(n.rank + 1)
                    .arg(QString::fromLatin1(core::beamNodeStateName(n.state).data()));
    if (m_hypothesisRank.contains(id))
        s += tr("<br>finished hypothesis #%1").arg(m_hypothesisRank.value(id));
    return s;
}

bool BeamTreeView::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const int id = nodeAt(he->pos());
        if (id >= 0)
            QToolTip::showText(he->globalPos(), nodeToolTip(id), this, nodeRect(id));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void BeamTreeView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_snapshot.nodes.empty()) {
        p.setPen(palette().text().color());
        p.drawText(rect(), Qt::AlignCenter, tr("Start a beam search to grow the tree."));
        return;
    }
    const auto& nodes = m_snapshot.nodes;
    p.scale(scale(), scale());
    // Step headings.
    p.setPen(palette().text().color());
    int maxStep = 0;
    for (const auto& n : nodes)
        maxStep = std::max(maxStep, n.step);
    const double u = unit();
    for (int s = 0; s <= maxStep; ++s)
        p.drawText(QRectF((kMargin + s * kColumn) * u, 2, kNodeW * u, (kHeader - 4) * u), Qt::AlignCenter,
            s == 0 ? tr("prompt") : tr("step %1").arg(s));

    const QFont small = PresentationMode::secondaryFont(font(), 0.85);
    // Edges first.
    for (const auto& n : nodes) {
        if (n.parent < 0)
            continue;
        const QRect a = m_rects.value(n.parent);
        const QRect b = m_rects.value(n.id);
        const QPointF from(a.right(), a.center().y());
        const QPointF to(b.left(), b.center().y());
        QPainterPath path(from);
        path.cubicTo(from + QPointF(30, 0), to - QPointF(30, 0), to);
        const bool pruned = n.state == core::BeamNodeState::Pruned || n.state == core::BeamNodeState::Dropped;
        p.setPen(pruned ? QPen(QColor(0xb0, 0xb0, 0xb0), 1, Qt::DashLine) : QPen(QColor(0x2e, 0x7d, 0x32), 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setFont(small);
        p.setPen(pruned ? QColor(0x90, 0x90, 0x90) : QColor(0x1b, 0x5e, 0x20));
        // The label sits just before the child, where siblings are already apart.
        p.drawText(QRectF(b.left() - 40 * u, b.center().y() - 13 * u, 38 * u, 12 * u),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(n.logProb, 'f', 2));
    }
    p.setFont(font());
    for (const auto& n : nodes) {
        const QRect r = m_rects.value(n.id);
        QColor fill, border, text = QColor(0x21, 0x21, 0x21);
        Qt::PenStyle style = Qt::SolidLine;
        switch (n.state) {
        case core::BeamNodeState::Root:
            fill = QColor(0xe1, 0xd5, 0xe7);
            border = QColor(0x6a, 0x1b, 0x9a);
            break;
        case core::BeamNodeState::Running:
            fill = QColor(0xc8, 0xe6, 0xc9);
            border = QColor(0x2e, 0x7d, 0x32);
            break;
        case core::BeamNodeState::Finished:
            fill = QColor(0xff, 0xe0, 0x82);
            border = QColor(0xff, 0x8f, 0x00);
            break;
        case core::BeamNodeState::Dropped:
            fill = QColor(0xf5, 0xf5, 0xf5);
            border = QColor(0xbf, 0x36, 0x0c);
            style = Qt::DashLine;
            text = QColor(0x99, 0x99, 0x99);
            break;
        case core::BeamNodeState::Pruned:
            fill = QColor(0xf5, 0xf5, 0xf5);
            border = QColor(0xbd, 0xbd, 0xbd);
            style = Qt::DashLine;
            text = QColor(0x99, 0x99, 0x99);
            break;
        }
        const bool live = m_snapshot.live.contains(n.id);
        p.setPen(QPen(border, live || n.state == core::BeamNodeState::Finished ? 2.5 : 1.2, style));
        p.setBrush(fill);
        p.drawRoundedRect(r, 5, 5);
        p.setPen(text);
        QString label = m_snapshot.nodeText.value(n.id);
        if (n.eos)
            label = QStringLiteral("■ ") + label;
        if (m_hypothesisRank.contains(n.id))
            label = QStringLiteral("#%1 %2").arg(m_hypothesisRank.value(n.id)).arg(label);
        QFont f = n.state == core::BeamNodeState::Pruned ? PresentationMode::secondaryFont(font()) : font();
        f.setBold(n.state == core::BeamNodeState::Running || n.state == core::BeamNodeState::Finished);
        f.setStrikeOut(n.state == core::BeamNodeState::Dropped);
        p.setFont(f);
        const QString elided = QFontMetrics(f).elidedText(label, Qt::ElideRight, r.width() - 8);
        p.drawText(r.adjusted(4, 0, -4, 0), Qt::AlignCenter, elided);
        p.setFont(font());
    }
}

} // namespace ui

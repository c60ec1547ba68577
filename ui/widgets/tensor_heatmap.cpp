#include "ui/widgets/tensor_heatmap.h"

#include "ui/widgets/presentation_mode.h"

#include "ui/widgets/color_map.h"
#include "ui/widgets/text_widths.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    constexpr int kTop = 20; // column numbers
    constexpr int kBarWidth = 78; // colour bar and its labels
    constexpr int kMaxCellHeight = 56;

    QString formatValue(float v)
    {
        if (std::isinf(v))
            return v < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
        const float a = std::fabs(v);
        if (a >= 10000)
            return QString::number(double(v), 'e', 1);
        return QString::number(double(v), 'f', a >= 100 ? 0 : a >= 10 ? 1 : 2);
    }
}

TensorHeatmap::TensorHeatmap(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void TensorHeatmap::setTensor(
    int rows, int cols, const QVector<float>& values, const QStringList& rowLabels, const TensorPreview& preview)
{
    const bool sameShape = rows == m_rows && cols == m_cols;
    m_rows = rows;
    m_cols = cols;
    m_values = values;
    m_rowLabels = rowLabels;
    m_preview = preview;
    m_exact = {};
    m_exactCells = {};
    // The preview keeps each block's largest magnitude, so the tensor's largest is among its few values.
    m_absMax = 0;
    for (float v : preview.isEmpty() ? values : preview.values)
        if (std::isfinite(v))
            m_absMax = std::max(m_absMax, std::fabs(v));
    // Each distinct label measured once: a long prompt's tensors have thousands of rows, and every step comes here.
    m_labelWidth = std::min(std::max(36, widestText(rowLabels, QFontMetrics(font())) + 12), 150);
    if (!sameShape) {
        m_zoom = 1;
        m_pan = {};
    }
    render();
    update();
}

void TensorHeatmap::clear()
{
    m_barLabels.clear();
    m_newCount = 0;
    setTensor(0, 0, {});
}

void TensorHeatmap::setBarLabels(const QVector<QPair<int, QString>>& labels)
{
    m_barLabels = labels;
    update();
}

void TensorHeatmap::setNewRows(int first, int count)
{
    m_newFirst = first;
    m_newCount = std::max(0, count);
    update();
}

void TensorHeatmap::setSelectedRow(int row)
{
    m_selectedRow = row;
    update();
}

void TensorHeatmap::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 1.0, 400.0);
    clampPan();
    update();
}

void TensorHeatmap::resetView()
{
    m_zoom = 1;
    m_pan = {};
    update();
}

void TensorHeatmap::render()
{
    if (m_rows <= 0 || m_cols <= 0) {
        m_image = {};
        return;
    }
    const bool fromPreview = !m_preview.isEmpty();
    const int rows = fromPreview ? m_preview.rows : m_rows, cols = fromPreview ? m_preview.cols : m_cols;
    const float* values = fromPreview ? m_preview.values.constData() : m_values.constData();
    m_image = QImage(cols, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
        for (int c = 0; c < cols; ++c)
            line[c] = colourOf(values[qsizetype(r) * cols + c]);
    }
}

const QImage& TensorHeatmap::exactImage(int r0, int r1, int c0, int c1)
{
    const QRect cells(QPoint(c0, r0), QPoint(c1, r1));
    if (cells != m_exactCells) {
        m_exactCells = cells;
        m_exact = QImage(cells.width(), cells.height(), QImage::Format_RGB32);
        for (int r = r0; r <= r1; ++r) {
            auto* line = reinterpret_cast<QRgb*>(m_exact.scanLine(r - r0));
            for (int c = c0; c <= c1; ++c)
                line[c - c0] = colourOf(m_values[qsizetype(r) * m_cols + c]);
        }
    }
    return m_exact;
}

QRect TensorHeatmap::plotRect() const
{
    const int left = showsBars() ? 48 : m_labelWidth;
    return QRect(left, kTop, std::max(10, width() - left - kBarWidth), std::max(10, height() - kTop - 6));
}

QSizeF TensorHeatmap::cellSize() const
{
    if (m_rows <= 0 || m_cols <= 0)
        return {};
    const QRect plot = plotRect();
    const double w = double(plot.width()) / m_cols;
    const double h = std::min(double(plot.height()) / m_rows, double(kMaxCellHeight));
    // Zoom widens the columns; rows only grow until the numbers fit (tensors are much wider than tall).
    return { w * m_zoom, std::min(h * m_zoom, std::max(h, 30.0)) };
}

QRectF TensorHeatmap::cellRect(int r, int c) const
{
    const QSizeF s = cellSize();
    const QRect plot = plotRect();
    if (showsBars())
        return QRectF(plot.left() + c * s.width() - m_pan.x(), plot.top(), s.width(), plot.height());
    return QRectF(
        plot.left() + c * s.width() - m_pan.x(), plot.top() + r * s.height() - m_pan.y(), s.width(), s.height());
}

bool TensorHeatmap::cellAt(QPointF p, int* r, int* c) const
{
    if (m_rows <= 0 || !plotRect().contains(p.toPoint()))
        return false;
    const QSizeF s = cellSize();
    const QRect plot = plotRect();
    const int col = int(std::floor((p.x() - plot.left() + m_pan.x()) / s.width()));
    const int row = showsBars() ? 0 : int(std::floor((p.y() - plot.top() + m_pan.y()) / s.height()));
    if (row < 0 || row >= m_rows || col < 0 || col >= m_cols)
        return false;
    *r = row;
    *c = col;
    return true;
}

void TensorHeatmap::clampPan()
{
    const QSizeF s = cellSize();
    const QRect plot = plotRect();
    const double contentW = s.width() * m_cols, contentH = showsBars() ? plot.height() : s.height() * m_rows;
    m_pan.setX(std::clamp(m_pan.x(), 0.0, std::max(0.0, contentW - plot.width())));
    m_pan.setY(std::clamp(m_pan.y(), 0.0, std::max(0.0, contentH - plot.height())));
}

void TensorHeatmap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_rows <= 0 || m_cols <= 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Step to an op to see its output tensor."));
        return;
    }
    const QRect plot = plotRect();
    const QSizeF s = cellSize();
    const QColor textColor = palette().color(QPalette::Text);
    const QFont small = PresentationMode::secondaryFont(font(), 0.85);

    if (showsBars()) {
        paintBars(p, plot);
    } else {
        p.save();
        p.setClipRect(plot);
        const QRectF target(plot.left() - m_pan.x(), plot.top() - m_pan.y(), s.width() * m_cols, s.height() * m_rows);
        // Zoomed in past the preview's blocks: the cells in view, exactly (never more than the plot's pixels in
        // a direction the zoom magnifies).
        const int c0 = std::max(0, int(m_pan.x() / s.width())),
                  c1 = std::min(m_cols - 1, int((m_pan.x() + plot.width()) / s.width()));
        const int r0 = std::max(0, int(m_pan.y() / s.height())),
                  r1 = std::min(m_rows - 1, int((m_pan.y() + plot.height()) / s.height()));
        const bool exact = !m_preview.isEmpty()
            && (s.width() * m_cols > m_preview.cols * 1.5 || s.height() * m_rows > m_preview.rows * 1.5)
            && qint64(c1 - c0 + 1) * (r1 - r0 + 1) <= qint64(kTensorPreviewSide) * kTensorPreviewSide;
        if (exact) {
            p.drawImage(QRectF(cellRect(r0, c0).topLeft(), cellRect(r1, c1).bottomRight()), exactImage(r0, r1, c0, c1));
        } else {
            p.drawImage(target, m_image);
        }
        // Numbers in the cells when there is room.
        if (s.width() >= 38 && s.height() >= 16) {
            p.setFont(small);
            const int c0 = std::max(0, int(m_pan.x() / s.width())),
                      c1 = std::min(m_cols - 1, int((m_pan.x() + plot.width()) / s.width()));
            const int r0 = std::max(0, int(m_pan.y() / s.height())),
                      r1 = std::min(m_rows - 1, int((m_pan.y() + plot.height()) / s.height()));
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c) {
                    const float v = m_values[r * m_cols + c];
                    p.setPen(ColorMap::textOn(colourOf(v)));
                    p.drawText(cellRect(r, c), Qt::AlignCenter, formatValue(v));
                }
        }
        if (s.width() >= 4 && s.height() >= 4) { // grid lines
            p.setPen(QPen(QColor(128, 128, 128, 70), 0));
            for (int c = 1; c < m_cols && s.width() >= 10; ++c)
                p.drawLine(
                    QPointF(cellRect(0, c).left(), target.top()), QPointF(cellRect(0, c).left(), target.bottom()));
            for (int r = 1; r < m_rows; ++r)
                p.drawLine(QPointF(target.left(), cellRect(r, 0).top()), QPointF(target.right(), cellRect(r, 0).top()));
        }
        if (m_newCount > 0 && m_newFirst >= 0 && m_newFirst + m_newCount <= m_rows) {
            // Okabe–Ito bluish green, as the generated tokens' border in the token strip.
            p.setPen(QPen(QColor(0x00, 0x9e, 0x73), 3, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            const QRectF first = cellRect(m_newFirst, 0);
            const QRectF last = cellRect(m_newFirst + m_newCount - 1, 0);
            p.drawRect(
                QRectF(target.left(), first.top(), target.width(), last.bottom() - first.top()).adjusted(1, 1, -1, -1));
        }
        if (m_selectedRow >= 0 && m_selectedRow < m_rows) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 3));
            p.setBrush(Qt::NoBrush);
            const QRectF row = cellRect(m_selectedRow, 0);
            p.drawRect(QRectF(target.left(), row.top(), target.width(), row.height()).adjusted(1, 1, -1, -1));
        }
        if (m_hoverRow >= 0) {
            p.setPen(QPen(textColor, 2));
            p.drawRect(cellRect(m_hoverRow, m_hoverCol));
        }
        p.restore();
        // Row labels (tokens).
        p.setFont(font());
        p.save();
        p.setClipRect(QRect(0, plot.top(), plot.left(), plot.height()));
        const int labelStep = std::max(1, int(std::ceil(14.0 / s.height())));
        for (int r = 0; r < m_rows; r += labelStep) {
            const QRectF cell = cellRect(r, 0);
            const QRectF lr(0, cell.top(), plot.left() - 6, std::max(cell.height(), 14.0));
            p.setPen(r == m_selectedRow ? palette().color(QPalette::Highlight) : textColor);
            const QString label = r < m_rowLabels.size() ? m_rowLabels[r] : QString::number(r);
            p.drawText(lr, Qt::AlignRight | Qt::AlignVCenter,
                QFontMetrics(font()).elidedText(label, Qt::ElideRight, int(lr.width())));
        }
        p.restore();
    }
    // Column numbers.
    p.save();
    p.setFont(small);
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.setClipRect(QRect(plot.left() - 24, 0, plot.width() + 48, kTop));
    const int every = std::max(1, int(std::ceil(40.0 / s.width())));
    const int nice[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 };
    int step = every;
    for (int n : nice)
        if (n >= every) {
            step = n;
            break;
        }
    for (int c = 0; c < m_cols; c += step) {
        const QRectF cell = cellRect(0, c);
        if (cell.right() < plot.left() || cell.left() > plot.right())
            continue;
        p.drawText(QRectF(cell.center().x() - 30, 2, 60, kTop - 4), Qt::AlignCenter, QString::number(c));
    }
    p.restore();
    paintColorBar(p, QRect(plot.right() + 14, plot.top(), 16, std::min(plot.height(), 260)));
}

void TensorHeatmap::paintBars(QPainter& p, const QRect& plot)
{
    p.save();
    p.setClipRect(plot);
    const double mid = plot.top() + plot.height() / 2.0;
    const double half = plot.height() / 2.0 - 4;
    const bool nonNegative = std::all_of(m_values.begin(), m_values.end(), [](float v) { return !(v < 0); });
    const double zero = nonNegative ? plot.bottom() - 2 : mid;
    const double scale = nonNegative ? (plot.height() - 6) : half;
    p.setPen(QPen(palette().color(QPalette::Mid), 0));
    p.drawLine(QPointF(plot.left(), zero), QPointF(plot.right(), zero));
    const QSizeF s = cellSize();
    // Several columns may share a pixel: draw each pixel column's largest bar.
    const int c0 = std::max(0, int(m_pan.x() / s.width())),
              c1 = std::min(m_cols - 1, int((m_pan.x() + plot.width()) / s.width()) + 1);
    for (int c = c0; c <= c1; ++c) {
        const float v = m_values[c];
        if (!std::isfinite(v))
            continue;
        const QRectF cell = cellRect(0, c);
        const double h = m_absMax > 0 ? double(v) / m_absMax * scale : 0;
        const double w = std::max(1.0, cell.width() - (cell.width() > 4 ? 1 : 0));
        QRectF bar(cell.left(), h >= 0 ? zero - h : zero, w, std::max(1.0, std::fabs(h)));
        // Bars take the full-strength end of the map for their sign: small values must stay visible.
        p.fillRect(bar,
            QColor::fromRgb(m_probabilities ? ColorMap::sequential(0.85) : ColorMap::diverging(v >= 0 ? 0.85 : -0.85)));
        if (c == m_hoverCol) {
            p.setPen(QPen(palette().color(QPalette::Text), 1));
            p.drawRect(bar);
        }
    }
    // Labels above the named bars, skipping any that would overlap one already drawn.
    QVector<QRectF> taken;
    const QFontMetrics fm(font());
    for (const auto& [col, text] : m_barLabels) {
        if (col < 0 || col >= m_cols || !std::isfinite(m_values[col]))
            continue;
        const QRectF cell = cellRect(0, col);
        const double h = m_absMax > 0 ? double(m_values[col]) / m_absMax * scale : 0;
        const double top = h >= 0 ? zero - h : zero;
        QRectF box(cell.center().x() - fm.horizontalAdvance(text) / 2.0 - 4, top - fm.height() - 6,
            fm.horizontalAdvance(text) + 8, fm.height() + 2);
        box.moveTop(std::max<qreal>(plot.top() + 2, box.top()));
        if (box.left() < plot.left())
            box.moveLeft(plot.left() + 2);
        if (box.right() > plot.right())
            box.moveRight(plot.right() - 2);
        bool overlaps = false;
        for (const QRectF& t : taken)
            overlaps = overlaps || t.intersects(box);
        if (overlaps)
            continue;
        taken.push_back(box);
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.setBrush(palette().color(QPalette::ToolTipBase));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRectF(0, nonNegative ? zero - 8 : zero - 8, plot.left() - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
        QStringLiteral("0"));
    p.drawText(QRectF(0, plot.top(), plot.left() - 4, 16), Qt::AlignRight | Qt::AlignVCenter, formatValue(m_absMax));
}

void TensorHeatmap::setProbabilityScale(bool probabilities)
{
    if (m_probabilities == probabilities)
        return;
    m_probabilities = probabilities;
    render();
    update();
}

QRgb TensorHeatmap::colourOf(float v) const
{
    if (!m_probabilities)
        return ColorMap::forValue(v, m_absMax);
    if (!std::isfinite(v))
        return v < 0 ? ColorMap::masked() : qRgb(255, 0, 255);
    return ColorMap::sequential(std::clamp(double(v), 0.0, 1.0));
}

void TensorHeatmap::paintColorBar(QPainter& p, const QRect& bar)
{
    for (int y = 0; y < bar.height(); ++y) {
        const double t = 1.0 - double(y) / std::max(1, bar.height() - 1); // 1 at the top, 0 at the bottom
        p.setPen(QColor::fromRgb(m_probabilities ? ColorMap::sequential(t) : ColorMap::diverging(2.0 * t - 1.0)));
        p.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    const QFont small = PresentationMode::secondaryFont(font(), 0.85);
    p.setFont(small);
    p.setPen(palette().color(QPalette::Text));
    const QRect labels(bar.right() + 4, bar.top() - 8, width() - bar.right() - 4, bar.height() + 16);
    if (m_probabilities) { // a fixed 0…1 scale: the same colour is the same probability in every view
        p.drawText(labels, Qt::AlignTop | Qt::AlignLeft, QStringLiteral("1"));
        p.drawText(labels, Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("0.5"));
        p.drawText(labels, Qt::AlignBottom | Qt::AlignLeft, QStringLiteral("0"));
        return;
    }
    p.drawText(labels, Qt::AlignTop | Qt::AlignLeft, formatValue(m_absMax));
    p.drawText(labels, Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("0"));
    p.drawText(labels, Qt::AlignBottom | Qt::AlignLeft, formatValue(-m_absMax));
}

void TensorHeatmap::wheelEvent(QWheelEvent* e)
{
    if (m_rows <= 0)
        return;
    const QPointF pos = e->position();
    const QRect plot = plotRect();
    const QPointF content = pos - plot.topLeft() + m_pan; // content point under the mouse
    const double old = m_zoom;
    m_zoom = std::clamp(m_zoom * std::pow(1.0015, e->angleDelta().y()), 1.0, 400.0);
    m_pan = content * (m_zoom / old) - (pos - plot.topLeft());
    clampPan();
    update();
    e->accept();
}

void TensorHeatmap::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton)
        return;
    m_dragFrom = e->position().toPoint();
    m_dragging = false;
}

void TensorHeatmap::mouseMoveEvent(QMouseEvent* e)
{
    if (e->buttons() & Qt::LeftButton) {
        const QPoint d = e->position().toPoint() - m_dragFrom;
        if (m_dragging || d.manhattanLength() > 4) {
            m_dragging = true;
            m_pan -= d;
            m_dragFrom = e->position().toPoint();
            clampPan();
            update();
            return;
        }
    }
    int r = -1, c = -1;
    if (cellAt(e->position(), &r, &c)) {
        if (r != m_hoverRow || c != m_hoverCol) {
            m_hoverRow = r;
            m_hoverCol = c;
            const float v = m_values[r * m_cols + c];
            const QString label = r < m_rowLabels.size() ? m_rowLabels[r] : QString::number(r);
            setToolTip(tr("row %1 (%2) · column %3\nvalue %4").arg(r).arg(label).arg(c).arg(double(v), 0, 'g', 7));
            emit cellHovered(r, c, v);
            update();
        }
    } else if (m_hoverRow >= 0) {
        m_hoverRow = m_hoverCol = -1;
        setToolTip({});
        emit cellHovered(-1, -1, 0);
        update();
    }
}

void TensorHeatmap::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton && !m_dragging) {
        int r = -1, c = -1;
        if (cellAt(e->position(), &r, &c) && !showsBars())
            emit rowClicked(r);
    }
    m_dragging = false;
}

void TensorHeatmap::mouseDoubleClickEvent(QMouseEvent*) { resetView(); }

void TensorHeatmap::leaveEvent(QEvent*)
{
    if (m_hoverRow >= 0) {
        m_hoverRow = m_hoverCol = -1;
        emit cellHovered(-1, -1, 0);
        update();
    }
}

void TensorHeatmap::resizeEvent(QResizeEvent*) { clampPan(); }

} // namespace ui

#include "ui/widgets/attention_view.h"

#include "ui/widgets/presentation_mode.h"

#include "ui/widgets/color_map.h"
#include "ui/widgets/text_widths.h"

#include <QContextMenuEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    constexpr qreal kTitle = 26;
}

AttentionView::AttentionView(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
}

QString AttentionView::cellText(float probability)
{
    // Round first, then drop the zero: 0.996 is "1.00", not ".00" (seen on a decode step's one-row matrix).
    QString text = QString::number(double(probability), 'f', 2);
    if (text.startsWith(QLatin1String("0.")))
        text.remove(0, 1);
    return text;
}

void AttentionView::setModelShape(int layers, int heads)
{
    m_layers = layers;
    m_heads = heads;
    m_layer = std::min(m_layer, std::max(0, layers - 1));
    m_head = std::min(m_head, std::max(0, heads - 1));
    update();
}

void AttentionView::setMatrices(const QVector<AttentionMatrix>& matrices)
{
    // Matrices already shown keep their image: the values are implicitly shared, so the same data = same image.
    QVector<QImage> images;
    images.reserve(matrices.size());
    for (int i = 0; i < matrices.size(); ++i) {
        const bool same = i < m_matrices.size() && m_matrices[i].values.constData() == matrices[i].values.constData()
            && m_matrices[i].rows == matrices[i].rows && m_matrices[i].cols == matrices[i].cols;
        images.push_back(same ? m_images[i] : imageOf(matrices[i]));
    }
    m_matrices = matrices;
    m_images = images;
    update();
}

void AttentionView::setFocusMatrix(const AttentionMatrix& matrix, const AttentionMatrix& preview)
{
    if (matrix.values.constData() == m_focus.values.constData() && matrix.layer == m_focus.layer
        && matrix.head == m_focus.head)
        return; // the same shared values: the same image
    m_focus = matrix;
    m_focusImage = QImage();
    if (m_focus.values.isEmpty()) {
        update();
        return;
    }
    if (m_focus.rows <= kImageSide && m_focus.cols <= kImageSide)
        m_focusImage = imageOf(m_focus);
    else // a 4096 x 4096 head: colours of its block maxima
        m_focusImage = imageOf(preview.values.isEmpty() ? attentionPreview(m_focus, kImageSide) : preview);
    update();
}

void AttentionView::setFlashWalk(const FlashWalkInfo& walk, int step)
{
    m_walk = walk;
    m_walkStep = walk.isValid() ? std::clamp(step, 0, int(walk.steps.size()) - 1) : -1;
    update();
}

void AttentionView::clearFlashWalk()
{
    m_walk = FlashWalkInfo {};
    m_walkStep = -1;
    update();
}

void AttentionView::setTokens(const QStringList& tokens)
{
    m_tokens = tokens;
    m_widestToken = widestText(m_tokens, QFontMetrics(font()));
    update();
}

void AttentionView::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange) // presenting enlarges the font: the labels' room with it
        m_widestToken = widestText(m_tokens, QFontMetrics(font()));
}

void AttentionView::setSelectedHead(int layer, int head)
{
    m_layer = layer;
    m_head = head;
    update();
}

void AttentionView::setQueryRow(int row)
{
    m_queryRow = row;
    update();
}

void AttentionView::setMode(Mode mode)
{
    m_mode = mode;
    update();
}

void AttentionView::setLayerWindows(const QVector<int>& windows)
{
    m_windows = windows;
    for (int i = 0; i < m_matrices.size(); ++i)
        m_images[i] = imageOf(m_matrices[i]);
    update();
}

bool AttentionView::mixesWindows() const
{
    return std::any_of(m_windows.begin(), m_windows.end(), [](int w) { return w > 0; })
        && std::any_of(m_windows.begin(), m_windows.end(), [](int w) { return w == 0; });
}

int AttentionView::windowOf(int layer) const { return layer >= 0 && layer < m_windows.size() ? m_windows[layer] : 0; }

bool AttentionView::isMasked(const AttentionMatrix& m, int row, int col) const
{
    const int query = m.posBegin + row, window = windowOf(m.layer);
    return col > query || (window > 0 && col <= query - window);
}

int AttentionView::indexOf(int layer, int head) const
{
    for (int i = 0; i < m_matrices.size(); ++i)
        if (m_matrices[i].layer == layer && m_matrices[i].head == head)
            return i;
    return -1;
}

const AttentionMatrix* AttentionView::selectedMatrix() const
{
    if (!m_focus.values.isEmpty() && m_focus.layer == m_layer && m_focus.head == m_head)
        return &m_focus;
    const int i = indexOf(m_layer, m_head);
    return i >= 0 ? &m_matrices[i] : nullptr;
}

QImage AttentionView::imageOf(const AttentionMatrix& m) const
{
    // A stored cell covers full rows [r R / rows, (r + 1) R / rows) and the same for columns; it is masked when even
    // its first key comes after its last query.
    // Colours from a table (a probability in [0, 1] needs no more than 1024 shades): a 768 x 768 image is 590k cells.
    static const QVector<QRgb> shades = [] {
        QVector<QRgb> t(1024);
        for (int i = 0; i < t.size(); ++i)
            t[i] = ColorMap::sequential(i / double(t.size() - 1));
        return t;
    }();
    auto shade = [&](float v) { return shades[std::clamp(int(v * 1023.0f + 0.5f), 0, 1023)]; };
    QImage img(m.cols, m.rows, QImage::Format_RGB32);
    const qint64 R = m.shownRows(), C = m.shownCols();
    const int window = windowOf(m.layer);
    QVector<qint64> firstKeyOf(m.cols), lastKeyOf(m.cols);
    for (int c = 0; c < m.cols; ++c) {
        firstKeyOf[c] = (c * C + m.cols - 1) / m.cols;
        lastKeyOf[c] = ((c + 1) * C + m.cols - 1) / m.cols - 1;
    }
    for (int r = 0; r < m.rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        const qint64 firstQuery = m.posBegin + (r * R + m.rows - 1) / m.rows;
        const qint64 lastQuery = m.posBegin + ((r + 1) * R + m.rows - 1) / m.rows - 1;
        for (int c = 0; c < m.cols; ++c) {
            // Masked when even its first key comes after its last query, or its last key lies outside the
            // sliding window of its first query.
            const bool masked = firstKeyOf[c] > lastQuery || (window > 0 && lastKeyOf[c] <= firstQuery - window);
            line[c] = masked ? ColorMap::masked() : shade(m.at(r, c));
        }
    }
    return img;
}

QString AttentionView::tokenLabel(int position) const
{
    return position < m_tokens.size() ? m_tokens[position] : QString::number(position);
}

AttentionView::Geometry AttentionView::geometry() const
{
    Geometry g;
    const qreal w = width(), h = height();
    const int layers = std::max(1, m_layers), heads = std::max(1, m_heads);
    // Room left of the grid for the layer labels ("L3", and "global" under it when local and global layers mix).
    const qreal labelsW = mixesWindows() ? 50 : 30;
    const qreal gridW = std::min(w * 0.36, labelsW + 10 + heads * 84.0);
    g.cell = std::max<qreal>(10, std::min({ (gridW - labelsW - 4) / heads, (h - kTitle - 24) / layers, 80.0 }));
    g.grid = QRectF(labelsW, kTitle + 18, g.cell * heads, g.cell * layers);
    const qreal bigLeft = g.grid.right() + 40;
    const AttentionMatrix* m = selectedMatrix();
    const int rows = m ? m->shownRows() : std::max(1, int(m_tokens.size()));
    const int cols = m ? m->shownCols() : rows;
    const QFontMetrics fm(font());
    const qreal unit = std::max(1.0, fm.height() / 14.0); // sizes below are for the 100% font; a UI zoom scales them
    // The widest token, measured when the tokens came (geometry() runs for every cell painted or hovered).
    const int labelW = std::min(std::max(40, m_widestToken + 10), int(130 * unit));
    if (m_mode == Mode::Matrix) {
        const qreal top = kTitle + 8 + labelW * 0.75; // rotated key labels above
        const qreal availW = w - bigLeft - labelW - 16, availH = h - top - 12;
        // Small matrices get readable cells; a long prompt's matrix shrinks to fit (its image is downsampled). On a
        // desktop a few tokens stop at 64 px cells, while presenting they fill the pane.
        const qreal fit = std::min(availW / cols, availH / rows);
        const qreal side = rows <= 64 && cols <= 64 ? std::max<qreal>(4, fit) : std::max<qreal>(0.01, fit);
        g.cellW = g.cellH = PresentationMode::presenting() ? side : std::min<qreal>(side, 64 * unit);
        g.big = QRectF(bigLeft + labelW, top, g.cellW * cols, g.cellH * rows);
    } else {
        g.big = QRectF(bigLeft, kTitle + 12, w - bigLeft - 16, h - kTitle - 24);
    }
    return g;
}

QRectF AttentionView::gridCellRect(int layer, int head) const
{
    const Geometry g = geometry();
    return QRectF(g.grid.left() + head * g.cell, g.grid.top() + layer * g.cell, g.cell, g.cell);
}

QRectF AttentionView::matrixCellRect(int row, int col) const
{
    const Geometry g = geometry();
    return QRectF(g.big.left() + col * g.cellW, g.big.top() + row * g.cellH, g.cellW, g.cellH);
}

void AttentionView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_layers <= 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Load a model and step into a layer to see attention."));
        return;
    }
    const Geometry g = geometry();
    paintGrid(p, g);
    const AttentionMatrix* m = selectedMatrix();
    QFont title = font();
    title.setBold(true);
    p.setFont(title);
    p.setPen(palette().color(QPalette::Text));
    const qreal bigLeft = g.grid.right() + 40;
    const QString heading = tr("Layer %1 · head %2").arg(m_layer).arg(m_head);
    p.drawText(QRectF(bigLeft, 4, width() - bigLeft - 8, kTitle), Qt::AlignLeft | Qt::AlignVCenter, heading);
    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    const qreal headingW = QFontMetrics(title).horizontalAdvance(heading) + 12;
    const QString sub = m_mode == Mode::Matrix ? tr("row = a token (query), column = a token it may look at (key)")
                                               : tr("line weight = attention");
    p.drawText(QRectF(bigLeft + headingW, 4, width() - bigLeft - headingW - 8, kTitle),
        Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(font()).elidedText(sub, Qt::ElideRight, int(width() - bigLeft - headingW - 8)));
    if (!m) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(bigLeft, kTitle + 10, width() - bigLeft - 8, 60), Qt::AlignLeft | Qt::TextWordWrap,
            tr("This head has not run yet. Step forward (F10) or run the prefill (F5)."));
        return;
    }
    if (m_mode == Mode::Matrix)
        paintMatrix(p, g, *m);
    else
        paintLines(p, g, *m);
}

void AttentionView::paintGrid(QPainter& p, const Geometry& g)
{
    const QFont small = PresentationMode::secondaryFont(font(), 0.85);
    p.setFont(small);
    p.setPen(palette().color(QPalette::Text));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(4, 4, g.grid.right() + 10, kTitle), Qt::AlignLeft | Qt::AlignVCenter, tr("All heads"));
    p.setFont(small);
    for (int h = 0; h < m_heads; ++h)
        p.drawText(QRectF(g.grid.left() + h * g.cell, g.grid.top() - 16, g.cell, 14), Qt::AlignCenter,
            g.cell >= 26 ? tr("h%1").arg(h) : QString::number(h));
    // Models that mix sliding-window and global layers (Gemma) say which is which under the layer number.
    const bool mixed = mixesWindows();
    for (int l = 0; l < m_layers; ++l) {
        const QRectF label(0, g.grid.top() + l * g.cell, g.grid.left() - 4, g.cell);
        if (mixed && g.cell >= 30) {
            p.drawText(label.adjusted(0, 0, 0, -g.cell / 2), Qt::AlignRight | Qt::AlignBottom, tr("L%1").arg(l));
            p.drawText(label.adjusted(0, g.cell / 2, 0, 0), Qt::AlignRight | Qt::AlignTop,
                windowOf(l) > 0 ? tr("local") : tr("global"));
        } else {
            p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l));
        }
    }
    for (int l = 0; l < m_layers; ++l)
        for (int h = 0; h < m_heads; ++h) {
            const QRectF cell = gridCellRect(l, h).adjusted(2, 2, -2, -2);
            const int i = indexOf(l, h);
            if (i >= 0) {
                p.drawImage(cell, m_images[i]);
            } else {
                p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
                p.setBrush(Qt::NoBrush);
                p.drawRect(cell);
            }
            if (l == m_layer && h == m_head) {
                p.setPen(QPen(palette().color(QPalette::Highlight), 3));
                p.setBrush(Qt::NoBrush);
                p.drawRect(cell.adjusted(-1, -1, 1, 1));
            }
        }
    // Legend: the sequential colour map from 0 to 1.
    const QRectF legend(g.grid.left(), g.grid.bottom() + 14, std::max<qreal>(g.grid.width(), 120), 10);
    const QFontMetricsF lfm(font());
    if (legend.bottom() + lfm.height() + 2 < height()) {
        for (int x = 0; x < int(legend.width()); ++x) {
            p.setPen(QColor::fromRgb(ColorMap::sequential(x / legend.width())));
            p.drawLine(QPointF(legend.left() + x, legend.top()), QPointF(legend.left() + x, legend.bottom()));
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(legend.left(), legend.bottom() + 1, 40, lfm.height()), Qt::AlignLeft, QStringLiteral("0"));
        p.drawText(
            QRectF(legend.right() - 40, legend.bottom() + 1, 40, lfm.height()), Qt::AlignRight, QStringLiteral("1"));
        p.setBrush(QBrush(QColor(ColorMap::masked()), Qt::BDiagPattern));
        p.setPen(palette().color(QPalette::Mid));
        const QRectF sw(legend.left(), legend.bottom() + lfm.height() + 4, 12, 12);
        if (sw.bottom() < height()) {
            p.drawRect(sw);
            p.setPen(palette().color(QPalette::Text));
            p.drawText(QRectF(sw.right() + 6, sw.center().y() - lfm.height() / 2, 400, lfm.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                std::any_of(m_windows.begin(), m_windows.end(), [](int w) { return w > 0; })
                    ? tr("masked (future, or outside the window)")
                    : tr("masked (future)"));
        }
    }
}

void AttentionView::paintMatrix(QPainter& p, const Geometry& g, const AttentionMatrix& m)
{
    const int rows = m.shownRows(), cols = m.shownCols();
    p.drawImage(g.big, &m == &m_focus ? m_focusImage : m_images[indexOf(m.layer, m.head)]);
    // Causal mask: hatch the future, and with a sliding window the keys it has left behind (row by row while rows
    // are visible; a downsampled matrix gets the future's triangle at once, its image already greys the rest).
    p.setPen(Qt::NoPen);
    p.setBrush(QBrush(palette().color(QPalette::Base), Qt::BDiagPattern));
    const int window = windowOf(m.layer);
    if (rows <= 256) {
        for (int r = 0; r < rows; ++r) {
            const int firstMasked = m.posBegin + r + 1;
            if (firstMasked < cols)
                p.drawRect(QRectF(matrixCellRect(r, firstMasked).topLeft(), matrixCellRect(r, cols - 1).bottomRight()));
            const int firstVisible = window > 0 ? m.posBegin + r - window + 1 : 0;
            if (firstVisible > 0)
                p.drawRect(QRectF(matrixCellRect(r, 0).topLeft(), matrixCellRect(r, firstVisible - 1).bottomRight()));
        }
    } else if (m.posBegin + 1 < cols) {
        const QPolygonF future { QPointF(g.big.left() + (m.posBegin + 1) * g.cellW, g.big.top()),
            QPointF(g.big.right(), g.big.top()),
            QPointF(g.big.right(), g.big.top() + std::max(0, cols - 1 - m.posBegin) * g.cellH) };
        p.drawPolygon(future);
    }
    const QFont small = PresentationMode::secondaryFont(font(), 0.85);
    if (g.cellW >= 30) {
        p.setFont(small);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c <= std::min(cols - 1, m.posBegin + r); ++c) {
                if (isMasked(m, r, c))
                    continue;
                const float v = m.valueAt(r, c);
                p.setPen(ColorMap::textOn(ColorMap::sequential(v)));
                p.drawText(matrixCellRect(r, c), Qt::AlignCenter, cellText(v));
            }
    }
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(g.big);
    // Token labels: queries on the left, keys rotated above.
    p.setFont(g.cellH >= 12 ? font() : small);
    const QFontMetrics fm(p.font());
    const int step = std::max(1, int(std::ceil(fm.height() / g.cellH)));
    for (int r = 0; r < rows; r += step) {
        const QRectF cell = matrixCellRect(r, 0);
        p.setPen(r == m_queryRow ? palette().color(QPalette::Highlight) : palette().color(QPalette::Text));
        // At least a line high, centred on the row: a long prompt's rows are a fraction of a pixel.
        const qreal lineH = std::max<qreal>(cell.height(), fm.height());
        p.drawText(
            QRectF(g.grid.right() + 40, cell.center().y() - lineH / 2, cell.left() - 6 - g.grid.right() - 40, lineH),
            Qt::AlignRight | Qt::AlignVCenter, tokenLabel(m.posBegin + r));
    }
    for (int c = 0; c < cols; c += step) {
        const QRectF cell = matrixCellRect(0, c);
        p.save();
        p.translate(cell.center().x(), cell.top() - 4);
        p.rotate(-60);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, -fm.height() / 2.0, 120, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(tokenLabel(c), Qt::ElideRight, 110));
        p.restore();
    }
    if (m_queryRow >= 0 && m_queryRow - m.posBegin >= 0 && m_queryRow - m.posBegin < rows) {
        const int r = m_queryRow - m.posBegin;
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(
            QRectF(matrixCellRect(r, 0).topLeft(), matrixCellRect(r, cols - 1).bottomRight()).adjusted(-1, -1, 1, 1));
    }
    paintFlashTile(p, g, m);
    if (m_hoverRow >= 0 && m_hoverRow < rows && m_hoverCol < cols) {
        p.setPen(QPen(palette().color(QPalette::Text), 2));
        p.drawRect(matrixCellRect(m_hoverRow, m_hoverCol));
    }
}

void AttentionView::paintFlashTile(QPainter& p, const Geometry& g, const AttentionMatrix& m)
{
    if (m_walkStep < 0 || m_walk.layer != m.layer || m_walk.head != m.head || m_walk.posBegin != m.posBegin)
        return;
    const QColor accent = palette().color(QPalette::Highlight);
    const int r0 = m_walk.queryBegin, r1 = m_walk.queryEnd;
    auto tileRect = [&](int k0, int k1) {
        return QRectF(QPointF(g.big.left() + k0 * g.cellW, g.big.top() + r0 * g.cellH),
            QPointF(g.big.left() + k1 * g.cellW, g.big.top() + r1 * g.cellH));
    };
    // The query block's band, the tiles already folded in (outlined), and the current one (lit).
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(accent, 1, Qt::DashLine));
    p.drawRect(
        QRectF(QPointF(g.big.left(), g.big.top() + r0 * g.cellH), QPointF(g.big.right(), g.big.top() + r1 * g.cellH)));
    for (int i = 0; i < m_walkStep; ++i) {
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.drawRect(tileRect(m_walk.steps[i].keyBegin, m_walk.steps[i].keyEnd));
    }
    const FlashWalkInfo::Step& st = m_walk.steps[m_walkStep];
    QColor fill = accent;
    fill.setAlphaF(0.25);
    p.setBrush(fill);
    p.setPen(QPen(accent, 3));
    p.drawRect(tileRect(st.keyBegin, st.keyEnd).adjusted(-1, -1, 1, 1));
}

void AttentionView::paintLines(QPainter& p, const Geometry& g, const AttentionMatrix& m)
{
    const int n = std::max(m.shownRows() + m.posBegin, m.shownCols());
    const qreal rowH = std::min<qreal>(34, (g.big.height() - 18) / std::max(1, n));
    QFont f = font();
    f.setPointSizeF(std::clamp(rowH * 0.45, 9.0, 15.0));
    const QFontMetrics fm(f);
    const qreal chipW = std::min<qreal>(160, g.big.width() * 0.25);
    const qreal leftX = g.big.left() + chipW, rightX = g.big.right() - chipW;
    auto yOf = [&](int pos) { return g.big.top() + 18 + (pos + 0.5) * rowH; };
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRectF(g.big.left(), g.big.top(), chipW - 4, 16), Qt::AlignRight | Qt::AlignVCenter, tr("query (asks)"));
    p.drawText(QRectF(rightX + 4, g.big.top(), chipW, 16), Qt::AlignLeft | Qt::AlignVCenter, tr("key (is looked at)"));
    p.setFont(f);
    // Lines first, under the labels.
    const QColor accent(0x21, 0x66, 0xac);
    for (int r = 0; r < m.shownRows(); ++r) {
        const int qpos = m.posBegin + r;
        const bool selected = m_queryRow < 0 || m_queryRow == qpos;
        if (!selected && n > 30)
            continue; // with many tokens, only the selected query's lines
        for (int c = 0; c <= std::min(m.shownCols() - 1, qpos); ++c) {
            const float w = m.valueAt(r, c);
            if (w < 0.01f)
                continue;
            QColor col = selected ? accent : palette().color(QPalette::Mid);
            col.setAlphaF(std::clamp(selected ? 0.15 + 0.85 * w : 0.08 + 0.2 * w, 0.0, 1.0));
            p.setPen(QPen(col, selected ? 1 + 14 * w : 1, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(leftX + 6, yOf(qpos)), QPointF(rightX - 6, yOf(c)));
            if (selected && m_queryRow >= 0 && w >= 0.05f && rowH >= fm.height() - 2) {
                p.setPen(palette().color(QPalette::Text));
                p.drawText(QRectF(rightX - 58, yOf(c) - rowH / 2, 50, rowH), Qt::AlignRight | Qt::AlignVCenter,
                    QString::number(double(w), 'f', 2));
            }
        }
    }
    // With many tokens only every k-th is named, plus the selected query and the keys it attends to most.
    const int labelStep = std::max(1, int(std::ceil((fm.height() - 2) / rowH)));
    const int selectedRow = m_queryRow - m.posBegin;
    for (int pos = 0; pos < n; ++pos) {
        const bool isQuery = pos >= m.posBegin && pos < m.posBegin + m.shownRows();
        const bool strongKey = selectedRow >= 0 && selectedRow < m.shownRows() && pos < m.shownCols()
            && m.valueAt(selectedRow, pos) >= 0.1f;
        if (pos % labelStep != 0 && pos != m_queryRow && !strongKey)
            continue;
        const QString t = fm.elidedText(tokenLabel(pos), Qt::ElideRight, int(chipW) - 8);
        if (isQuery) {
            p.setPen(pos == m_queryRow ? palette().color(QPalette::Highlight) : palette().color(QPalette::Text));
            p.drawText(QRectF(g.big.left(), yOf(pos) - fm.height() / 2.0, chipW - 4, fm.height()),
                Qt::AlignRight | Qt::AlignVCenter, t);
        }
        if (pos < m.shownCols()) {
            p.setPen(palette().color(QPalette::Text));
            p.drawText(QRectF(rightX + 4, yOf(pos) - fm.height() / 2.0, chipW - 4, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter, t);
        }
    }
}

void AttentionView::mousePressEvent(QMouseEvent* e)
{
    const QPointF pos = e->position();
    for (int l = 0; l < m_layers; ++l)
        for (int h = 0; h < m_heads; ++h)
            if (gridCellRect(l, h).contains(pos)) {
                setSelectedHead(l, h);
                emit headSelected(l, h);
                return;
            }
    const AttentionMatrix* m = selectedMatrix();
    if (!m)
        return;
    const Geometry g = geometry();
    if (m_mode == Mode::Matrix && g.big.contains(pos)) {
        const int r = int((pos.y() - g.big.top()) / g.cellH);
        setQueryRow(m->posBegin + r);
        emit queryRowSelected(m->posBegin + r);
    } else if (m_mode == Mode::Lines && pos.x() < g.big.left() + g.big.width() / 2) {
        const int n = std::max(m->shownRows() + m->posBegin, m->shownCols());
        const qreal rowH = std::min<qreal>(34, (g.big.height() - 18) / std::max(1, n));
        const int r = int((pos.y() - g.big.top() - 18) / rowH);
        if (r >= m->posBegin && r < m->posBegin + m->shownRows()) {
            setQueryRow(r);
            emit queryRowSelected(r);
        }
    }
}

void AttentionView::contextMenuEvent(QContextMenuEvent* e)
{
    const QPointF pos = e->pos();
    for (int l = 0; l < m_layers; ++l)
        for (int h = 0; h < m_heads; ++h)
            if (gridCellRect(l, h).contains(pos)) {
                emit headContextMenuRequested(l, h, -1, -1, e->globalPos());
                return;
            }
    const AttentionMatrix* m = selectedMatrix();
    const Geometry g = geometry();
    if (!m || m_mode != Mode::Matrix || !g.big.contains(pos))
        return;
    const int r = std::min(m->shownRows() - 1, int((pos.y() - g.big.top()) / g.cellH));
    const int c = std::min(m->shownCols() - 1, int((pos.x() - g.big.left()) / g.cellW));
    const bool visible = c <= m->posBegin + r && !isMasked(*m, r, c);
    emit headContextMenuRequested(m->layer, m->head, visible ? m->posBegin + r : -1, visible ? c : -1, e->globalPos());
}

void AttentionView::mouseMoveEvent(QMouseEvent* e)
{
    const AttentionMatrix* m = selectedMatrix();
    const Geometry g = geometry();
    const QPointF pos = e->position();
    int r = -1, c = -1;
    if (m && m_mode == Mode::Matrix && g.big.contains(pos)) {
        r = std::min(m->shownRows() - 1, int((pos.y() - g.big.top()) / g.cellH));
        c = std::min(m->shownCols() - 1, int((pos.x() - g.big.left()) / g.cellW));
        const bool future = c > m->posBegin + r;
        const bool outside = !future && isMasked(*m, r, c);
        setToolTip(tr("query %1 (%2) → key %3 (%4)\nattention %5%6")
                       .arg(m->posBegin + r)
                       .arg(tokenLabel(m->posBegin + r))
                       .arg(c)
                       .arg(tokenLabel(c))
                       .arg(m->downsampled() ? tr("≈ %1 (largest in this block; the exact values are on their way)")
                                                   .arg(double(m->valueAt(r, c)), 0, 'g', 3)
                                             : QString::number(double(m->at(r, c)), 'g', 6))
                       .arg(future       ? tr(" (masked: a token cannot see the future)")
                               : outside ? tr(" (masked: outside the sliding window of %1)").arg(windowOf(m->layer))
                                         : QString()));
    } else {
        for (int l = 0; l < m_layers && r < 0; ++l)
            for (int h = 0; h < m_heads; ++h)
                if (gridCellRect(l, h).contains(pos)) {
                    setToolTip(indexOf(l, h) >= 0 ? tr("layer %1 · head %2 (click to enlarge)").arg(l).arg(h)
                                                  : tr("layer %1 · head %2: not computed yet").arg(l).arg(h));
                    r = -2;
                    break;
                }
        if (r == -1)
            setToolTip({});
        r = -1;
    }
    if (r != m_hoverRow || c != m_hoverCol) {
        m_hoverRow = r;
        m_hoverCol = c;
        update();
    }
}

} // namespace ui

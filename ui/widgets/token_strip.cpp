#include "ui/widgets/token_strip.h"

#include "ui/widgets/presentation_mode.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace ui {

namespace {
    constexpr int kGap = 4;
    constexpr int kPad = 7;
}

TokenStrip::TokenStrip(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    QSizePolicy sp(QSizePolicy::Preferred, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
}

void TokenStrip::setTokens(const TokenList& tokens)
{
    m_tokens = tokens;
    if (m_selected >= m_tokens.size())
        m_selected = -1;
    m_naturalWidths.clear();
    m_layoutWidth = -1;
    m_hfwWidth = -1;
    updateGeometry();
    update();
}

const QVector<int>& TokenStrip::naturalWidths() const
{
    if (m_naturalWidths.size() == m_tokens.size())
        return m_naturalWidths;
    const QFontMetrics fm(font());
    const QFontMetrics sm(PresentationMode::secondaryFont(font(), 0.8));
    // Measured generously: glyphs like "␣" may come from a wider fallback font.
    auto piece
        = [](const QFontMetrics& m, const QString& t) { return m.boundingRect(t).width() + m.averageCharWidth(); };
    m_naturalWidths.clear();
    m_naturalWidths.reserve(m_tokens.size());
    for (const TokenInfo& t : m_tokens)
        m_naturalWidths.push_back(
            std::max(m_pieceWidths.of(t.visibleText(), fm, piece), m_idWidths.advance(QString::number(t.id), sm))
            + 2 * kPad);
    return m_naturalWidths;
}

const QVector<QRect>& TokenStrip::rects() const
{
    if (m_layoutWidth != width()) {
        m_rects = layoutFor(width());
        m_layoutWidth = width();
    }
    return m_rects;
}

void TokenStrip::setTokens(const QStringList& texts)
{
    TokenList list;
    for (int i = 0; i < texts.size(); ++i) {
        TokenInfo t;
        t.id = i;
        t.display = t.piece = texts[i];
        t.bytes = texts[i].toUtf8();
        list.push_back(t);
    }
    setTokens(list);
}

void TokenStrip::setSelected(int position)
{
    // Only the two chips that change are repainted (a long prompt has thousands).
    update(cellRect(m_selected).adjusted(-3, -3, 3, 3));
    m_selected = position;
    update(cellRect(m_selected).adjusted(-3, -3, 3, 3));
}

void TokenStrip::setPenalised(const QVector<int>& positions)
{
    if (positions == m_penalised)
        return;
    m_penalised = positions;
    const int last = positions.isEmpty() ? -1 : *std::max_element(positions.begin(), positions.end());
    m_penalisedAt = QVector<bool>(std::max(0, last + 1), false);
    for (int p : positions)
        if (p >= 0)
            m_penalisedAt[p] = true;
    update();
}

void TokenStrip::select(int position)
{
    if (position < 0 || position >= m_tokens.size())
        return;
    setSelected(position);
    emit tokenSelected(position);
}

QVector<QRect> TokenStrip::layoutFor(int width) const
{
    QVector<QRect> rects;
    rects.reserve(m_tokens.size());
    const QFontMetrics fm(font());
    const QFontMetrics sm(PresentationMode::secondaryFont(font(), 0.8));
    const int h = fm.height() + sm.height() + 8;
    int x = 0, y = 0;
    for (const int natural : naturalWidths()) {
        const int w = std::min(natural, std::max(60, width));
        if (x > 0 && x + w > width) {
            x = 0;
            y += h + kGap;
        }
        rects.push_back(QRect(x, y, w, h));
        x += w + kGap;
    }
    return rects;
}

int TokenStrip::heightForWidth(int width) const
{
    if (width != m_hfwWidth) {
        const QVector<QRect> rects = width == m_layoutWidth ? m_rects : layoutFor(width);
        m_hfwHeight = rects.isEmpty() ? minimumSizeHint().height() : rects.back().bottom() + 2;
        m_hfwWidth = width;
    }
    return m_hfwHeight;
}

QSize TokenStrip::sizeHint() const { return { 400, heightForWidth(400) }; }

QRect TokenStrip::cellRect(int position) const
{
    return position >= 0 && position < rects().size() ? rects()[position] : QRect();
}

int TokenStrip::indexAt(QPoint p) const
{
    for (int i = 0; i < rects().size(); ++i)
        if (rects()[i].contains(p))
            return i;
    return -1;
}

void TokenStrip::resizeEvent(QResizeEvent*) { m_layoutWidth = -1; }

void TokenStrip::changeEvent(QEvent* e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange) { // every chip is measured again in the new font
        m_pieceWidths.clear();
        m_idWidths.clear();
        m_naturalWidths.clear();
        m_layoutWidth = -1;
        m_hfwWidth = -1;
        updateGeometry();
    }
}

void TokenStrip::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_tokens.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, tr("Tokens appear here once the prompt is tokenized."));
        return;
    }
    rects();
    const QFontMetrics fm(font());
    const QFont small = PresentationMode::secondaryFont(font(), 0.8);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    // Alternating soft hues so neighbouring tokens are easy to tell apart.
    const QColor hues[]
        = { QColor(0x4e, 0x79, 0xa7), QColor(0x59, 0xa1, 0x4f), QColor(0x9c, 0x75, 0x5f), QColor(0x76, 0xb7, 0xb2) };
    // Only the chips in the exposed area: rows are laid out top to bottom, so start at the first chip whose row
    // reaches the area and stop at the first one below it.
    const QRect exposed = event->rect();
    const auto first = std::lower_bound(
        m_rects.begin(), m_rects.end(), exposed.top(), [](const QRect& r, int top) { return r.bottom() + kGap < top; });
    for (int i = int(first - m_rects.begin()); i < m_tokens.size() && i < m_rects.size(); ++i) {
        if (m_rects[i].top() > exposed.bottom())
            break;
        const TokenInfo& t = m_tokens[i];
        const QRectF r = QRectF(m_rects[i]).adjusted(0.5, 0.5, -0.5, -0.5);
        QColor fill = hues[i % 4];
        fill.setAlpha(dark ? 90 : 45);
        QPen border(hues[i % 4], 1);
        if (t.special) {
            // Okabe–Ito reddish purple: apart from the ordinary chips and from the (orange) selection.
            fill = QColor(0xcc, 0x79, 0xa7, dark ? 110 : 60);
            border = QPen(QColor(0xcc, 0x79, 0xa7).darker(dark ? 100 : 130), 2, Qt::DashLine);
        }
        if (t.generated()) // Okabe–Ito bluish green: the model wrote this one
            border = QPen(QColor(0x00, 0x9e, 0x73), 2);
        if (i == m_selected) {
            fill = palette().color(QPalette::Highlight);
            border = QPen(palette().color(QPalette::Highlight).darker(130), 2);
        }
        p.setPen(border);
        p.setBrush(fill);
        p.drawRoundedRect(r, 5, 5);
        const QColor text
            = i == m_selected ? palette().color(QPalette::HighlightedText) : palette().color(QPalette::Text);
        p.setPen(text);
        p.setFont(font());
        p.drawText(r.adjusted(2, 3, -2, 0), Qt::AlignHCenter | Qt::AlignTop, t.visibleText());
        p.setFont(small);
        QColor idColor = text;
        idColor.setAlpha(170);
        p.setPen(idColor);
        p.drawText(r.adjusted(2, 0, -2, -3), Qt::AlignHCenter | Qt::AlignBottom, QString::number(t.id));
        if (isPenalised(i)) {
            // Okabe–Ito vermilion bar under the chip: this token's logit is penalised at the next step.
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xd5, 0x5e, 0x00));
            p.drawRoundedRect(QRectF(r.left() + 3, r.bottom() - 3.5, r.width() - 6, 3.5), 1.5, 1.5);
        }
    }
    if (hasFocus() && m_selected >= 0 && m_selected < m_rects.size()) {
        p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(m_rects[m_selected]).adjusted(-2, -2, 2, 2), 6, 6);
    }
}

bool TokenStrip::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const int i = indexAt(he->pos());
        if (i >= 0) {
            const TokenInfo& t = m_tokens[i];
            QString tip = t.toolTip(i);
            if (t.generated())
                tip += tr("\nappended by decode pass %1").arg(t.decodeStep);
            if (isPenalised(i))
                tip += tr(
                    "\ninside the repetition-penalty window: its logit is penalised when the next token is sampled");
            QToolTip::showText(he->globalPos(), tip, this, m_rects[i]);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

void TokenStrip::mousePressEvent(QMouseEvent* e)
{
    const int i = indexAt(e->position().toPoint());
    if (i >= 0)
        select(i);
}

void TokenStrip::keyPressEvent(QKeyEvent* e)
{
    if (m_tokens.isEmpty())
        return QWidget::keyPressEvent(e);
    switch (e->key()) {
    case Qt::Key_Left:
        select(std::max(0, m_selected - 1));
        break;
    case Qt::Key_Right:
        select(std::min(int(m_tokens.size()) - 1, m_selected + 1));
        break;
    case Qt::Key_Home:
        select(0);
        break;
    case Qt::Key_End:
        select(int(m_tokens.size()) - 1);
        break;
    default:
        QWidget::keyPressEvent(e);
    }
}

} // namespace ui

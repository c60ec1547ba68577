#pragma once
// The context's tokens as chips that wrap over lines: the piece (whitespace made visible) above, the id below.
// Special tokens are drawn apart (dashed purple border), tokens appended by decode passes with a solid green
// border, and tokens inside the sampler's repetition-penalty window with a vermilion underline bar. Hover shows
// id, bytes and piece; clicking (or the arrow keys) selects a position, which every view then highlights.
#include "ui/session/token_info.h"
#include "ui/widgets/text_widths.h"

#include <QWidget>

namespace ui {

class TokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit TokenStrip(QWidget* parent = nullptr);

    void setTokens(const TokenList& tokens);
    void setTokens(const QStringList& texts); // plain pieces with ids 0..n-1 (tests, previews)
    const TokenList& tokens() const { return m_tokens; }
    void setSelected(int position); // -1 = none; does not emit
    // Positions whose logits the repetition / presence / frequency penalties act on (the penalty window).
    void setPenalised(const QVector<int>& positions);
    const QVector<int>& penalised() const { return m_penalised; }
    bool isPenalised(int position) const
    {
        return position >= 0 && position < m_penalisedAt.size() && m_penalisedAt[position];
    }
    int selected() const { return m_selected; }
    QRect cellRect(int position) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return { 120, 44 }; }

signals:
    void tokenSelected(int position);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void changeEvent(QEvent*) override;
    bool event(QEvent*) override;

private:
    QVector<QRect> layoutFor(int width) const;
    // Each chip's width before the strip's width caps it, measured once per token list and font: layouts for
    // another width (heightForWidth, resizing) are then arithmetic, not 4096 texts shaped again.
    const QVector<int>& naturalWidths() const;
    int indexAt(QPoint p) const;
    void select(int position);

    TokenList m_tokens;
    const QVector<QRect>& rects() const; // laid out for the current width (hidden widgets get no resize events)
    mutable QVector<QRect> m_rects;
    mutable int m_layoutWidth = -1;
    // heightForWidth is asked often by layouts: the last answer is kept (a 4096-token layout measures 4096 texts).
    mutable int m_hfwWidth = -1;
    mutable int m_hfwHeight = 0;
    mutable QVector<int> m_naturalWidths;
    mutable TextWidths m_pieceWidths; // by visible text: a long prompt repeats its pieces
    mutable TextWidths m_idWidths;
    int m_selected = -1;
    QVector<int> m_penalised;
    QVector<bool> m_penalisedAt; // by position: painting asks once per chip (contexts of thousands of tokens)
};

} // namespace ui

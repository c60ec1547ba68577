#pragma once
// Attention probabilities. Left: every layer × head as a small matrix (the whole model at a glance; heads not yet
// computed are empty). Right: the selected head large, queries down, keys across, tokens on both axes, the causal
// mask hatched, the selected query row outlined, values in the cells when there is room — or, in lines mode,
// the tokens on two sides joined by lines whose weight is the attention (for a projector).
#include "ui/session/step_snapshot.h"

#include <QImage>
#include <QStringList>
#include <QWidget>

namespace ui {

class AttentionView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Matrix, Lines };
    explicit AttentionView(QWidget* parent = nullptr);

    // A probability as a cell shows it: two decimals without the leading zero (".42"), "1.00" for what rounds to 1.
    static QString cellText(float probability);

    void setModelShape(int layers, int heads);
    // Per layer: the sliding window (0: the layer attends globally). Keys outside it are hatched like the future,
    // and the grid labels the layers local / global when the model mixes them.
    void setLayerWindows(const QVector<int>& windows);
    void setMatrices(const QVector<AttentionMatrix>& matrices); // thumbnails of every head that ran
    // One head in full (exact values on hover); drawn from an image of at most kImageSide on each side.
    // `preview`: its attentionPreview when the matrix is large (made on the worker thread; made here if absent).
    void setFocusMatrix(const AttentionMatrix& matrix, const AttentionMatrix& preview = {});
    static constexpr int kImageSide = kAttentionPreviewSide;
    // FlashAttention walked over the selected head: the query block and the key tile of step `step` lit.
    void setFlashWalk(const FlashWalkInfo& walk, int step);
    void clearFlashWalk();
    void setTokens(const QStringList& tokens);
    void setSelectedHead(int layer, int head);
    void setQueryRow(int row); // -1 = none
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    int selectedLayer() const { return m_layer; }
    int selectedHead() const { return m_head; }
    int queryRow() const { return m_queryRow; }
    const AttentionMatrix* selectedMatrix() const;
    const QStringList& tokens() const { return m_tokens; }

    QRectF gridCellRect(int layer, int head) const;
    QRectF matrixCellRect(int row, int col) const;

    QSize sizeHint() const override { return { 900, 500 }; }
    QSize minimumSizeHint() const override { return { 400, 260 }; }

signals:
    void headSelected(int layer, int head);
    void queryRowSelected(int row);
    // Right-click on a head of the grid (query = key = -1) or on a cell of the selected head's matrix (ui/interventions
    // offers to ablate the head or knock out that edge).
    void headContextMenuRequested(int layer, int head, int query, int key, const QPoint& globalPos);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void contextMenuEvent(QContextMenuEvent*) override;
    void changeEvent(QEvent*) override;

private:
    struct Geometry {
        QRectF grid; // the small-multiples area
        qreal cell = 0; // side of one small matrix
        QRectF big; // the selected head's matrix (cells) or the lines area
        qreal cellW = 0;
        qreal cellH = 0;
    };
    Geometry geometry() const;
    int indexOf(int layer, int head) const;
    QImage imageOf(const AttentionMatrix& m) const;
    void paintGrid(class QPainter& p, const Geometry& g);
    void paintMatrix(class QPainter& p, const Geometry& g, const AttentionMatrix& m);
    void paintLines(class QPainter& p, const Geometry& g, const AttentionMatrix& m);
    void paintFlashTile(class QPainter& p, const Geometry& g, const AttentionMatrix& m);
    QString tokenLabel(int position) const;
    // Whether key `col` is hidden from query row `row` of m: the future, or outside the layer's sliding window.
    bool isMasked(const AttentionMatrix& m, int row, int col) const;
    int windowOf(int layer) const;
    bool mixesWindows() const; // some layers local, some global

    int m_layers = 0;
    int m_heads = 0;
    QVector<int> m_windows; // per layer, 0 = global
    QVector<AttentionMatrix> m_matrices;
    QVector<QImage> m_images;
    AttentionMatrix m_focus;
    QImage m_focusImage;
    FlashWalkInfo m_walk;
    int m_walkStep = -1;
    QStringList m_tokens;
    int m_widestToken = 0; // horizontal advance of the widest of m_tokens in the view's font
    int m_layer = 0;
    int m_head = 0;
    int m_queryRow = -1;
    Mode m_mode = Mode::Matrix;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
};

} // namespace ui

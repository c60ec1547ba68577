#pragma once
// The model's architecture drawn from its execution plan (no second, hand-drawn picture): tokens → embedding →
// positions → blocks → final norm → LM head → softmax. The block holding the current op is expanded into its ops,
// its attention heads side by side (scores, mask, softmax, ·V) and the residual skips; the others are one box each
// with a progress bar. The output shape of each op is written on the edge below it. The current op is lit, executed
// ops are marked, and clicking any box jumps there.
#include "ui/session/model_info.h"

#include <QSet>
#include <QWidget>

namespace ui {

class ArchitectureDiagram : public QWidget {
    Q_OBJECT
public:
    explicit ArchitectureDiagram(QWidget* parent = nullptr);

    void setPlan(const QVector<PlanNodeInfo>& plan, int layers, int heads);
    void setCursor(int nodeIndex); // last executed node (-1 = none)
    void setExtents(int positions, int context); // T and ctx, written into the shapes (0 = unknown)
    void setExpandedLayer(int layer);
    int expandedLayer() const { return m_expanded; }
    int cursor() const { return m_cursor; }
    // Plan nodes an intervention changes (ui/interventions): struck through in red; a collapsed block holding
    // any of them is marked.
    void setStruckNodes(const QSet<int>& nodes);
    const QSet<int>& struckNodes() const { return m_struck; }
    // Where node `nodeIndex` is drawn (its block's box when that block is collapsed).
    QRectF nodeRect(int nodeIndex) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override { return { 300, heightForWidth(300) }; }
    QSize minimumSizeHint() const override { return { 220, 200 }; }

signals:
    void nodeClicked(int nodeIndex);
    void currentRectChanged(const QRect& rect); // so a scroll area can keep the lit op in view
    void nodeContextMenuRequested(int nodeIndex, const QPoint& globalPos); // right-click on an op

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void contextMenuEvent(QContextMenuEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    bool event(QEvent*) override;

private:
    enum class ItemType { Source, Op, Block, BlockFrame, HeadOp, HeadTitle };
    struct Item {
        ItemType type = ItemType::Op;
        QRectF rect;
        int first = -1; // plan nodes [first, last] this item stands for
        int last = -1;
        QString text;
        QString shape; // output shape, drawn below the item (empty: no edge text)
        bool edgeBelow = false;
    };
    struct Skip {
        qreal top;
        qreal bottom;
        qreal x;
    };
    QVector<Item> layoutFor(int width, QVector<Skip>* skips = nullptr) const;
    void relayout();
    QString shapeText(const QString& spec) const;
    int itemAt(QPointF p) const;
    void paintStrike(class QPainter& p, const Item& it) const;

    QVector<PlanNodeInfo> m_plan;
    int m_layers = 0;
    int m_heads = 0;
    int m_cursor = -1;
    int m_expanded = 0;
    int m_positions = 0;
    int m_context = 0;
    QVector<Item> m_items;
    QVector<Skip> m_skips;
    QSet<int> m_struck;
};

} // namespace ui

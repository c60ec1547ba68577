#pragma once
// The KV cache, per layer: the K and V rows of every stored position (the first columns of each row, coloured by
// value), prompt rows (written at once by the prefill) and decode rows (one per generated token), the newest row
// lit, the reserved but empty rows outlined, and the bytes used.
#include "ui/decoding/decoding_snapshot.h"

#include <QImage>
#include <QWidget>

namespace ui {

class KvCacheView : public QWidget {
    Q_OBJECT
public:
    explicit KvCacheView(QWidget* parent = nullptr);
    void setSnapshot(const KvCacheSnapshot& cache, int promptLength);
    const KvCacheSnapshot& snapshot() const { return m_cache; }
    // Where row `position` of layer `layer` is drawn (K block if `values` is false); empty if not shown.
    QRect rowRect(int layer, bool values, int position) const;
    // The layer and K / V labels above the blocks, as painted (never overlapping, however many layers).
    struct Label {
        QRect rect;
        QString text;
    };
    QVector<Label> labels() const;
    QSize sizeHint() const override { return { 420, 360 }; }
    QSize minimumSizeHint() const override { return { 200, 160 }; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    struct Geometry {
        QRect area;
        int firstRow = 0; // the first position shown (the last rows when the cache is tall)
        int rows = 0;
        double rowHeight = 0;
        double cellWidth = 0;
        int blockWidth = 0;
        int gap = 0;
    };
    Geometry geometry() const;
    int headerHeight() const;
    int footerHeight() const;
    int leftMargin() const;

    KvCacheSnapshot m_cache;
    int m_promptLength = 0;
    // Per layer, K then V: the stored rows in view coloured one pixel per cell, made once per snapshot (painting
    // filled every cell as a rectangle, ~100k of them for 12 layers, on each repaint during a generation).
    QVector<QImage> m_blocks;
};

} // namespace ui

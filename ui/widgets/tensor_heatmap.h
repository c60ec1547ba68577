#pragma once
// A tensor as a heatmap: rows = tokens, columns = features, a diverging colour map centred at zero with a colour
// bar. Wheel zooms (around the mouse), drag pans, double-click resets; the value under the mouse is reported and
// the exact numbers are drawn in the cells once they are large enough. A one-row tensor is drawn as bars. The
// tensor is rendered into a QImage (one pixel per cell) once per change and scaled when painted; a big one (a long
// prompt's (T, T) scores) from its preview made on the worker thread, and only the cells in view exactly once the
// zoom shows them larger than the preview's blocks.
#include "ui/session/step_snapshot.h"

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace ui {

class TensorHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit TensorHeatmap(QWidget* parent = nullptr);

    // `preview`: the values downsampled to their signed extremes (tensorPreview), or empty to colour every value.
    void setTensor(int rows, int cols, const QVector<float>& values, const QStringList& rowLabels = {},
        const TensorPreview& preview = {});
    void clear();
    // Probabilities (softmax outputs) take the sequential 0…1 map and a 0…1 colour bar, as in the attention view;
    // anything else the diverging map around zero. Set before setTensor().
    void setProbabilityScale(bool probabilities);
    bool probabilityScale() const { return m_probabilities; }
    QRgb colourOf(float value) const; // the colour of a cell holding `value`
    // Names written above some bars of a vector (the most likely next tokens), most important first.
    void setBarLabels(const QVector<QPair<int, QString>>& labels);
    void setSelectedRow(int row); // highlighted (a token chosen elsewhere); -1 = none
    // Rows [first, first + count) outlined in green: the rows this pass wrote into a longer tensor (the new row of
    // the KV cache in a decode step). count 0 = none.
    void setNewRows(int first, int count);
    QPair<int, int> newRows() const { return { m_newFirst, m_newCount }; }
    int selectedRow() const { return m_selectedRow; }
    void setZoom(double zoom); // 1 = fit
    double zoom() const { return m_zoom; }
    void resetView();

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    const QVector<float>& values() const { return m_values; } // rows * cols, row-major (for export)
    const QStringList& rowLabels() const { return m_rowLabels; }
    float absMax() const { return m_absMax; }
    bool showsBars() const { return m_rows == 1; }
    // Where cell (r, c) is drawn, in widget coordinates (for tests and tooltips).
    QRectF cellRect(int r, int c) const;
    QRect plotRect() const;

    QSize sizeHint() const override { return { 640, 360 }; }
    QSize minimumSizeHint() const override { return { 240, 160 }; }

signals:
    void cellHovered(int row, int col, float value); // row = -1 when the mouse leaves the cells
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    void render();
    // The cells in view coloured one pixel each, when the preview's blocks would be drawn larger than a pixel.
    const QImage& exactImage(int r0, int r1, int c0, int c1);
    void clampPan();
    QSizeF cellSize() const;
    bool cellAt(QPointF p, int* r, int* c) const;
    void paintBars(class QPainter& p, const QRect& plot);
    void paintColorBar(class QPainter& p, const QRect& bar);

    int m_rows = 0;
    int m_cols = 0;
    QVector<float> m_values;
    QStringList m_rowLabels;
    QVector<QPair<int, QString>> m_barLabels;
    float m_absMax = 0;
    bool m_probabilities = false;
    QImage m_image; // one pixel per cell, or per block of the preview
    TensorPreview m_preview;
    QImage m_exact; // the cells in view, one pixel each, at a zoom finer than the preview's blocks
    QRect m_exactCells; // x = columns, y = rows
    double m_zoom = 1;
    QPointF m_pan; // pixels the content is shifted up/left
    QPoint m_dragFrom;
    bool m_dragging = false;
    int m_hoverRow = -1;
    int m_hoverCol = -1;
    int m_selectedRow = -1;
    int m_newFirst = 0;
    int m_newCount = 0;
    int m_labelWidth = 0;
};

} // namespace ui

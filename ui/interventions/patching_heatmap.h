#pragma once
// A labelled grid of restored fractions (activation patching): rows are layers, columns are positions or heads.
// Colour: the diverging map with 1 (fully restored) dark red, 0 white, negative blue; cells no pass reached are grey.
// Each cell writes its value when there is room; hovering shows the exact value with its row and column.
#include <QVector>
#include <QWidget>

namespace ui {

class PatchingHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit PatchingHeatmap(QWidget* parent = nullptr);

    // values: rows x cols, row-major; labels name each row and column.
    void setGrid(
        int rows, int cols, const QVector<double>& values, const QStringList& rowLabels, const QStringList& colLabels);
    void setTitle(const QString& title);
    void clear();

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    const QVector<double>& values() const { return m_values; }
    const QStringList& rowLabels() const { return m_rowLabels; }
    const QStringList& colLabels() const { return m_colLabels; }
    double valueAt(int row, int col) const { return m_values.value(row * m_cols + col); }
    QRect cellRect(int row, int col) const;
    // The (row, col) under `p`, or (-1, -1).
    QPoint cellAt(QPoint p) const;
    // What hovering a cell shows: "blk.1 · ␣France: 0.873 of the clean logit difference restored".
    QString cellText(int row, int col) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return { 200, 120 }; }

signals:
    void cellHovered(int row, int col); // (-1, -1) when the mouse leaves the grid

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    bool event(QEvent*) override;

private:
    QRect gridRect() const;
    int labelWidth() const;

    QString m_title;
    int m_rows = 0;
    int m_cols = 0;
    QVector<double> m_values;
    QStringList m_rowLabels;
    QStringList m_colLabels;
    QPoint m_hover { -1, -1 };
};

} // namespace ui

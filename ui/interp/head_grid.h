#pragma once
// Every head as a cell of a layers × heads grid (rows L0, L1, …; columns H0, H1, …, as the attribution names them),
// coloured by one detector score (HeadScoreModel's columns): scores in [0, 1] on the sequential map, the signed
// ablation effect on the diverging one. Clicking a cell selects the head.
#include "ui/interp/interp_snapshot.h"

#include <QWidget>

namespace ui {

class HeadGrid : public QWidget {
    Q_OBJECT
public:
    explicit HeadGrid(QWidget* parent = nullptr);

    void setHeads(const HeadsSnapshot& heads);
    void setScore(int column); // a HeadScoreModel::Column from Sink to Ablation
    int score() const { return m_column; }
    void setSelectedHead(int layer, int head);
    QRect cellRect(int layer, int head) const;
    QRgb cellColor(int layer, int head) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void headClicked(int layer, int head);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;

private:
    int cellSide() const;
    int leftMargin() const;
    int topMargin() const;
    double absMax() const; // of the chosen score over all heads (the diverging map's scale)

    HeadsSnapshot m_heads;
    int m_column = 2; // HeadScoreModel::Sink
    int m_layer = -1;
    int m_head = -1;
};

} // namespace ui

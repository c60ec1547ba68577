#pragma once
// The recorded beam-search tree, growing step by step from the prompt on the left: one column per step, a node per
// candidate with its token, the edge labelled with log p(token | parent); a parent is level with its most likely
// child, so the prompt node heads the best path at the top left. Kept beams are green and solid, pruned
// candidates grey and dashed, finished hypotheses gold (with their rank), dropped ones struck. Hovering a node shows
// its cumulative log-probability and score.
#include "ui/decoding/decoding_snapshot.h"

#include <QHash>
#include <QWidget>

namespace ui {

class BeamTreeView : public QWidget {
    Q_OBJECT
public:
    explicit BeamTreeView(QWidget* parent = nullptr);
    void setSnapshot(const BeamSnapshot& snapshot);
    const BeamSnapshot& snapshot() const { return m_snapshot; }

    int rootNode() const; // the prompt node
    int nodeCount() const { return int(m_rects.size()); } // nodes laid out (= the recorded tree's nodes)
    QRect nodeRect(int id) const; // in widget coordinates (the drawing is scaled to fit)
    double scale() const;
    int nodeAt(const QPoint& p) const;
    QString nodeToolTip(int id) const;
    QSize sizeHint() const override { return m_size; }
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent*) override;
    void changeEvent(QEvent*) override;

private:
    void layoutTree();
    double unit() const; // layout sizes per pixel of the 100% font

    BeamSnapshot m_snapshot;
    QHash<int, QRect> m_rects; // unscaled layout
    QHash<int, int> m_hypothesisRank; // node -> rank in the finished set
    QSize m_size { 400, 200 };
};

} // namespace ui

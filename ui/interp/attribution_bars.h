#pragma once
// Direct logit attribution as horizontal bars: first the total (the logit), then one bar per part (the embedding,
// every head, every MLP, the biases), largest magnitude first, from a zero line (positive to the right in red,
// negative to the left in blue). Clicking a part's bar (or Enter on the selected one) asks the stepper to go
// to the op that wrote it.
#include "ui/interp/interp_snapshot.h"

#include <QWidget>

namespace ui {

class AttributionBars : public QWidget {
    Q_OBJECT
public:
    explicit AttributionBars(QWidget* parent = nullptr);

    void setAttribution(const AttributionSnapshot& attribution);
    const AttributionSnapshot& attribution() const { return m_attribution; }
    // The parts in the order drawn (largest |value| first).
    const QVector<AttributionSnapshot::Part>& sortedParts() const { return m_sorted; }
    QRect barRowRect(int row) const; // of sortedParts()[row]; row -1 is the total
    static QString partLabel(const AttributionSnapshot::Part& part); // "L1 H2", "L0 MLP", "embedding", ...
    int selectedRow() const { return m_selected; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void partClicked(const ui::AttributionSnapshot::Part& part);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;

private:
    int rowHeight() const;
    int labelWidth() const;
    int valueWidth() const;
    void select(int row, bool activate);

    AttributionSnapshot m_attribution;
    QVector<AttributionSnapshot::Part> m_sorted;
    int m_selected = -1;
};

} // namespace ui

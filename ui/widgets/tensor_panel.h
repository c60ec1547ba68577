#pragma once
// The current op's output: a header with its name, shape and min / max / mean / std, the heatmap (or bars), the
// value under the mouse, and after the output softmax the most likely next tokens. For QK-norm and soft-cap, which
// rewrite their tensor in place, the tensor before the op too: its statistics beside the output's, and a check box
// (Alt+B) that puts it in the heatmap.
#include "ui/session/step_snapshot.h"

#include <QWidget>

class QCheckBox;
class QLabel;

namespace ui {

class QuantBlockPanel;
class TensorHeatmap;

class TensorPanel : public QWidget {
    Q_OBJECT
public:
    explicit TensorPanel(QWidget* parent = nullptr);

    void setStep(const StepSnapshot& step, const QStringList& tokens);
    void setSelectedPosition(int position);
    TensorHeatmap* heatmap() const { return m_heatmap; }
    QuantBlockPanel* blockPanel() const { return m_blocks; } // the op's weight, when stored in quantized blocks
    QString headerText() const;
    QString beforeText() const; // "" unless the op has a before
    QCheckBox* showBeforeBox() const { return m_showBefore; }

signals:
    void positionClicked(int position);

private:
    void showTensor();

    StepSnapshot m_step;
    QLabel* m_before = nullptr;
    QCheckBox* m_showBefore = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_hover = nullptr;
    QLabel* m_predictions = nullptr;
    TensorHeatmap* m_heatmap = nullptr;
    QuantBlockPanel* m_blocks = nullptr;
    int m_posBegin = 0;
    int m_rowsArePositions = true;
    QStringList m_rowLabels;
};

} // namespace ui

#pragma once
// The current op's output: a header with its name, shape and min / max / mean / std, the heatmap (or bars), the
// value under the mouse, and after the output softmax the most likely next tokens.
#include "ui/session/step_snapshot.h"

#include <QWidget>

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

signals:
    void positionClicked(int position);

private:
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

#pragma once
// Activation patching in the window: two prompts of the same length (clean / corrupted), the token whose logit
// (minus another's) is the metric, one click to run it on the engine thread (progress; Cancel or Esc stops it and
// keeps what ran), then two heatmaps of the fraction of the clean logit difference each patch restores: the
// residual stream entering each block at each position, and each head's output (core/analysis/activation_patching.h).
#include "ui/interventions/intervention_snapshot.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class InterventionController;
class PatchingHeatmap;
struct PatchingRequest;

class PatchingView : public QWidget {
    Q_OBJECT
public:
    explicit PatchingView(InterventionController* controller, QWidget* parent = nullptr);

    PatchingRequest request() const;
    void setRequest(const PatchingRequest& request);
    void run(); // what the Run button does
    PatchingHeatmap* residualMap() const { return m_residual; }
    PatchingHeatmap* headMap() const { return m_heads; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QString summaryText() const;

private:
    void showResult(const PatchingSnapshot& s);
    void setRunning(bool running);

    InterventionController* m_controller;
    QLineEdit* m_clean;
    QLineEdit* m_corrupted;
    QLineEdit* m_target;
    QLineEdit* m_minus;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_bar;
    QLabel* m_summary;
    QLabel* m_hover;
    PatchingHeatmap* m_residual;
    PatchingHeatmap* m_heads;
    bool m_running = false;
};

} // namespace ui

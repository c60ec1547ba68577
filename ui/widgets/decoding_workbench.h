#pragma once
// The decoding half of the explorer window: one DecodingController following the window's session (its model and
// prompt), and three views added as tabs — the sampling lab, the generation view (with the KV cache and metrics)
// and the beam search tree — plus the F11 (step token) and Shift+F11 (step back) shortcuts on the window.
#include "ui/widgets/view_names.h"

#include <QObject>

#include <functional>

class QAction;
class QTabWidget;
class QWidget;

namespace ui {

class BeamPanel;
class ComparisonView;
class MetricsView;
class DecodingController;
class DecodingGenerationView;
class SamplingLab;
class SessionController;

class DecodingWorkbench : public QObject {
    Q_OBJECT
public:
    // Adds the tabs to `tabs` and the shortcuts to `window`; follows `session` when given.
    DecodingWorkbench(QWidget* window, QTabWidget* tabs, SessionController* session);

    DecodingController* controller() const { return m_controller; }
    SamplingLab* samplingLab() const { return m_lab; }
    DecodingGenerationView* generationView() const { return m_generation; }
    BeamPanel* beamPanel() const { return m_beam; }
    ComparisonView* comparisonView() const { return m_compare; }
    MetricsView* metricsView() const { return m_metrics; }
    // Step token (F11), Step back a token (Shift+F11), Generate to a stop (Ctrl+F11): for the Run menu and F1.
    QList<QAction*> tokenActions() const { return m_tokenActions; }
    // Brings a decoding view (ViewSide::Decoding in view_names.h) to the front; `settings` ("temperature=0.8,top_k=6")
    // also moves the sampling lab's controls. False for a stepper view or settings the lab does not take.
    bool showView(View view, const QString& settings = {});
    bool showView(const QString& name); // a table name, "sampling:temperature=0.8" included
    QWidget* viewWidget(View view) const; // the widget that shows a decoding view; nullptr for a stepper view
    std::optional<View> viewOfTab(const QWidget* tab) const; // the decoding view a tab page shows
    // For screenshots: shows `name`, runs what it needs (generation to a stop, a beam search to the end) and calls
    // `ready` once the view has its numbers. False for a name that is not a decoding view.
    bool prepareView(const QString& name, std::function<void()> ready);

private:
    void whenPromptReady(std::function<void()> then);

    QTabWidget* m_tabs;
    DecodingController* m_controller;
    SamplingLab* m_lab;
    DecodingGenerationView* m_generation;
    BeamPanel* m_beam;
    ComparisonView* m_compare;
    MetricsView* m_metrics;
    QList<QAction*> m_tokenActions;
};

} // namespace ui

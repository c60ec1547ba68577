#pragma once
// The interventions' tabs, until they join the interpretability workbench: the intervention list editor beside a
// Before / after tab and an Activation patching tab. It owns the InterventionController; the window asks it for
// the context-menu actions of the diagram and the attention grid, the nodes the diagram strikes through, and the
// status-line label.
#include "ui/session/model_info.h"
#include "ui/widgets/view_names.h"

#include "core/exec/intervention.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QMenu;
class QTabWidget;

namespace ui {

class BeforeAfterView;
class InterventionController;
class InterventionListEditor;
class PatchingView;
class SessionController;

class InterventionWorkbench : public QWidget {
    Q_OBJECT
public:
    explicit InterventionWorkbench(SessionController* session, QWidget* parent = nullptr);

    InterventionController* controller() const { return m_controller; }
    InterventionListEditor* editor() const { return m_editor; }
    BeforeAfterView* beforeAfterView() const { return m_beforeAfter; }
    PatchingView* patchingView() const { return m_patching; }
    QLabel* statusLabel() const { return m_status; } // for the window's status line: the active list

    // The views of ViewSide::Interventions (view_names.h).
    bool showView(View view);
    QWidget* viewWidget(View view) const;
    std::optional<View> currentView() const;
    // Shows `view` and runs what it shows (the comparison, the patching); `done` once the answer is on screen.
    bool prepareView(View view, std::function<void()> done);

    // Context-menu entries: for a plan node of the diagram (its head, attention sub-layer or MLP), and for a head
    // of the attention grid (query, key >= 0: also the knockout of that edge).
    void addNodeActions(QMenu* menu, const PlanNodeInfo& node);
    void addHeadActions(QMenu* menu, int layer, int head, int query = -1, int key = -1);
    // The plan nodes the list changes, for the diagram: a head's ops, the sub-layer's ops, the knocked-out mask.
    QSet<int> struckNodes(const QVector<PlanNodeInfo>& plan) const;

    // The explanation page of the view in front ("interventions", "activation_patching").
    QString topic() const;

signals:
    void currentViewChanged();

private:
    void addToggle(QMenu* menu, const QString& text, const core::Intervention& i);
    void updateStatus();

    InterventionController* m_controller;
    InterventionListEditor* m_editor;
    QTabWidget* m_tabs;
    BeforeAfterView* m_beforeAfter;
    PatchingView* m_patching;
    QLabel* m_status;
};

} // namespace ui

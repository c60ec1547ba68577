// MainWindow's part of the interventions (ui/interventions): the tab, the context menus of the diagram and the
// attention grid that add to the list, the diagram's struck-through parts, and the list in the status line.
#include "ui/widgets/main_window.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/architecture_diagram.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/explanation_panel.h"

#include <QMenu>
#include <QTabWidget>

namespace ui {

void MainWindow::buildInterventions()
{
    m_interventions = new InterventionWorkbench(m_controller, m_tabs);
    m_tabs->addTab(m_interventions, tr("&Interventions"));
    InterventionController* list = m_interventions->controller();
    auto strike = [this] { m_diagram->setStruckNodes(m_interventions->struckNodes(m_controller->model().plan)); };
    connect(list, &InterventionController::listChanged, this, strike);
    // The list is attached to the window's runs: the stepper's next passes and the decoding views' generation. The
    // stepper prepares its prompt again and returns to the op it showed, now with the list applied.
    connect(list, &InterventionController::listChanged, this, [this, list] {
        m_controller->setInterventions(list->list());
        m_decoding->controller()->setInterventions(list->list());
        if (!m_controller->hasPass())
            return;
        const int cursor = m_controller->cursor();
        setPromptText(promptText());
        if (cursor >= 0)
            m_controller->seek(cursor);
    });
    connect(m_controller, &SessionController::modelLoaded, this, strike);
    connect(list, &InterventionController::busyChanged, this, [this] { updateActions(); }); // Esc
    connect(list, &InterventionController::failed, this, &MainWindow::showStatus);

    // The explanation follows the tab: what an intervention is, what patching measures.
    auto explain = [this] {
        if (m_tabs->currentWidget() == m_interventions)
            m_explanation->showTopic(m_interventions->topic());
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, explain);
    connect(m_interventions, &InterventionWorkbench::currentViewChanged, this, explain);

    connect(m_diagram, &ArchitectureDiagram::nodeContextMenuRequested, this, [this](int node, const QPoint& at) {
        const QVector<PlanNodeInfo>& plan = m_controller->model().plan;
        if (node < 0 || node >= plan.size())
            return;
        QMenu menu(this);
        m_interventions->addNodeActions(&menu, plan[node]);
        if (!menu.isEmpty())
            menu.exec(at);
    });
    connect(m_attentionPanel->view(), &AttentionView::headContextMenuRequested, this,
        [this](int layer, int head, int query, int key, const QPoint& at) {
            QMenu menu(this);
            m_interventions->addHeadActions(&menu, layer, head, query, key);
            menu.exec(at);
        });
}

} // namespace ui

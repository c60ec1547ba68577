#include "ui/interventions/intervention_workbench.h"

#include "ui/interventions/before_after_view.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_list_editor.h"
#include "ui/interventions/patching_view.h"
#include "ui/session/session_controller.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>

#include <algorithm>
#include <memory>

namespace ui {

namespace {
    bool isAttentionPart(core::NodePart part)
    {
        switch (part) {
        case core::NodePart::AttnNorm:
        case core::NodePart::QProj:
        case core::NodePart::KProj:
        case core::NodePart::VProj:
        case core::NodePart::RopeQ:
        case core::NodePart::RopeK:
        case core::NodePart::KvStore:
        case core::NodePart::Scores:
        case core::NodePart::Mask:
        case core::NodePart::Softmax:
        case core::NodePart::Mix:
        case core::NodePart::ConcatHeads:
        case core::NodePart::AttnOut:
        case core::NodePart::QNorm:
        case core::NodePart::KNorm:
        case core::NodePart::SlidingMask:
        case core::NodePart::ScoresSoftcap:
            return true;
        default:
            return false;
        }
    }

    bool isMlpPart(core::NodePart part)
    {
        switch (part) {
        case core::NodePart::MlpNorm:
        case core::NodePart::GateProj:
        case core::NodePart::UpProj:
        case core::NodePart::Activation:
        case core::NodePart::DownProj:
            return true;
        default:
            return false;
        }
    }
}

InterventionWorkbench::InterventionWorkbench(SessionController* session, QWidget* parent)
    : QWidget(parent)
    , m_controller(new InterventionController(session, this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_editor = new InterventionListEditor(m_controller, splitter);
    m_tabs = new QTabWidget(splitter);
    m_beforeAfter = new BeforeAfterView(m_controller, m_tabs);
    m_patching = new PatchingView(m_controller, m_tabs);
    m_tabs->addTab(m_beforeAfter, tr("Be&fore / after"));
    m_tabs->addTab(m_patching, tr("Activation patc&hing"));
    splitter->addWidget(m_editor);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 200, 1000 });
    layout->addWidget(splitter);

    m_status = new QLabel(this);
    m_status->setStyleSheet(QStringLiteral("color:#c62828"));
    m_status->hide();
    connect(m_controller, &InterventionController::listChanged, this, &InterventionWorkbench::updateStatus);
    connect(m_tabs, &QTabWidget::currentChanged, this, &InterventionWorkbench::currentViewChanged);
}

QString InterventionWorkbench::topic() const
{
    return currentView() == View::Patching ? QStringLiteral("activation_patching") : QStringLiteral("interventions");
}

void InterventionWorkbench::updateStatus()
{
    const QString list = m_controller->listText();
    m_status->setText(tr("✂ Interventions: %1").arg(list));
    m_status->setToolTip(tr("Every run of this window uses these interventions (Interventions tab)"));
    m_status->setVisible(!list.isEmpty());
}

bool InterventionWorkbench::showView(View view)
{
    // In front of the tab widget that holds this workbench (its page's parent is the tab widget's stack).
    if (QWidget* stack = parentWidget())
        if (auto* holder = qobject_cast<QTabWidget*>(stack->parentWidget()))
            holder->setCurrentWidget(this);
    if (view == View::Interventions)
        m_tabs->setCurrentWidget(m_beforeAfter);
    else if (view == View::Patching)
        m_tabs->setCurrentWidget(m_patching);
    else
        return false;
    return true;
}

QWidget* InterventionWorkbench::viewWidget(View view) const
{
    if (view == View::Interventions)
        return m_beforeAfter;
    if (view == View::Patching)
        return m_patching;
    return nullptr;
}

std::optional<View> InterventionWorkbench::currentView() const
{
    return m_tabs->currentWidget() == m_patching ? View::Patching : View::Interventions;
}

bool InterventionWorkbench::prepareView(View view, std::function<void()> done)
{
    if (!showView(view))
        return false;
    // Answered (or failed) once the controller is idle again.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_controller, &InterventionController::busyChanged, this, [connection, done](bool busy) {
        if (busy)
            return;
        QObject::disconnect(*connection);
        done();
    });
    if (view == View::Patching)
        m_patching->run();
    else
        m_beforeAfter->run();
    if (!m_controller->isBusy()) { // refused before it started (no model, no prompt): the message is on screen
        QObject::disconnect(*connection);
        done();
    }
    return true;
}

void InterventionWorkbench::addToggle(QMenu* menu, const QString& text, const core::Intervention& i)
{
    QAction* a = menu->addAction(text);
    a->setCheckable(true);
    a->setChecked(m_controller->contains(i));
    connect(a, &QAction::triggered, this, [this, i](bool on) {
        if (!on) {
            const auto& list = m_controller->list();
            m_controller->remove(int(std::find(list.begin(), list.end(), i) - list.begin()));
            return;
        }
        QString error;
        if (!m_controller->add(i, &error))
            emit m_controller->failed(error);
    });
}

void InterventionWorkbench::addHeadActions(QMenu* menu, int layer, int head, int query, int key)
{
    addToggle(menu, tr("Zero layer %1 · head %2").arg(layer).arg(head), core::Intervention::zeroHead(layer, head));
    addToggle(
        menu, tr("Mean-ablate layer %1 · head %2").arg(layer).arg(head), core::Intervention::meanHead(layer, head));
    if (query >= 0 && key >= 0)
        addToggle(menu, tr("Knock out: position %1 cannot see %2 (this head)").arg(query).arg(key),
            core::Intervention::knockout(layer, head, query, key));
}

void InterventionWorkbench::addNodeActions(QMenu* menu, const PlanNodeInfo& node)
{
    if (node.layer < 0)
        return;
    if (node.head >= 0)
        addHeadActions(menu, node.layer, node.head);
    if (isAttentionPart(node.part) || node.part == core::NodePart::AttnResidual)
        addToggle(menu, tr("Remove the attention of layer %1").arg(node.layer),
            core::Intervention::ablateAttention(node.layer));
    if (isMlpPart(node.part) || node.part == core::NodePart::MlpResidual)
        addToggle(menu, tr("Remove the MLP of layer %1").arg(node.layer), core::Intervention::ablateMlp(node.layer));
}

QSet<int> InterventionWorkbench::struckNodes(const QVector<PlanNodeInfo>& plan) const
{
    QSet<int> out;
    for (int n = 0; n < plan.size(); ++n) {
        const PlanNodeInfo& node = plan[n];
        for (const core::Intervention& i : m_controller->list()) {
            if (node.layer != i.layer)
                continue;
            switch (i.kind) {
            case core::InterventionKind::ZeroHead:
            case core::InterventionKind::MeanHead:
                if (node.head == i.head && node.part == core::NodePart::Mix)
                    out.insert(n);
                break;
            case core::InterventionKind::KnockoutEdge:
                if (node.head == i.head && node.part == core::NodePart::Mask)
                    out.insert(n);
                break;
            case core::InterventionKind::AblateAttention:
                if (isAttentionPart(node.part))
                    out.insert(n);
                break;
            case core::InterventionKind::AblateMlp:
                if (isMlpPart(node.part))
                    out.insert(n);
                break;
            default:
                break;
            }
        }
    }
    return out;
}

} // namespace ui

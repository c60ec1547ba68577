#include "ui/interventions/intervention_list_editor.h"

#include "ui/interventions/intervention_controller.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>

#include <algorithm>
#include <functional>

namespace ui {

InterventionListEditor::InterventionListEditor(InterventionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("<b>Interventions</b> (every run of the window uses them)"), this);
    title->setWordWrap(true);
    m_spec = new QLineEdit(this);
    m_spec->setPlaceholderText(QStringLiteral("blk.1.head.2"));
    m_spec->setToolTip(tr("blk.L.head.H (zero a head), blk.L.head.H:mean (its mean over the positions), "
                          "blk.L.attn, blk.L.mlp (remove the sub-layer), blk.L.head.H:Q->K (query Q cannot see key K). "
                          "Or right-click the diagram or the attention grid."));
    m_add = new QPushButton(tr("A&dd"), this);
    m_remove = new QPushButton(tr("Remo&ve"), this);
    m_clear = new QPushButton(tr("Clear a&ll"), this);
    m_list = new QListWidget(this);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    layout->addWidget(title, 0, 0, 1, 3);
    layout->addWidget(m_spec, 1, 0, 1, 2);
    layout->addWidget(m_add, 1, 2);
    layout->addWidget(m_list, 2, 0, 1, 3);
    layout->addWidget(m_remove, 3, 1);
    layout->addWidget(m_clear, 3, 2);
    layout->addWidget(m_error, 4, 0, 1, 3);
    layout->setRowStretch(2, 1);

    connect(m_add, &QPushButton::clicked, this, [this] { addSpec(m_spec->text()); });
    connect(m_spec, &QLineEdit::returnPressed, this, [this] { addSpec(m_spec->text()); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QListWidgetItem* item : m_list->selectedItems())
            rows << m_list->row(item);
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (int r : rows)
            m_controller->remove(r);
    });
    auto* del = new QShortcut(QKeySequence::Delete, m_list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, m_remove, &QPushButton::click);
    connect(m_clear, &QPushButton::clicked, m_controller, &InterventionController::clear);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
        [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_controller, &InterventionController::listChanged, this, &InterventionListEditor::refresh);
    refresh();
}

QString InterventionListEditor::describe(const core::Intervention& i)
{
    switch (i.kind) {
    case core::InterventionKind::ZeroHead:
        return tr("layer %1 · head %2 zeroed").arg(i.layer).arg(i.head);
    case core::InterventionKind::MeanHead:
        return tr("layer %1 · head %2 replaced by its mean").arg(i.layer).arg(i.head);
    case core::InterventionKind::AblateAttention:
        return tr("layer %1 · attention removed").arg(i.layer);
    case core::InterventionKind::AblateMlp:
        return tr("layer %1 · MLP removed").arg(i.layer);
    case core::InterventionKind::KnockoutEdge:
        return tr("layer %1 · head %2: position %3 cannot see %4").arg(i.layer).arg(i.head).arg(i.query).arg(i.key);
    case core::InterventionKind::PatchResidual:
    case core::InterventionKind::PatchHead:
        break;
    }
    return QString::fromStdString(core::interventionWords(i));
}

QString InterventionListEditor::describe(const core::InterventionList& list)
{
    QStringList words;
    for (const auto& i : list)
        words << describe(i);
    return words.join(QStringLiteral(", "));
}

bool InterventionListEditor::addSpec(const QString& spec)
{
    QString error;
    if (!m_controller->add(spec, &error)) {
        m_error->setText(error);
        return false;
    }
    m_error->clear();
    m_spec->clear();
    return true;
}

QString InterventionListEditor::errorText() const { return m_error->text(); }

void InterventionListEditor::refresh()
{
    m_list->clear();
    for (const core::Intervention& i : m_controller->list())
        m_list->addItem(
            QStringLiteral("%1\n    %2").arg(QString::fromStdString(core::interventionSpec(i)), describe(i)));
    m_remove->setEnabled(false);
    m_clear->setEnabled(!m_controller->list().empty());
}

} // namespace ui

#include "ui/widgets/attention_panel.h"

#include "ui/widgets/attention_view.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ui {

AttentionPanel::AttentionPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* bar = new QHBoxLayout;
    auto* matrix = new QRadioButton(tr("&Matrix"), this);
    auto* lines = new QRadioButton(tr("L&ines"), this);
    matrix->setChecked(true);
    m_modes = new QButtonGroup(this);
    m_modes->addButton(matrix, 0);
    m_modes->addButton(lines, 1);
    bar->addWidget(new QLabel(tr("Show the selected head as:"), this));
    bar->addWidget(matrix);
    bar->addWidget(lines);
    bar->addStretch();
    auto* hint
        = new QLabel(tr("Click a small matrix to enlarge it; click a row (or a token) to follow one query."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(hint);
    layout->addLayout(bar);
    m_view = new AttentionView(this);
    layout->addWidget(m_view, 1);
    connect(m_modes, &QButtonGroup::idClicked, this,
        [this](int id) { m_view->setMode(id == 1 ? AttentionView::Mode::Lines : AttentionView::Mode::Matrix); });
}

void AttentionPanel::setLinesMode(bool lines)
{
    m_modes->button(lines ? 1 : 0)->setChecked(true);
    m_view->setMode(lines ? AttentionView::Mode::Lines : AttentionView::Mode::Matrix);
}

} // namespace ui

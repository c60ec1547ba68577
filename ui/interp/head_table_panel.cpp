#include "ui/interp/head_table_panel.h"

#include "ui/interp/head_grid.h"
#include "ui/interp/head_score_model.h"
#include "ui/widgets/view_export.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ui {

HeadTablePanel::HeadTablePanel(InterpController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new HeadScoreModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* targetLabel = new QLabel(tr("Ablation targ&et:"), this);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("the most likely next token, or e.g. ␣Paris"));
    targetLabel->setBuddy(m_target);
    auto* positionLabel = new QLabel(tr("Attention t&o:"), this);
    m_position = new QComboBox(this);
    positionLabel->setBuddy(m_position);
    m_run = new QPushButton(tr("Measure ever&y head"), this);
    m_run->setToolTip(tr("Measure every head: one forward pass with each head zeroed, and one over a repeated random "
                         "sequence for the induction score"));
    row->addWidget(targetLabel);
    row->addWidget(m_target, 1);
    row->addWidget(positionLabel);
    row->addWidget(m_position, 1);
    row->addWidget(m_run);
    layout->addLayout(row);
    m_message = new QLabel(tr("Press Measure every head to score every head on the prompt."), this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(splitter);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HeadScoreModel::Layer, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto* scoreRow = new QHBoxLayout;
    auto* scoreLabel = new QLabel(tr("Colour by:"), side);
    m_score = new QComboBox(side);
    for (int c = HeadScoreModel::Sink; c <= HeadScoreModel::Ablation; ++c)
        m_score->addItem(
            m_model->headerData(c, Qt::Horizontal).toString().replace(QLatin1Char('\n'), QLatin1Char(' ')), c);
    scoreLabel->setBuddy(m_score);
    scoreRow->addWidget(scoreLabel);
    scoreRow->addWidget(m_score, 1);
    sideLayout->addLayout(scoreRow);
    m_grid = new HeadGrid;
    m_gridScroll = new QScrollArea(side);
    m_gridScroll->setWidget(m_grid);
    m_gridScroll->setWidgetResizable(true);
    sideLayout->addWidget(m_gridScroll, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1); // the grid keeps about its own size, the table takes the rest
    splitter->setStretchFactor(1, 0);
    layout->addWidget(splitter, 1);

    connect(m_run, &QPushButton::clicked, this, &HeadTablePanel::run);
    connect(m_target, &QLineEdit::returnPressed, this, &HeadTablePanel::run);
    connect(
        m_score, &QComboBox::currentIndexChanged, this, [this] { m_grid->setScore(m_score->currentData().toInt()); });
    // A head picked in the grid is selected in the table, and the other way round.
    connect(m_grid, &HeadGrid::headClicked, this, [this](int layer, int head) {
        const QModelIndex source = m_model->index(layer * m_model->heads().heads + head, 0);
        m_table->selectRow(m_proxy->mapFromSource(source).row());
        m_table->scrollTo(m_proxy->mapFromSource(source));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
        const QModelIndex s = m_proxy->mapToSource(i);
        if (s.isValid())
            m_grid->setSelectedHead(m_model->heads().rows[s.row()].layer, m_model->heads().rows[s.row()].head);
    });
    connect(controller, &InterpController::headsChanged, this, &HeadTablePanel::onHeads);
    connect(controller, &InterpController::failed, this, [this](InterpController::Analysis a, const QString& message) {
        if (a == InterpController::Analysis::Heads)
            m_message->setText(message);
    });
    connect(controller, &InterpController::contextChanged, this, [this] {
        fillPositions();
        if (m_model->heads().isValid())
            m_message->setText(tr("The prompt changed: press Measure every head to score it."));
    });
    fillPositions();
}

void HeadTablePanel::fillPositions()
{
    const int old = m_position->currentData().toInt();
    m_position->clear();
    m_position->addItem(tr("(no token)"), -1);
    const QStringList& texts = m_controller->tokenTexts();
    for (int i = 0; i < int(texts.size()); ++i)
        m_position->addItem(QStringLiteral("%1: %2").arg(i).arg(texts[i]), i);
    // The last word before the end is usually what the question is about; keep a choice that still fits.
    m_position->setCurrentIndex(old >= 0 && old < int(texts.size()) ? old + 1 : 0);
}

QString HeadTablePanel::message() const { return m_message->text(); }

void HeadTablePanel::setScore(int column) { m_score->setCurrentIndex(std::max(0, m_score->findData(column))); }

void HeadTablePanel::setInputs(const QString& target, int position)
{
    m_target->setText(visibleToken(target));
    m_position->setCurrentIndex(std::max(0, m_position->findData(position)));
}

void HeadTablePanel::run()
{
    if (!m_controller->hasModel() || m_controller->tokens().empty()) {
        m_message->setText(tr("Open a model and type a prompt first."));
        return;
    }
    m_message->setText(tr("Scoring every head (one forward pass per head) …"));
    m_controller->runHeads(typedToken(m_target->text()), m_position->currentData().toInt());
}

void HeadTablePanel::onHeads(const HeadsSnapshot& heads)
{
    m_model->setHeads(heads);
    m_grid->setHeads(heads);
    m_gridScroll->setMinimumWidth(m_grid->sizeHint().width() + 2 * m_gridScroll->frameWidth() + 2); // never cut
    for (int i = 0; i < m_score->count(); ++i)
        m_score->setItemText(i,
            m_model->headerData(m_score->itemData(i).toInt(), Qt::Horizontal)
                .toString()
                .replace(QLatin1Char('\n'), QLatin1Char(' ')));
    if (heads.cancelled) {
        m_message->setText(tr("Cancelled: the scores are incomplete."));
        return;
    }
    m_message->setText(tr("P(%1) = %2 in the normal run. Click a column header to sort; ΔP < 0: the head helps the "
                          "answer.")
                           .arg(visibleToken(heads.targetText))
                           .arg(heads.baselineTargetProb, 0, 'f', 4));
}

CsvTable HeadTablePanel::table() const
{
    if (!m_model->heads().isValid())
        return {};
    return ViewExport::tableFromModel(m_proxy);
}

} // namespace ui

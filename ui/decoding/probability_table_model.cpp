#include "ui/decoding/probability_table_model.h"

#include "ui/session/probability_text.h"

#include <QCoreApplication>

namespace ui {

namespace {
    // Column headers are narrow: the stage's name, shortened.
    const char* shortStageName(core::SamplerStageKind kind)
    {
        switch (kind) {
        case core::SamplerStageKind::LogitBias:
            return "logit-bias";
        case core::SamplerStageKind::RepetitionPenalty:
            return "repetition";
        case core::SamplerStageKind::PresenceFrequencyPenalty:
            return "pres/freq";
        case core::SamplerStageKind::Temperature:
            return "temperature";
        case core::SamplerStageKind::TopK:
            return "top-k";
        case core::SamplerStageKind::TopP:
            return "top-p";
        case core::SamplerStageKind::MinP:
            return "min-p";
        case core::SamplerStageKind::TypicalP:
            return "typical-p";
        }
        return "?";
    }
} // namespace

ProbabilityTableModel::ProbabilityTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProbabilityTableModel::setSnapshot(const SamplingSnapshot& snapshot)
{
    const bool sameShape = snapshot.table.rows.size() == m_snapshot.table.rows.size()
        && snapshot.table.columns == m_snapshot.table.columns;
    if (sameShape) { // a slider moved: the same cells, new numbers (keeps the view's scroll and selection)
        m_snapshot = snapshot;
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        return;
    }
    beginResetModel();
    m_snapshot = snapshot;
    endResetModel();
}

int ProbabilityTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_snapshot.table.rows.size());
}

int ProbabilityTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_snapshot.table.columns.empty())
        return 0;
    return 1 + stageColumnCount() + 1;
}

int ProbabilityTableModel::tableColumn(int column) const
{
    if (column == 0)
        return -1;
    if (column == columnCount() - 1)
        return stageColumnCount() - 1;
    return column - 1;
}

ProbabilityTableModel::ColumnType ProbabilityTableModel::columnType(int column) const
{
    if (column == 0)
        return ColumnType::Token;
    if (column == columnCount() - 1)
        return ColumnType::Final;
    return m_snapshot.stages.value(tableColumn(column)) ? ColumnType::Stage : ColumnType::Input;
}

// Columns of stages that change logit values (and the model's own logits) show logits; the others probabilities.
bool ProbabilityTableModel::showsLogits(int column) const
{
    switch (columnType(column)) {
    case ColumnType::Input:
        return true;
    case ColumnType::Stage:
        return core::stageChangesLogits(*m_snapshot.stages.value(tableColumn(column)));
    default:
        return false;
    }
}

bool ProbabilityTableModel::isTopP(int tableColumn) const
{
    return tableColumn >= 0 && m_snapshot.stages.value(tableColumn) == core::SamplerStageKind::TopP;
}

int ProbabilityTableModel::keptRowCount() const
{
    int n = 0;
    for (const auto& row : m_snapshot.table.rows)
        n += !row.cells.empty() && row.cells.back().kept;
    return n;
}

int ProbabilityTableModel::chosenRow() const
{
    for (int r = 0; r < rowCount(); ++r)
        if (m_snapshot.table.rows[std::size_t(r)].token == m_snapshot.table.chosenToken)
            return r;
    return -1;
}

QVariant ProbabilityTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_snapshot.table.rows[std::size_t(index.row())];
    const bool chosen = row.token == m_snapshot.table.chosenToken;
    const bool finalKept = !row.cells.empty() && row.cells.back().kept;
    const int tc = tableColumn(index.column());
    const bool finalColumn = index.column() == columnCount() - 1;
    const QString kind = tc < 0 ? QStringLiteral("token")
        : finalColumn           ? QStringLiteral("final")
                                : m_snapshot.stageKinds.value(tc);

    switch (role) {
    case TokenIdRole:
        return row.token;
    case ChosenRole:
        return chosen;
    case SpecialRole:
        return m_snapshot.rowSpecial.value(index.row());
    case ColumnKindRole:
        return kind;
    case ColumnTypeRole:
        return int(columnType(index.column()));
    case ShowsLogitsRole:
        return showsLogits(index.column());
    case KeptRole:
        return tc < 0 ? finalKept : row.cells[std::size_t(tc)].kept;
    case RemovedHereRole:
        return tc < 0 || finalColumn ? false : row.cells[std::size_t(tc)].removedHere;
    case ProbabilityRole:
        return tc < 0 ? row.cells.back().probability : row.cells[std::size_t(tc)].probability;
    case LogitRole:
        return double(tc < 0 ? row.cells.front().logit : row.cells[std::size_t(tc)].logit);
    case Qt::TextAlignmentRole:
        return int(tc < 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DisplayRole: {
        if (tc < 0)
            return (chosen ? QStringLiteral("▶ ") : QStringLiteral("   ")) + m_snapshot.rowText.value(index.row());
        const core::StageCell& c = row.cells[std::size_t(tc)];
        if (!finalColumn && showsLogits(index.column()))
            return QString::number(c.logit, 'f', 2);
        if (c.removedHere)
            return tr("✗ cut");
        if (!c.kept)
            return QString();
        QString s = probabilityText(c.probability);
        // Top-p keeps rows until the running total of its *input* distribution reaches p: that total is the one
        // to show (its own renormalised column always sums to 100%).
        if (isTopP(tc) && tc > 0)
            s += QStringLiteral("  Σ%1").arg(probabilityText(row.cumulative[std::size_t(tc - 1)]));
        return s;
    }
    case Qt::ToolTipRole: {
        if (tc < 0)
            return tr("token %1 (id %2)%3")
                .arg(m_snapshot.rowText.value(index.row()))
                .arg(row.token)
                .arg(chosen ? tr(" — the sampled token") : QString());
        const core::StageCell& c = row.cells[std::size_t(tc)];
        QString tip = tr("%1 after %2: logit %3, p = %4%5")
                          .arg(m_snapshot.rowText.value(index.row()), kind)
                          .arg(c.logit, 0, 'f', 4)
                          .arg(c.probability, 0, 'g', 5)
                          .arg(c.removedHere ? tr(" — removed by this stage")
                                  : !c.kept  ? tr(" — removed earlier")
                                             : QString());
        if (isTopP(tc) && tc > 0)
            tip += tr("\nΣ = %1: the running total of the probabilities top-p receives, down to this row; rows are "
                      "kept until it reaches p")
                       .arg(row.cumulative[std::size_t(tc - 1)], 0, 'g', 5);
        return tip;
    }
    default:
        return {};
    }
}

QVariant ProbabilityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    const int tc = tableColumn(section);
    const bool finalColumn = section == columnCount() - 1;
    if (role == Qt::DisplayRole) {
        if (tc < 0)
            return tr("token");
        if (finalColumn)
            return tr("final p\n%1 kept").arg(m_snapshot.keptPerColumn.value(tc));
        const auto stage = m_snapshot.stages.value(tc);
        if (!stage)
            return tr("logit\n(model)");
        // The stage's word in the interface language (the lab's label for it, "temperature" → "sıcaklık"), its
        // setting as core writes it ("T = 0.7": a formula, the same in every language).
        return QStringLiteral("%1\n%2").arg(QCoreApplication::translate("ui::SamplingLab", shortStageName(*stage)),
            QString::fromStdString(m_snapshot.table.settings[std::size_t(tc)]));
    }
    if (role == Qt::ToolTipRole && tc >= 0)
        return tr("%1 candidates of the vocabulary alive after this column").arg(m_snapshot.keptPerColumn.value(tc));
    if (role == ColumnTypeRole)
        return int(columnType(section));
    if (role == ShowsLogitsRole)
        return showsLogits(section);
    if (role == ColumnKindRole)
        return tc < 0     ? QStringLiteral("token")
            : finalColumn ? QStringLiteral("final")
                          : m_snapshot.stageKinds.value(tc);
    return {};
}

} // namespace ui

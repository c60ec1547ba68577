#include "ui/decoding/beam_hypothesis_model.h"

namespace ui {

BeamHypothesisModel::BeamHypothesisModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BeamHypothesisModel::setSnapshot(const BeamSnapshot& snapshot)
{
    beginResetModel();
    m_rows = snapshot.hypotheses;
    endResetModel();
}

int BeamHypothesisModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int BeamHypothesisModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BeamHypothesisModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BeamHypothesisInfo& h = m_rows[index.row()];
    if (role == NodeRole)
        return h.node;
    if (role == Qt::TextAlignmentRole)
        return int(index.column() == Text ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Rank:
        return h.rank;
    case Text:
        return h.text;
    case Score:
        return QString::number(h.score, 'f', 4);
    case SumLogProb:
        return QString::number(h.sumLogProb, 'f', 4);
    case Length:
        return h.length;
    case Eos:
        return h.eos ? tr("EOS") : tr("length limit");
    }
    return {};
}

QVariant BeamHypothesisModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank:
        return tr("#");
    case Text:
        return tr("text");
    case Score:
        return tr("score");
    case SumLogProb:
        return tr("Σ log p");
    case Length:
        return tr("length");
    case Eos:
        return tr("ended by");
    }
    return {};
}

} // namespace ui

#include "ui/interp/head_score_model.h"

#include <cmath>

namespace ui {

HeadScoreModel::HeadScoreModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void HeadScoreModel::setHeads(const HeadsSnapshot& heads)
{
    beginResetModel();
    m_heads = heads;
    endResetModel();
}

double HeadScoreModel::score(const HeadsSnapshot::Head& h, int column)
{
    switch (column) {
    case Layer:
        return h.layer;
    case Head:
        return h.head;
    case Sink:
        return h.sink;
    case Previous:
        return h.previous;
    case Induction:
        return h.induction;
    case AttentionTo:
        return h.attentionTo;
    case Ablation:
        return h.ablationDelta;
    default:
        return std::nan("");
    }
}

int HeadScoreModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_heads.rows.size());
}

int HeadScoreModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HeadScoreModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_heads.rows.size()))
        return {};
    const double v = score(m_heads.rows[index.row()], index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (std::isnan(v))
            return QStringLiteral("–");
        if (index.column() <= Head)
            return int(v);
        return index.column() == Ablation
            ? QStringLiteral("%1").arg(v, 0, 'f', 4).prepend(v >= 0 ? QStringLiteral("+") : QString())
            : QString::number(v, 'f', 3);
    case Qt::UserRole:
        return v;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant HeadScoreModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Sink:
            return tr("Mean attention of every position after the first to the first token");
        case Previous:
            return tr("Mean attention of every position to the token just before it");
        case Induction:
            return tr("On a random token sequence repeated twice: attention to the token after the previous "
                      "occurrence of the current one (near 1 for an induction head)");
        case AttentionTo:
            return tr("Attention of the last position to the chosen token");
        case Ablation:
            return tr("P(target) with this head zeroed minus P(target) in the normal run (negative: the head helps)");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Layer:
        return tr("Layer");
    case Head:
        return tr("Head");
    case Sink:
        return tr("Sink");
    case Previous:
        return tr("Previous\ntoken");
    case Induction:
        return tr("Induction");
    case AttentionTo:
        return m_heads.attendText.isEmpty() ? tr("Attention to")
                                            : tr("Attention to\n%1").arg(visibleToken(m_heads.attendText));
    case Ablation:
        return m_heads.targetText.isEmpty() ? tr("Ablation ΔP")
                                            : tr("Ablation\nΔP(%1)").arg(visibleToken(m_heads.targetText));
    default:
        return {};
    }
}

} // namespace ui

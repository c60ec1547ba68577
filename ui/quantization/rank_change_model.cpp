#include "ui/quantization/rank_change_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace ui {

void RankChangeModel::setRows(const QVector<QuantizationRankRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int RankChangeModel::movedCount() const
{
    return int(std::count_if(
        m_rows.begin(), m_rows.end(), [](const QuantizationRankRow& r) { return r.referenceRank != r.otherRank; }));
}

int RankChangeModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int RankChangeModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString RankChangeModel::moveText(int referenceRank, int otherRank)
{
    if (referenceRank == otherRank)
        return QStringLiteral("=");
    return referenceRank > otherRank ? QStringLiteral("▲%1").arg(referenceRank - otherRank)
                                     : QStringLiteral("▼%1").arg(otherRank - referenceRank);
}

QVariant RankChangeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QuantizationRankRow& r = m_rows[index.row()];
    const auto percent = [](double p) { return QLocale().toString(100.0 * p, 'f', 2) + QStringLiteral(" %"); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Token:
            return r.text;
        case ReferenceRank:
            return r.referenceRank;
        case OtherRank:
            return r.otherRank;
        case Move:
            return moveText(r.referenceRank, r.otherRank);
        case ReferenceProbability:
            return percent(r.referenceProbability);
        case OtherProbability:
            return percent(r.otherProbability);
        }
    } else if (role == Qt::ToolTipRole && index.column() == Token) {
        return tr("token id %1").arg(r.id);
    } else if (role == Qt::ForegroundRole && index.column() == Move && r.referenceRank != r.otherRank) {
        return QBrush(r.otherRank < r.referenceRank ? QColor(0x1a, 0x7f, 0x37) : QColor(0xc0, 0x39, 0x2b));
    } else if (role == Qt::TextAlignmentRole && index.column() != Token) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RankChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Token:
        return tr("Token");
    case ReferenceRank:
        return tr("Rank\nreference");
    case OtherRank:
        return tr("Rank\ncompared");
    case Move:
        return tr("Moved");
    case ReferenceProbability:
        return tr("P\nreference");
    case OtherProbability:
        return tr("P\ncompared");
    }
    return {};
}

} // namespace ui

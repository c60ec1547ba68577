#include "ui/session/plan_model.h"

namespace ui {

void PlanModel::setPlan(const QVector<PlanNodeInfo>& plan)
{
    beginResetModel();
    m_plan = plan;
    m_cursor = -1;
    endResetModel();
}

void PlanModel::setCursor(int nodeIndex)
{
    const int old = m_cursor;
    m_cursor = nodeIndex;
    if (m_plan.isEmpty() || old == nodeIndex)
        return;
    const int first = std::max(0, std::min(old, nodeIndex));
    const int last = std::min(int(m_plan.size()) - 1, std::max(old, nodeIndex));
    if (first <= last)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int PlanModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_plan.size()); }

int PlanModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PlanModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlanNodeInfo& n = m_plan[index.row()];
    const State state = index.row() == m_cursor ? Current : index.row() < m_cursor ? Executed : Pending;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IndexColumn:
            return index.row();
        case KindColumn:
            return n.kind;
        case LabelColumn:
            return n.label;
        case ShapeColumn:
            return n.shape;
        }
        return {};
    case Qt::ToolTipRole:
        return n.name;
    case StateRole:
        return int(state);
    case LayerRole:
        return n.layer;
    case HeadRole:
        return n.head;
    default:
        return {};
    }
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("#");
    case KindColumn:
        return tr("Op");
    case LabelColumn:
        return tr("What");
    case ShapeColumn:
        return tr("Shape");
    }
    return {};
}

} // namespace ui

#pragma once
// The execution plan as a table (one row per op): index, op kind, label, output shape; rows before the cursor are
// marked executed, the cursor's row current. Drives the op list and lets keyboard users jump to any op.
#include "ui/session/model_info.h"

#include <QAbstractTableModel>

namespace ui {

class PlanModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IndexColumn, KindColumn, LabelColumn, ShapeColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1, LayerRole, HeadRole };
    enum State { Pending, Executed, Current };
    using QAbstractTableModel::QAbstractTableModel;

    void setPlan(const QVector<PlanNodeInfo>& plan);
    void setCursor(int nodeIndex); // the last executed node (-1: none)
    int cursor() const { return m_cursor; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<PlanNodeInfo> m_plan;
    int m_cursor = -1;
};

} // namespace ui

#pragma once
// The model card: one row per property (architecture, parameters, layers, heads, ...), two columns.
#include "ui/session/model_info.h"

#include <QAbstractTableModel>

namespace ui {

class ModelCardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setModelInfo(const ModelInfo& info);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatBytes(quint64 bytes);
    static QString formatCount(qint64 n);

private:
    struct Row {
        QString name;
        QString value;
        QString help;
    };
    QVector<Row> m_rows;
};

} // namespace ui

#pragma once
// The models found on this computer (core::findLocalModels) as a table: source, name, architecture, parameters,
// quantization, size, and whether the explorer can open it (or why not, in one line).
#include "core/loader/local_models.h"

#include <QAbstractTableModel>

#include <vector>

namespace ui {

class LocalModelsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source, Name, Architecture, Parameters, Quantization, Size, Opens, ColumnCount };

    explicit LocalModelsModel(QObject* parent = nullptr);

    void setModels(std::vector<core::LocalModel> models);
    const core::LocalModel* modelAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::LocalModel> m_models;
};

} // namespace ui

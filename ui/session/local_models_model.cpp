#include "ui/session/local_models_model.h"

#include "ui/session/model_card_model.h"

namespace ui {

LocalModelsModel::LocalModelsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LocalModelsModel::setModels(std::vector<core::LocalModel> models)
{
    beginResetModel();
    m_models = std::move(models);
    endResetModel();
}

const core::LocalModel* LocalModelsModel::modelAt(int row) const
{
    return row >= 0 && row < int(m_models.size()) ? &m_models[std::size_t(row)] : nullptr;
}

int LocalModelsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_models.size()); }

int LocalModelsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LocalModelsModel::data(const QModelIndex& index, int role) const
{
    const core::LocalModel* m = modelAt(index.row());
    if (!m || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const auto text = [](const std::string& s) { return QString::fromStdString(s); };
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Source:
            return text(m->source);
        case Name:
            return text(m->name);
        case Architecture:
            return m->architecture.empty() ? QStringLiteral("?") : text(m->architecture);
        case Parameters:
            return m->parameters > 0 ? ModelCardModel::formatCount(m->parameters) : QStringLiteral("?");
        case Quantization:
            return m->quantization.empty() ? QStringLiteral("?") : text(m->quantization);
        case Size:
            return ModelCardModel::formatBytes(m->bytes);
        case Opens:
            return m->openable ? tr("yes") : tr("no: %1").arg(text(m->why));
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole)
        return index.column() == Opens && !m->openable ? text(m->why) : text(m->path);
    if (role == Qt::TextAlignmentRole && (index.column() == Parameters || index.column() == Size))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LocalModelsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Source:
        return tr("Found in");
    case Name:
        return tr("Model");
    case Architecture:
        return tr("Architecture");
    case Parameters:
        return tr("Parameters");
    case Quantization:
        return tr("Weights");
    case Size:
        return tr("On disk");
    case Opens:
        return tr("Opens here");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ui

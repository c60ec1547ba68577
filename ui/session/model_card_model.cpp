#include "ui/session/model_card_model.h"

#include <QFileInfo>
#include <QLocale>

namespace ui {

QString ModelCardModel::formatBytes(quint64 bytes)
{
    return QLocale::system().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString ModelCardModel::formatCount(qint64 n)
{
    if (n >= 1000000000)
        return tr("%1 B").arg(double(n) / 1e9, 0, 'f', 2);
    if (n >= 1000000)
        return tr("%1 M").arg(double(n) / 1e6, 0, 'f', 2);
    if (n >= 10000)
        return tr("%1 k").arg(double(n) / 1e3, 0, 'f', 1);
    return QString::number(n);
}

void ModelCardModel::setModelInfo(const ModelInfo& m)
{
    beginResetModel();
    m_rows.clear();
    if (m.isValid()) {
        auto yesNo = [](bool b) { return b ? tr("yes") : tr("no"); };
        m_rows = {
            { tr("Model"), m.displayName, m.folder },
            { tr("Format"), m.format, {} },
            { tr("Architecture"), m.modelType.isEmpty() ? m.arch : QStringLiteral("%1 (%2)").arg(m.arch, m.modelType),
                {} },
            { tr("Parameters"), formatCount(m.parameters), QString::number(m.parameters) },
            { tr("Layers"), QString::number(m.layers), tr("transformer blocks") },
            { tr("Attention heads"), QString::number(m.heads), {} },
            { tr("KV heads"), QString::number(m.kvHeads), tr("fewer than the heads = grouped-query attention") },
            { tr("Model width (dim)"), QString::number(m.dim), tr("size of the vector each token carries") },
            { tr("Head size"), QString::number(m.headDim), tr("dim / heads") },
            { tr("MLP width"), QString::number(m.hidden), {} },
            { tr("Vocabulary"), QString::number(m.vocab), tr("tokens the model knows") },
            { tr("Context length"), QString::number(m.context), tr("most positions the model can attend over") },
            { tr("Positional encoding"), m.positional, {} },
            { tr("Normalization"), QStringLiteral("%1, %2").arg(m.norm, m.placement),
                tr("kind and placement (pre / post)") },
            { tr("Activation"), m.activation, {} },
            { tr("Tied embeddings"), yesNo(m.tiedEmbeddings), tr("the LM head reuses the token embedding") },
            { tr("Weights"),
                tr("%1 in memory (%2 stored as %3)")
                    .arg(formatBytes(m.weightBytes), formatBytes(m.storedBytes), m.dtype),
                {} },
            { tr("Quantization"), m.quantization,
                tr("stored types (tensors of each), bits per weight, bytes on disk and as F32 in memory") },
            { tr("Tokenizer"),
                !m.hasTokenizer                 ? tr("none (type token ids)")
                    : m.tokenizerFile.isEmpty() ? tr("tokenizer.json")
                                                : QFileInfo(m.tokenizerFile).fileName(),
                m.tokenizerFile },
            { tr("Chat template"),
                m.chatNotice.isEmpty() ? tr("%1 (from the model's template)").arg(m.chatLayout) : m.chatNotice,
                tr("one user turn in this layout:") + QStringLiteral("\n") + m.chatExample },
        };
        // The file's own metadata, under its own keys (GGUF "general.name", ...).
        for (const auto& [key, value] : m.metadata)
            m_rows.push_back({ key, value, {} });
    }
    endResetModel();
}

int ModelCardModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int ModelCardModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 2; }

QVariant ModelCardModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[index.row()];
    if (role == Qt::DisplayRole)
        return index.column() == 0 ? r.name : r.value;
    if (role == Qt::ToolTipRole)
        return r.help.isEmpty() ? r.value : QStringLiteral("%1\n%2").arg(r.value, r.help);
    return {};
}

QVariant ModelCardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? tr("Property") : tr("Value");
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace ui

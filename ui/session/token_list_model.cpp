#include "ui/session/token_list_model.h"

namespace ui {

void TokenListModel::setTokens(const TokenList& tokens)
{
    beginResetModel();
    m_tokens = tokens;
    endResetModel();
}

int TokenListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_tokens.size()); }

QVariant TokenListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TokenInfo& t = m_tokens[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return t.display;
    case VisibleTextRole:
        return t.visibleText();
    case Qt::ToolTipRole:
        return t.toolTip(index.row());
    case IdRole:
        return t.id;
    case PieceRole:
        return t.piece;
    case BytesRole:
        return t.bytes;
    case SpecialRole:
        return t.special;
    default:
        return {};
    }
}

QHash<int, QByteArray> TokenListModel::roleNames() const
{
    auto roles = QAbstractListModel::roleNames();
    roles.insert(IdRole, "tokenId");
    roles.insert(PieceRole, "piece");
    roles.insert(BytesRole, "bytes");
    roles.insert(SpecialRole, "special");
    roles.insert(VisibleTextRole, "visibleText");
    return roles;
}

} // namespace ui

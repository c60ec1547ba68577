#pragma once
// The prompt's tokens as a list model (one row per position): the token strip, the attention axes and the tests
// read it.
#include "ui/session/token_info.h"

#include <QAbstractListModel>

namespace ui {

class TokenListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, PieceRole, BytesRole, SpecialRole, VisibleTextRole };
    using QAbstractListModel::QAbstractListModel;

    void setTokens(const TokenList& tokens);
    const TokenList& tokens() const { return m_tokens; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    TokenList m_tokens;
};

} // namespace ui

#pragma once
// The sampling lab's probability table over a SamplingSnapshot: one row per candidate (best first), the token, its
// input logit, then one column per pipeline stage in pipeline order, then the final probability. Stages that change
// logits (bias, penalties) show the logit; the others show the probability in their distribution, "cut" where the
// stage removed the token and nothing once it is gone; the top-p column adds the running total of its input (what p is
// compared with). QtCore only: the widgets colour rows from the roles below.
#include "ui/decoding/decoding_snapshot.h"

#include <QAbstractTableModel>

namespace ui {

class ProbabilityTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        TokenIdRole = Qt::UserRole + 1, // int
        ProbabilityRole, // double: the cell's probability in its column's distribution
        LogitRole, // double
        KeptRole, // bool: alive after this column (for the token column: after the last)
        RemovedHereRole, // bool: this column's stage removed it
        ChosenRole, // bool: the sampled token
        SpecialRole, // bool
        ColumnKindRole, // QString: "token", "input", a stage name, "final" (the column's name, for display)
        ColumnTypeRole, // int: ColumnType
        ShowsLogitsRole, // bool: the column shows logits (input, bias, penalties), not probabilities
    };
    // What a column is.
    enum class ColumnType { Token, Input, Stage, Final };

    explicit ProbabilityTableModel(QObject* parent = nullptr);

    void setSnapshot(const SamplingSnapshot& snapshot);
    const SamplingSnapshot& snapshot() const { return m_snapshot; }
    int stageColumnCount() const { return int(m_snapshot.table.columns.size()); }
    int keptRowCount() const; // rows alive after the last stage
    int chosenRow() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ColumnType columnType(int column) const;
    bool showsLogits(int column) const;
    bool isTopP(int tableColumn) const; // the table column is the top-p stage's
    // Model column -> table column: 0 = token (-1), 1 = input (0), 1 + s = stage s, last = final (columns - 1).
    int tableColumn(int column) const;

    SamplingSnapshot m_snapshot;
};

} // namespace ui

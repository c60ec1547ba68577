#pragma once
// The comparison's table: every token of either top 10 with its rank and probability under the reference and under
// the other file, and how it moved ("▲2": two places up in the other file).
#include "ui/quantization/quantization_snapshot.h"

#include <QAbstractTableModel>

namespace ui {

class RankChangeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Token, ReferenceRank, OtherRank, Move, ReferenceProbability, OtherProbability, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(const QVector<QuantizationRankRow>& rows);
    const QVector<QuantizationRankRow>& rows() const { return m_rows; }
    int movedCount() const; // rows whose rank differs

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "▲2", "▼1", "=" (positive = better rank in the other file).
    static QString moveText(int referenceRank, int otherRank);

private:
    QVector<QuantizationRankRow> m_rows;
};

} // namespace ui

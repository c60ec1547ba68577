#pragma once
// The finished hypotheses of a beam search, best first: rank, text, score (sum log p / length^alpha), sum of log p,
// length and whether it ended with an EOS token. QtCore only.
#include "ui/decoding/decoding_snapshot.h"

#include <QAbstractTableModel>

namespace ui {

class BeamHypothesisModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Rank, Text, Score, SumLogProb, Length, Eos, ColumnCount };
    enum Role { NodeRole = Qt::UserRole + 1 };

    explicit BeamHypothesisModel(QObject* parent = nullptr);
    void setSnapshot(const BeamSnapshot& snapshot);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<BeamHypothesisInfo> m_rows;
};

} // namespace ui

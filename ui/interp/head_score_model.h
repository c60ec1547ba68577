#pragma once
// The head detector table as an item model: one row per head (layer-major), columns layer, head, sink, previous
// token, induction, attention to the chosen token, and ΔP(target) when the head is zeroed. DisplayRole is the text,
// Qt::UserRole the number (what a QSortFilterProxyModel sorts by; NaN where a column was not asked for).
#include "ui/interp/interp_snapshot.h"

#include <QAbstractTableModel>

namespace ui {

class HeadScoreModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Head, Sink, Previous, Induction, AttentionTo, Ablation, ColumnCount };

    explicit HeadScoreModel(QObject* parent = nullptr);
    void setHeads(const HeadsSnapshot& heads);
    const HeadsSnapshot& heads() const { return m_heads; }
    // The score of `column` (Sink ... Ablation) of one head.
    static double score(const HeadsSnapshot::Head& head, int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    HeadsSnapshot m_heads;
};

} // namespace ui

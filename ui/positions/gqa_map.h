#pragma once
// The grouped-query map: the model's query heads in a row, its K/V heads below, a line from each query head to the
// K/V head it reads (colour = group), and the KV cache the model needs at its context against the same model with
// one K/V head per query head (full multi-head attention), from core::groupedQueryMap.
#include "core/analysis/grouped_query.h"
#include "ui/session/model_info.h"

#include <QWidget>

namespace ui {

class GqaMap : public QWidget {
    Q_OBJECT
public:
    explicit GqaMap(QWidget* parent = nullptr);
    void setModel(const ModelInfo& info);
    const core::GroupedQueryMap& map() const { return m_map; }
    // The lines written under the map (what the tests compare with core's numbers).
    QString headline() const; // "8 query heads share 2 K/V heads: 4 query heads per K/V head (grouped-query)"
    QString
    cacheText() const; // "KV cache at 2048 positions (F32): 12 MiB; full multi-head: 48 MiB; saved 36 MiB (75%)"
    // Where query head h and K/V head g are drawn (after a resize).
    QRect queryRect(int head) const;
    QRect kvRect(int kvHead) const;
    QSize sizeHint() const override { return { 900, 520 }; }
    QSize minimumSizeHint() const override { return { 360, 280 }; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QRect boxRow(int index, int count, int y, int height) const;
    QColor groupColor(int kvHead) const;

    core::GroupedQueryMap m_map;
    int m_layers = 0;
    int m_headDim = 0;
    bool m_valid = false;
};

} // namespace ui

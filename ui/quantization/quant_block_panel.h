#pragma once
// The tensor view's look inside a quantized weight: for the weight the current op multiplies by, when the file
// stores it in blocks (Q8_0, Q4_K, …), one block at a time — its scale(s), the k-quants' sub-block scales and mins,
// and for every value the stored integer code and the value it stands for (value = scale · code − min).
#include "ui/session/stored_weight.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QTableWidget;

namespace ui {

class QuantBlockPanel : public QWidget {
    Q_OBJECT
public:
    explicit QuantBlockPanel(QWidget* parent = nullptr);

    void setWeight(const StoredWeight& weight); // hides itself when the weight is not stored in blocks
    void setBlock(int block); // which of the weight's shown blocks

    QString headerText() const;
    QTableWidget* table() const { return m_table; }
    QSpinBox* blockBox() const { return m_block; }

private:
    void fill();

    StoredWeight m_weight;
    QLabel* m_header;
    QSpinBox* m_block;
    QTableWidget* m_table;
};

} // namespace ui

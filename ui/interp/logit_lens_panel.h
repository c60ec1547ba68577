#pragma once
// The logit lens tab: a target token field, the colour choice (top token's probability or the target's rank), the
// grid (LensGrid, growing row by row while the pass runs on the engine thread) and the clicked cell's top 10.
// It runs by itself when shown for a prompt it has not read yet, and again when the target changes.
#include "ui/interp/interp_controller.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace ui {

class LensGrid;
struct CsvTable;

class LogitLensPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogitLensPanel(InterpController* controller, QWidget* parent = nullptr);

    LensGrid* grid() const { return m_grid; }
    QTableWidget* topTable() const { return m_top; }
    QLineEdit* targetField() const { return m_target; }
    QString message() const; // the line over the grid (what is shown, or why nothing is)
    void setTarget(const QString& text); // typed text ("␣" stands for a space); runs the lens
    void setColourByRank(bool rank); // the target's rank, or the top token's probability
    void run();
    CsvTable table() const; // one row per cell: site, position, token, top token, its probability, target's

protected:
    void showEvent(QShowEvent*) override;

private:
    void onLens(const LensSnapshot& lens);
    void onTop(const LensCellTop& top);

    InterpController* m_controller;
    QLineEdit* m_target;
    QComboBox* m_colour;
    QPushButton* m_run;
    QLabel* m_message;
    LensGrid* m_grid;
    QLabel* m_topTitle;
    QTableWidget* m_top;
};

} // namespace ui

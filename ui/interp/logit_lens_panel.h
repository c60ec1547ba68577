#pragma once
// The logit lens tab: a target token field, the colour choice (top token's probability or the target's rank), the
// grid (LensGrid, growing row by row while the pass runs on the engine thread) and the clicked cell's top 10.
// It runs by itself when shown for a prompt it has not read yet, and again when the target changes.
#include "ui/interp/interp_controller.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
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
    // The stepper's position in its pass: while it is inside the prompt's prefill (and "Follow the stepper" is on)
    // the grid shows only the rows whose op it has executed, so the lens fills in as the stepper passes each block;
    // before the first op, after the last, or in a decode pass every row shows.
    void followStepper(bool prefill, int cursor, int total);
    QCheckBox* followBox() const { return m_follow; }
    CsvTable table() const; // one row per cell: site, position, token, top token, its probability, target's

protected:
    void showEvent(QShowEvent*) override;

private:
    void onLens(const LensSnapshot& lens);
    void onTop(const LensCellTop& top);
    void scrollToNewestRow();

    InterpController* m_controller;
    QLineEdit* m_target;
    QComboBox* m_colour;
    QPushButton* m_run;
    QCheckBox* m_follow;
    QScrollArea* m_scroll;
    std::optional<int> m_stepperLimit;
    QLabel* m_message;
    LensGrid* m_grid;
    QLabel* m_topTitle;
    QTableWidget* m_top;
};

} // namespace ui

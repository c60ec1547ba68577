#pragma once
// The head detector tab: every head's sink / previous-token / induction / attention-to-a-token scores and the
// effect on the answer when it is zeroed (core::detectHeads: one forward pass per head, so it runs on request, with
// progress and cancel), as a sortable table and as a layers × heads grid coloured by the chosen score.
#include "ui/interp/interp_controller.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QTableView;

namespace ui {

class HeadGrid;
class HeadScoreModel;
struct CsvTable;

class HeadTablePanel : public QWidget {
    Q_OBJECT
public:
    explicit HeadTablePanel(InterpController* controller, QWidget* parent = nullptr);

    HeadScoreModel* model() const { return m_model; }
    QSortFilterProxyModel* sorted() const { return m_proxy; }
    QTableView* tableView() const { return m_table; }
    HeadGrid* grid() const { return m_grid; }
    QComboBox* scoreChooser() const { return m_score; }
    QComboBox* positionChooser() const { return m_position; }
    QString message() const;
    // Typed target ("" = the most likely next token) and the position the attention-to column reads (-1: none).
    void setInputs(const QString& target, int position);
    void setScore(int column); // the grid's colour: a HeadScoreModel::Column from Sink to Ablation
    void run();
    CsvTable table() const; // the table as sorted now

private:
    void fillPositions();
    void onHeads(const HeadsSnapshot& heads);

    InterpController* m_controller;
    QLineEdit* m_target;
    QComboBox* m_position;
    QPushButton* m_run;
    QComboBox* m_score;
    QLabel* m_message;
    HeadScoreModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    HeadGrid* m_grid;
    QScrollArea* m_gridScroll;
};

} // namespace ui

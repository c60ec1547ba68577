#pragma once
// The next-token distribution of the stepper's context without and with the intervention list, side by side
// (core/analysis/distribution_shift.h): probability and logit before → after with their change, the rank change,
// and KL(before || after); below, the greedy continuation without the interventions next to the one with them.
#include "ui/interventions/intervention_snapshot.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace ui {

class InterventionController;

class BeforeAfterView : public QWidget {
    Q_OBJECT
public:
    explicit BeforeAfterView(InterventionController* controller, QWidget* parent = nullptr);

    // The changes first (they fit a 1280-pixel window), the raw logits after them.
    enum Column { Token, ProbBefore, ProbAfter, ProbDelta, Rank, LogitDelta, LogitBefore, LogitAfter, ColumnCount };

    void run(); // what the Compare button does
    QTableView* table() const { return m_table; }
    QStandardItemModel* model() const { return m_model; }
    QPushButton* compareButton() const { return m_compare; }
    QSpinBox* tokensBox() const { return m_tokens; }
    QString klText() const;
    QString generationBeforeText() const;
    QString generationAfterText() const;

private:
    void showResult(const BeforeAfterSnapshot& s);

    InterventionController* m_controller;
    QPushButton* m_compare;
    QSpinBox* m_tokens;
    QLabel* m_kl;
    QTableView* m_table;
    QStandardItemModel* m_model;
    QLabel* m_before;
    QLabel* m_after;
    bool m_running = false;
};

} // namespace ui

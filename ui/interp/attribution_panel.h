#pragma once
// The direct logit attribution tab: the target token (empty = the most likely next token) and an optional token to
// subtract (" Paris" − " Berlin"), a line with the logit and the sum of the parts, and the sorted bars. Clicking a
// bar asks for the stepper to go to the op that wrote that part (jumpRequested). A model the attribution does not
// apply to (post-norm) gets core's reason in place of the chart.
#include "ui/interp/interp_controller.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace ui {

class AttributionBars;
struct CsvTable;

class AttributionPanel : public QWidget {
    Q_OBJECT
public:
    explicit AttributionPanel(InterpController* controller, QWidget* parent = nullptr);

    AttributionBars* bars() const { return m_bars; }
    QString summary() const; // the line over the bars
    QString refusal() const; // core's message when the model cannot be attributed ("" otherwise)
    void setTokens(const QString& target, const QString& minus); // typed text; runs
    void run();
    CsvTable table() const; // one row per part, in the order drawn, then the total

signals:
    void jumpRequested(int nodeIndex);

protected:
    void showEvent(QShowEvent*) override;

private:
    void onAttribution(const AttributionSnapshot& a);

    InterpController* m_controller;
    QLineEdit* m_target;
    QLineEdit* m_minus;
    QPushButton* m_run;
    QLabel* m_summary;
    QStackedWidget* m_stack; // the bars, or the refusal
    AttributionBars* m_bars;
    QLabel* m_refusal;
};

} // namespace ui

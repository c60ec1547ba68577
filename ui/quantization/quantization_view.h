#pragma once
// The quantization comparison tab: the model open in the window (the reference) against another file of it, on the
// window's prompt. A bar per layer for the residual stream's relative error, the KL divergence of the next-token
// distributions, and a table of how the top 10 tokens moved. Choosing the file is the window's job (chooseFile()).
#include "ui/quantization/quantization_snapshot.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QValueAxis;

namespace ui {

class QuantizationController;
class RankChangeModel;

class QuantizationView : public QWidget {
    Q_OBJECT
public:
    explicit QuantizationView(QuantizationController* controller, QWidget* parent = nullptr);

    void showComparison(const QuantizationSnapshot& s); // what the controller answered (an invalid one clears the view)

    // For tests and export: what is on screen.
    QBarSet* errorBars() const { return m_bars; }
    RankChangeModel* rankModel() const { return m_model; }
    QTableView* table() const { return m_table; }
    QString summaryText() const;
    QString statusText() const;
    QPushButton* chooseButton() const { return m_choose; }
    QPushButton* againButton() const { return m_again; }
    QPushButton* cancelButton() const { return m_cancel; }

signals:
    void chooseFileRequested(); // "Compare with another file…"
    void againRequested(); // the same file on the window's current prompt

private:
    void setRunning(bool running);

    QuantizationController* m_controller;
    QPushButton* m_choose;
    QPushButton* m_again;
    QPushButton* m_cancel;
    QProgressBar* m_bar;
    QLabel* m_status;
    QLabel* m_files;
    QLabel* m_summary;
    QChartView* m_chart;
    QBarSet* m_bars;
    QBarCategoryAxis* m_layers;
    QValueAxis* m_errorAxis;
    QTableView* m_table;
    RankChangeModel* m_model;
};

} // namespace ui

#pragma once
// Greedy, beam search and several seeded samples of the same prompt side by side: each token coloured by the
// model's probability of it, the total log-probability and length of each run, and the position where the runs
// first part ways (marked in every row).
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace ui {

class DecodingController;
class RunStatus;
struct ComparisonSnapshot;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(DecodingController* controller, QWidget* parent = nullptr);
    QPushButton* compareButton() const { return m_compare; }
    QTextBrowser* browser() const { return m_text; }
    RunStatus* status() const { return m_status; }
    void compare();

private:
    void onComparison(const ComparisonSnapshot& c);

    DecodingController* m_controller;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_beams = nullptr;
    QPushButton* m_compare = nullptr;
    RunStatus* m_status = nullptr;
    QTextBrowser* m_text = nullptr;
};

} // namespace ui

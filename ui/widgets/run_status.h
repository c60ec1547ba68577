#pragma once
// The state line of a long decoding run (Compare, Metrics): what is running with a progress bar and a Cancel
// button (Esc in the window cancels too), then how it ended — finished, cancelled (the partial result stays on
// screen and says so), or the error. Never "running…" after the run is over, even when it failed to start.
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ui {

class DecodingController;

class RunStatus : public QWidget {
    Q_OBJECT
public:
    explicit RunStatus(DecodingController* controller, QWidget* parent = nullptr);

    void start(const QString& what); // call right before starting the controller's action
    void setResult(const QString& text); // what the finished (or partial) result says
    bool isRunning() const { return m_running; }
    QString text() const;
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_bar; }

private:
    void finish();

    DecodingController* m_controller;
    QLabel* m_label;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    QString m_result;
    QString m_error;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace ui

#pragma once
// The quantization comparison in the window: its controller (on the window's engine), its tab, and
// File ▸ Compare with another file… (Ctrl+Shift+Q), which remembers the last file chosen. The prompt is the
// stepper's: the ids in the token strip.
#include <QObject>

#include <functional>

class QAction;
class QTabWidget;
class QWidget;

namespace ui {

class QuantizationController;
class QuantizationView;
class SessionController;

class QuantizationWorkbench : public QObject {
    Q_OBJECT
public:
    // Adds the tab to `tabs` and the action to `window`; `remember`: keep the last file in QSettings.
    QuantizationWorkbench(QWidget* window, QTabWidget* tabs, SessionController* session, bool remember);

    QuantizationController* controller() const { return m_controller; }
    QuantizationView* view() const { return m_view; }
    QAction* compareAction() const { return m_compareAction; } // File ▸ Compare with another file…

    // Compares `path` with the window's model on its prompt and brings the tab to the front.
    void compareWith(const QString& path);
    QString lastFile() const; // the last file compared (remembered across starts)
    void chooseFile(); // the file dialog, starting at lastFile()
    // For screenshots: compares `path` once the prompt's tokens are there and calls `ready` with the result on screen.
    void prepare(const QString& path, std::function<void()> ready);

private:
    QWidget* m_window;
    QTabWidget* m_tabs;
    SessionController* m_session;
    bool m_remember;
    QuantizationController* m_controller;
    QuantizationView* m_view;
    QAction* m_compareAction;
    QString m_lastFile;
};

} // namespace ui

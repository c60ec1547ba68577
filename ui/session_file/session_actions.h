#pragma once
// File ▸ Save session / Open session: the window's state as a SessionState file (session_state.h) and back. Opening
// checks the model first (missing, or changed since the session was saved: a message and, with dialogs, an offer
// to pick the folder), then puts the window back through a WindowDriver and sets every control.
#include "ui/session_file/session_state.h"

#include <QObject>

class QAction;
class QMenu;

namespace ui {

class MainWindow;
class WindowDriver;

class SessionActions : public QObject {
    Q_OBJECT
public:
    // Adds Save session / Open session to `file`. `dialogs`: ask the user (else failures only go to failed()).
    SessionActions(MainWindow* window, QMenu* file, bool dialogs);

    SessionState capture() const; // the window as it is now
    bool save(const QString& path, QString* error = nullptr) const;
    void open(const QString& path); // asynchronous: restored() or failed()
    bool isOpening() const;

    static QString lastSessionPath(); // saved when the window closes, reopened at start

signals:
    void restored(const QString& path);
    void failed(const QString& message);

private:
    void restore(const SessionState& state, const QString& modelPath, const QString& note);
    void finish(); // the window is there: now every control
    void report(const QString& message);

    MainWindow* m_window;
    WindowDriver* m_driver;
    bool m_dialogs;
    QString m_path;
    SessionState m_pending; // what is being restored
    QString m_note;
};

} // namespace ui

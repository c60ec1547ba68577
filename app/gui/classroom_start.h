#pragma once
// How the explorer starts on a saved session or a lesson: --session FILE, --lesson FILE [--lesson-step N] (with
// --screenshot, the picture is taken once the window is there), or, with no model options at all, the last session.
#include <QObject>
#include <QString>

namespace ui {
class MainWindow;
}

class ClassroomStart : public QObject {
    Q_OBJECT
public:
    struct Plan {
        QString session; // a session file
        QString lesson; // a lesson file (":/lessons/…" for a built-in one, or its id "03-prefill-decode")
        int lessonStep = 0; // 0-based
        QString screenshot; // take this picture when the window is there, then done()
        int choice = -1; // with a question: pick this choice before the picture (shows the reveal)
    };
    ClassroomStart(ui::MainWindow* window, Plan plan);
    void start();

signals:
    void done(int exitCode); // 0 = the picture was saved (or the window is there, without --screenshot)

private:
    void arrived();

    ui::MainWindow* m_window;
    Plan m_plan;
    bool m_finished = false;
};

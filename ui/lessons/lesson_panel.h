#pragma once
// The Lesson dock: a lesson's current step (its text in the explanation language), Back / Next, and a "predict,
// then reveal" question whose choices the student picks before the window shows the answer. Each step puts the
// window where the lesson says through a WindowDriver (the same way a saved session is restored).
#include "ui/lessons/lesson.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace ui {

class LessonHighlight;
class MainWindow;
class WindowDriver;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(MainWindow* window, QWidget* parent = nullptr);

    // Reads and starts a lesson file (":/lessons/…" or a path). False, after failed(message), for a bad file: the
    // lesson on screen stays.
    bool open(const QString& path);
    void start(const Lesson& lesson);
    void goTo(int step);
    void next();
    void back();
    void answer(int choice); // the student's pick; the window then reveals

    const Lesson& lesson() const { return m_lesson; }
    int stepIndex() const { return m_step; }
    bool isBusy() const; // the window is still moving to the step (or to the reveal)
    QString stepText() const; // the step's Markdown in the current language
    QString resultText() const;
    QList<QPushButton*> choiceButtons() const { return m_choices; }
    QWidget* highlighted() const; // the widget the step points at, or nullptr

signals:
    void stepReady(int step); // the window is where the step wants it
    void answered(bool correct);
    void failed(const QString& message);

private:
    enum class Phase { Idle, Step, Reveal };
    void render();
    void onArrived();
    QString language() const;

    MainWindow* m_window;
    WindowDriver* m_driver;
    LessonHighlight* m_highlight;
    Lesson m_lesson;
    int m_step = -1;
    int m_choice = -1;
    Phase m_phase = Phase::Idle;

    QLabel* m_title = nullptr;
    QLabel* m_progress = nullptr;
    QTextBrowser* m_text = nullptr;
    QGroupBox* m_questionBox = nullptr;
    QLabel* m_question = nullptr;
    QVBoxLayout* m_choiceLayout = nullptr;
    QList<QPushButton*> m_choices;
    QLabel* m_result = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace ui

#include "classroom_start.h"

#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/session_file/session_actions.h"
#include "ui/widgets/main_window.h"

#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

ClassroomStart::ClassroomStart(ui::MainWindow* window, Plan plan)
    : QObject(window)
    , m_window(window)
    , m_plan(std::move(plan))
{
}

void ClassroomStart::start()
{
    auto fail = [this](const QString& message) {
        std::fprintf(stderr, "inference-explorer: %s\n", qPrintable(message));
        if (!m_finished) {
            m_finished = true;
            emit done(1);
        }
    };
    if (!m_plan.session.isEmpty()) {
        connect(m_window->sessions(), &ui::SessionActions::failed, this, fail);
        connect(m_window->sessions(), &ui::SessionActions::restored, this, &ClassroomStart::arrived);
        m_window->sessions()->open(m_plan.session);
        return;
    }
    QString lesson = m_plan.lesson;
    if (!QFileInfo::exists(lesson))
        for (const QString& file : ui::LessonLibrary::builtIn())
            if (QFileInfo(file).completeBaseName() == lesson)
                lesson = file;
    ui::LessonPanel* panel = m_window->lessonPanel();
    connect(panel, &ui::LessonPanel::failed, this, fail);
    connect(panel, &ui::LessonPanel::stepReady, this, [this, panel](int step) {
        if (step != m_plan.lessonStep) {
            panel->goTo(m_plan.lessonStep);
        } else if (m_plan.choice >= 0 && m_plan.choice < panel->choiceButtons().size()) {
            panel->answer(m_plan.choice);
        } else {
            arrived();
        }
    });
    connect(panel, &ui::LessonPanel::answered, this, &ClassroomStart::arrived);
    m_window->openLesson(lesson);
}

void ClassroomStart::arrived()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_plan.screenshot.isEmpty()) {
        emit done(0);
        return;
    }
    QTimer::singleShot(300, this, [this] { // let the layouts settle
        if (!m_window->grab().save(m_plan.screenshot)) {
            std::fprintf(stderr, "inference-explorer: could not write %s\n", qPrintable(m_plan.screenshot));
            emit done(1);
            return;
        }
        std::printf("%s\n", qPrintable(m_plan.screenshot));
        emit done(0);
    });
}

// MainWindow's classroom side: the Lesson dock and Help ▸ Lessons, the widgets a lesson can point at, and the
// small accessors sessions and lessons read the window through.
#include "ui/widgets/main_window.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/comparison_view.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/sampling_lab.h"
#include "ui/widgets/tensor_panel.h"

#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>

#include <cstdio>

namespace ui {

void MainWindow::buildLessons(QMenu* help)
{
    m_lessonPanel = new LessonPanel(this);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonPanel);
    m_lessonPanel->setMinimumWidth(240);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    tabifyDockWidget(m_explanationDock, m_lessonDock);
    m_explanationDock->raise();
    m_lessonDock->hide();
    connect(m_lessonPanel, &LessonPanel::failed, this, [this](const QString& message) {
        if (m_options.showDialogs)
            QMessageBox::warning(this, tr("Lesson"), message);
        else
            std::fprintf(stderr, "%s\n", qPrintable(message));
    });
    m_lessonsMenu = help->addMenu(tr("&Lessons"));
    connect(m_lessonsMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildLessonsMenu);
    rebuildLessonsMenu();

    // The pages that are not an op's: from this menu, and a click on a sampling-table column opens its stage's.
    QMenu* topics = help->addMenu(tr("&Explanations"));
    connect(topics, &QMenu::aboutToShow, this, [this, topics] {
        topics->clear();
        static const QRegularExpression heading(QStringLiteral("^\\*\\*(.+?)[.:]?\\*\\*"));
        for (const QString& topic : ExplanationPanel::topics()) {
            const QRegularExpressionMatch m
                = heading.match(ExplanationPanel::loadText(topic, m_explanation->language()));
            topics->addAction(m.hasMatch() ? m.captured(1) : topic, this, [this, topic] { showTopic(topic); });
        }
    });
    topics->addAction(QString()); // so the menu opens (and fills itself) the first time
    QHeaderView* header = m_decoding->samplingLab()->table()->horizontalHeader();
    header->setSectionsClickable(true);
    connect(header, &QHeaderView::sectionClicked, this, [this](int column) {
        // Column 0 is the token, then one column per table column (ProbabilityTableModel::tableColumn).
        showTopic(m_decoding->controller()->lastSampling().stageKinds.value(column - 1));
    });
    help->addSeparator();
}

bool MainWindow::showTopic(const QString& topic)
{
    if (!m_explanation->showTopic(topic))
        return false;
    m_explanationDock->show();
    m_explanationDock->raise();
    return true;
}

void MainWindow::rebuildLessonsMenu()
{
    m_lessonsMenu->clear();
    const QString lang = m_explanation ? m_explanation->language() : QStringLiteral("en");
    auto addLessons = [this, lang](const QStringList& files) {
        for (const QString& file : files) {
            QString title = QFileInfo(file).completeBaseName();
            try {
                title = Lesson::load(file).title.in(lang);
            } catch (const std::exception&) {
                title += tr(" (cannot be read)");
            }
            m_lessonsMenu->addAction(title, this, [this, file] { openLesson(file); });
        }
    };
    addLessons(LessonLibrary::builtIn());
    const QStringList user = LessonLibrary::user();
    if (!user.isEmpty()) {
        m_lessonsMenu->addSeparator();
        addLessons(user);
    }
    m_lessonsMenu->addSeparator();
    m_lessonsMenu->addAction(tr("Open a lesson &file…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open lesson"), LessonLibrary::userFolder(), tr("Lessons (*.json)"));
        if (!path.isEmpty())
            openLesson(path);
    });
    m_lessonsMenu->addAction(tr("Open the lessons &folder"), this, [] {
        QDir().mkpath(LessonLibrary::userFolder());
        QDesktopServices::openUrl(QUrl::fromLocalFile(LessonLibrary::userFolder()));
    });
}

bool MainWindow::openLesson(const QString& path)
{
    m_lessonDock->show();
    m_lessonDock->raise();
    return m_lessonPanel->open(path);
}

QString MainWindow::tokenSummaryText() const { return m_tokenSummary->text(); }

void MainWindow::showStatus(const QString& text) { m_statusLabel->setText(text); }

QWidget* MainWindow::widgetNamed(const QString& name) const
{
    if (name == QLatin1String("prompt"))
        return m_prompt;
    if (name == QLatin1String("tokens"))
        return m_tokenScroll;
    if (name == QLatin1String("transport"))
        return m_transport;
    const std::optional<View> view = viewFromName(name);
    if (!view)
        return nullptr;
    // The diagram is framed as the scroll area the student sees; export (viewWidget) draws the whole diagram.
    return *view == View::Diagram ? m_diagramScroll : viewWidget(*view);
}

} // namespace ui

#include "ui/lessons/lesson_panel.h"

#include "core/common/error.h"
#include "ui/lessons/lesson_highlight.h"
#include "ui/session/session_controller.h"
#include "ui/session_file/window_driver.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/main_window.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

LessonPanel::LessonPanel(MainWindow* window, QWidget* parent)
    : QWidget(parent)
    , m_window(window)
    , m_driver(new WindowDriver(window, this))
    , m_highlight(new LessonHighlight(window))
{
    setObjectName(QStringLiteral("lessonPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    m_progress = new QLabel(this);
    m_progress->setWordWrap(true);
    m_text = new QTextBrowser(this);
    m_questionBox = new QGroupBox(tr("Predict, then reveal"), this);
    auto* q = new QVBoxLayout(m_questionBox);
    m_question = new QLabel(m_questionBox);
    m_question->setWordWrap(true);
    q->addWidget(m_question);
    m_choiceLayout = new QVBoxLayout;
    q->addLayout(m_choiceLayout);
    m_result = new QLabel(m_questionBox);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    q->addWidget(m_result);
    m_questionBox->hide();

    auto* buttons = new QHBoxLayout;
    m_back = new QPushButton(tr("◀ Back"), this);
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_back->setToolTip(tr("The previous step (Alt+←)"));
    m_next = new QPushButton(tr("Next ▶"), this);
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_next->setToolTip(tr("The next step (Alt+→)"));
    buttons->addWidget(m_back);
    buttons->addStretch();
    buttons->addWidget(m_next);

    layout->addWidget(m_title);
    layout->addWidget(m_progress);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_questionBox);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_driver, &WindowDriver::finished, this, &LessonPanel::onArrived);
    connect(m_driver, &WindowDriver::failed, this, [this](const QString& message) {
        m_phase = Phase::Idle;
        m_result->setText(message.toHtmlEscaped());
        m_window->showStatus(message);
        emit failed(message);
    });
    connect(m_window->explanationPanel(), &ExplanationPanel::languageChanged, this, &LessonPanel::render);
    render();
}

QString LessonPanel::language() const { return m_window->explanationPanel()->language(); }

bool LessonPanel::isBusy() const { return m_driver->isRunning(); }

QWidget* LessonPanel::highlighted() const { return m_highlight->isVisible() ? m_highlight->target() : nullptr; }

QString LessonPanel::resultText() const { return m_result->text(); }

QString LessonPanel::stepText() const
{
    return m_step >= 0 && m_step < m_lesson.steps.size() ? m_lesson.steps[m_step].text.in(language()) : QString();
}

bool LessonPanel::open(const QString& path)
{
    try {
        start(Lesson::load(path));
        return true;
    } catch (const core::Error& e) {
        const QString message = tr("This lesson cannot be used: %1").arg(QString::fromUtf8(e.what()));
        m_window->showStatus(message);
        emit failed(message);
        return false;
    }
}

void LessonPanel::start(const Lesson& lesson)
{
    m_lesson = lesson;
    goTo(0);
}

void LessonPanel::goTo(int step)
{
    if (step < 0 || step >= m_lesson.steps.size())
        return;
    m_step = step;
    m_choice = -1;
    m_highlight->setTarget(nullptr);
    m_phase = Phase::Step; // the choices wait for the window
    render();
    m_driver->apply(m_lesson.steps[step].target);
}

void LessonPanel::next() { goTo(m_step + 1); }
void LessonPanel::back() { goTo(m_step - 1); }

void LessonPanel::answer(int choice)
{
    if (m_step < 0 || !m_lesson.steps[m_step].hasQuestion || m_choice >= 0 || choice < 0
        || choice >= m_lesson.steps[m_step].question.choices.size())
        return;
    m_choice = choice;
    for (QPushButton* b : m_choices)
        b->setEnabled(false);
    m_choices[choice]->setDefault(true);
    m_result->setText(tr("Your guess: <b>%1</b> — the window shows the answer…")
                          .arg(m_lesson.steps[m_step].question.choices[choice].toHtmlEscaped()));
    m_phase = Phase::Reveal;
    m_driver->apply(m_lesson.steps[m_step].question.reveal);
}

void LessonPanel::onArrived()
{
    const Phase phase = m_phase;
    m_phase = Phase::Idle;
    if (m_step < 0)
        return;
    const LessonStep& step = m_lesson.steps[m_step];
    if (phase == Phase::Step) {
        m_highlight->setTarget(step.highlight.isEmpty() ? nullptr : m_window->widgetNamed(step.highlight));
        if (!step.explain.isEmpty())
            m_window->explanationPanel()->showTopic(step.explain);
        for (QPushButton* b : m_choices)
            b->setEnabled(true);
        emit stepReady(m_step);
        return;
    }
    if (phase != Phase::Reveal)
        return;
    const LessonQuestion& q = step.question;
    int right = q.answer;
    QString modelSays;
    if (q.kind == LessonQuestion::Kind::NextToken) {
        const QVector<Prediction>& predictions = m_window->controller()->current().predictions;
        if (!predictions.isEmpty()) {
            const Prediction& top = predictions.first();
            modelSays = tr("The model's most likely next token: <b>“%1”</b> (%2 %).")
                            .arg(top.text.toHtmlEscaped())
                            .arg(100.0 * top.probability, 0, 'f', 1);
            if (right < 0)
                for (int i = 0; i < q.choices.size(); ++i)
                    if (q.choices[i].trimmed() == top.text.trimmed())
                        right = i;
        }
    }
    const bool correct = right == m_choice;
    QString text
        = correct ? tr("<b style='color:#2e7d32'>✓ Right.</b>") : tr("<b style='color:#c62828'>✗ Not this time.</b>");
    if (!modelSays.isEmpty())
        text += QLatin1Char(' ') + modelSays;
    else if (right >= 0)
        text += QLatin1Char(' ') + tr("The answer: <b>%1</b>.").arg(q.choices[right].toHtmlEscaped());
    const QString more = q.explanation.in(language());
    if (!more.isEmpty())
        text += QStringLiteral("<br>") + more.toHtmlEscaped();
    m_result->setText(text);
    emit answered(correct);
}

void LessonPanel::render()
{
    const QString lang = language();
    if (m_step < 0 || m_step >= m_lesson.steps.size()) {
        m_title->setText(tr("No lesson open"));
        m_progress->setText(tr("Help ▸ Lessons opens one."));
        m_text->clear();
        m_questionBox->hide();
        m_back->setEnabled(false);
        m_next->setEnabled(false);
        return;
    }
    const LessonStep& step = m_lesson.steps[m_step];
    m_title->setText(m_lesson.title.in(lang));
    m_progress->setText(tr("Step %1 / %2 · %3").arg(m_step + 1).arg(m_lesson.steps.size()).arg(step.title.in(lang)));
    m_text->setMarkdown(step.text.in(lang));
    m_back->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < m_lesson.steps.size());
    m_questionBox->setVisible(step.hasQuestion);
    if (!step.hasQuestion)
        return;
    m_question->setText(step.question.text.in(lang));
    if (m_choices.size() != step.question.choices.size() || m_choice < 0) {
        qDeleteAll(m_choices);
        m_choices.clear();
        for (int i = 0; i < step.question.choices.size(); ++i) {
            auto* b
                = new QPushButton(QStringLiteral("&%1  %2").arg(i + 1).arg(
                                      QString(step.question.choices[i]).replace(QLatin1Char('&'), QLatin1String("&&"))),
                    m_questionBox);
            b->setEnabled(m_phase == Phase::Idle);
            connect(b, &QPushButton::clicked, this, [this, i] { answer(i); });
            m_choiceLayout->addWidget(b);
            m_choices << b;
        }
        m_result->setText(tr("Pick your guess first; then the window shows what the model does."));
    }
}

} // namespace ui

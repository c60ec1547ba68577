// Guided lessons: a lesson file drives the window through its steps (the cursor, the selected token and head, the
// sliders and the view checked at each, a question revealed after the pick), a malformed lesson is refused with a
// message naming the file and the field, and every built-in lesson reads and names ops its model has.
#include "random_model.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/session/session_controller.h"
#include "ui/session_file/window_driver.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/sampling_lab.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using ui::LessonPanel;
using ui::MainWindow;

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aLessonDrivesTheWindow();
    void aNextTokenQuestionIsDecidedByTheModel();
    void malformedLessonsAreRefused_data();
    void malformedLessonsAreRefused();
    void builtInLessonsFollowTheSeedChapters();

private:
    QString write(const QString& name, const QJsonObject& lesson);
    QJsonObject lessonJson(const QJsonArray& steps) const;
    static QJsonObject text(const QString& en, const QString& tr);
    void waitStep(int step);
    QTemporaryDir m_dir;
    QString m_model;
    MainWindow* m_window = nullptr;
};

void TestLessons::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = testing::makeRandomModel(m_dir);
}

void TestLessons::init()
{
    m_window = new MainWindow(MainWindow::Options { false, false });
    m_window->resize(1280, 720);
    m_window->show();
}

void TestLessons::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

QJsonObject TestLessons::text(const QString& en, const QString& tr) { return { { "en", en }, { "tr", tr } }; }

QJsonObject TestLessons::lessonJson(const QJsonArray& steps) const
{
    return { { "format", "inference-explorer-lesson" }, { "version", 1 }, { "title", text("Test", "Deneme") },
        { "model", m_model }, { "steps", steps } };
}

QString TestLessons::write(const QString& name, const QJsonObject& lesson)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(lesson).toJson());
    return path;
}

void TestLessons::waitStep(int step)
{
    LessonPanel* panel = m_window->lessonPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 20000);
    QCOMPARE(panel->stepIndex(), step);
}

void TestLessons::aLessonDrivesTheWindow()
{
    const QJsonArray steps {
        QJsonObject { { "title", text("Tokens", "Tokenlar") }, { "text", text("The prompt.", "İstem.") },
            { "prompt", "abcdef" }, { "op", "start" }, { "view", "tensor" }, { "highlight", "tokens" } },
        QJsonObject { { "title", text("A head", "Bir baş") }, { "text", text("Layer 1.", "Katman 1.") },
            { "op", "blk.1.head.2.softmax" }, { "token", 3 }, { "head", QJsonArray { 1, 2 } }, { "view", "attention" },
            { "explain", "gqa" } },
        QJsonObject { { "title", text("Sliders", "Kaydırıcılar") }, { "text", text("Cooler.", "Daha soğuk.") },
            { "sampling", "temperature=0.5,top_k=3" }, { "view", "sampling" }, { "highlight", "sampling" } },
        QJsonObject { { "title", text("Guess", "Tahmin") }, { "text", text("Pick.", "Seç.") },
            { "question",
                QJsonObject { { "kind", "choice" }, { "text", text("Which?", "Hangisi?") },
                    { "choices", QJsonArray { "a", "b", "c" } }, { "answer", 1 },
                    { "reveal", QJsonObject { { "op", "end" }, { "view", "tensor" } } } } } },
    };
    QSignalSpy ready(m_window->lessonPanel(), &LessonPanel::stepReady);
    QVERIFY(m_window->openLesson(write(QStringLiteral("drive.json"), lessonJson(steps))));
    LessonPanel* panel = m_window->lessonPanel();
    ui::SessionController* session = m_window->controller();
    ui::SamplingLab* lab = m_window->decoding()->samplingLab();

    waitStep(0);
    QCOMPARE(session->tokens().size(), 6);
    QCOMPARE(session->cursor(), -1);
    QCOMPARE(m_window->currentView(), ui::View::Tensor);
    QCOMPARE(panel->highlighted(), m_window->widgetNamed(QStringLiteral("tokens")));
    QCOMPARE(panel->stepText(), QStringLiteral("The prompt."));
    m_window->explanationPanel()->setLanguage(QStringLiteral("tr"));
    QCOMPARE(panel->stepText(), QStringLiteral("İstem."));
    m_window->explanationPanel()->setLanguage(QStringLiteral("en"));

    panel->next();
    waitStep(1);
    const int node = ui::WindowDriver::findNode(session->model().plan, QStringLiteral("blk.1.head.2.softmax"), -1);
    QVERIFY(node > 0);
    QCOMPARE(session->cursor(), node);
    QCOMPARE(session->current().name, QStringLiteral("blk.1.head.2.softmax"));
    QCOMPARE(m_window->selectedPosition(), 3);
    QCOMPARE(m_window->attentionPanel()->view()->selectedLayer(), 1);
    QCOMPARE(m_window->attentionPanel()->view()->selectedHead(), 2);
    QCOMPARE(m_window->currentView(), ui::View::Attention);
    QCOMPARE(m_window->explanationPanel()->kind(), QStringLiteral("gqa"));
    QCOMPARE(panel->highlighted(), nullptr);

    panel->next();
    waitStep(2);
    QCOMPARE(lab->temperatureSlider()->value(), 50); // 0.5 at the slider's 0.01 steps
    QCOMPARE(lab->topKSlider()->value(), 3);
    QCOMPARE(lab->parameters().temperature, 0.5f);
    QCOMPARE(m_window->decoding()->controller()->sampling().topK, 3);
    QCOMPARE(m_window->currentView(), ui::View::Sampling);
    QCOMPARE(panel->highlighted(), m_window->widgetNamed(QStringLiteral("sampling")));

    panel->next();
    waitStep(3);
    QCOMPARE(panel->choiceButtons().size(), 3);
    QVERIFY(session->cursor() < session->opCount() - 1); // nothing revealed before the pick
    QSignalSpy answered(panel, &LessonPanel::answered);
    QTest::mouseClick(panel->choiceButtons()[2], Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 20000);
    QCOMPARE(answered.first().first().toBool(), false);
    QVERIFY(session->current().finished()); // the reveal ran the pass
    QVERIFY2(panel->resultText().contains(QStringLiteral("b")), qPrintable(panel->resultText()));

    panel->back(); // back to the sliders: they are set again
    lab->applySettings(QStringLiteral("temperature=1.2"));
    panel->goTo(2);
    waitStep(2);
    QCOMPARE(lab->temperatureSlider()->value(), 50);
    QVERIFY(ready.count() >= 5);
}

void TestLessons::aNextTokenQuestionIsDecidedByTheModel()
{
    const QJsonArray steps {
        QJsonObject { { "title", text("Guess", "Tahmin") }, { "text", text("Next?", "Sıradaki?") },
            { "prompt", "abcdef" }, { "op", "start" },
            { "question",
                QJsonObject { { "kind", "next_token" }, { "text", text("Which?", "Hangisi?") },
                    { "choices", QJsonArray { "x", "y" } }, { "reveal", QJsonObject { { "op", "end" } } } } } },
    };
    QVERIFY(m_window->openLesson(write(QStringLiteral("next.json"), lessonJson(steps))));
    waitStep(0);
    QSignalSpy answered(m_window->lessonPanel(), &LessonPanel::answered);
    m_window->lessonPanel()->answer(0);
    QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 20000);
    const QVector<ui::Prediction>& predictions = m_window->controller()->current().predictions;
    QVERIFY(!predictions.isEmpty());
    const QString top = predictions.first().text;
    QCOMPARE(answered.first().first().toBool(), top.trimmed() == QStringLiteral("x"));
    QVERIFY2(m_window->lessonPanel()->resultText().contains(top.toHtmlEscaped()),
        qPrintable(m_window->lessonPanel()->resultText()));
}

void TestLessons::malformedLessonsAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    const QJsonObject good { { "title", text("A", "B") }, { "text", text("a", "b") }, { "prompt", "abc" } };
    auto lesson = [this](const QJsonObject& step) { return QJsonDocument(lessonJson(QJsonArray { step })).toJson(); };
    auto change = [&good](const char* key, const QJsonValue& value) {
        QJsonObject s = good;
        s.insert(QLatin1String(key), value);
        return s;
    };
    QTest::newRow("not json") << QByteArray("{\"steps\": [") << QString();
    QTest::newRow("a session file") << QByteArray("{\"format\": \"inference-explorer-session\", \"version\": 1}")
                                    << "format";
    QJsonObject newer = lessonJson(QJsonArray { good });
    newer["version"] = 2;
    QTest::newRow("a newer version") << QJsonDocument(newer).toJson() << "version";
    QTest::newRow("no steps") << QJsonDocument(lessonJson(QJsonArray {})).toJson() << "steps";
    QTest::newRow("no Turkish") << lesson(change("text", QJsonObject { { "en", "only" } })) << "steps[0].text.tr";
    QTest::newRow("unknown view") << lesson(change("view", "pictures")) << "steps[0].view";
    QTest::newRow("head as text") << lesson(change("head", "3.1")) << "steps[0].head";
    QTest::newRow("head of three") << lesson(change("head", QJsonArray { 1, 2, 3 })) << "steps[0].head";
    QTest::newRow("unknown highlight") << lesson(change("highlight", "everything")) << "steps[0].highlight";
    QTest::newRow("unknown page") << lesson(change("explain", "nothing")) << "steps[0].explain";
    QTest::newRow("empty prompt") << lesson(change("prompt", "  ")) << "steps[0].prompt";
    QTest::newRow("token below -1") << lesson(change("token", -5)) << "steps[0].token";
    const QJsonObject question { { "kind", "choice" }, { "text", text("?", "?") },
        { "choices", QJsonArray { "a", "b" } }, { "answer", 0 } };
    auto ask = [&](const char* key, const QJsonValue& value) {
        QJsonObject q = question;
        if (value.isUndefined())
            q.remove(QLatin1String(key));
        else
            q.insert(QLatin1String(key), value);
        return lesson(change("question", q));
    };
    QTest::newRow("answer out of range") << ask("answer", 2) << "steps[0].question.answer";
    QTest::newRow("choice without answer") << ask("answer", QJsonValue::Undefined) << "steps[0].question.answer";
    QTest::newRow("one choice") << ask("choices", QJsonArray { "a" }) << "steps[0].question.choices";
    QTest::newRow("unknown kind") << ask("kind", "essay") << "steps[0].question.kind";
    QTest::newRow("bad reveal") << ask("reveal", QJsonObject { { "view", "nowhere" } })
                                << "steps[0].question.reveal.view";
}

void TestLessons::malformedLessonsAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const QString path = m_dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
    }
    QSignalSpy failed(m_window->lessonPanel(), &LessonPanel::failed);
    QVERIFY(!m_window->openLesson(path));
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(path), qPrintable(message));
    if (!field.isEmpty())
        QVERIFY2(message.contains(field), qPrintable(message));
    QVERIFY(m_window->statusText().contains(path));
    QCOMPARE(m_window->lessonPanel()->stepIndex(), -1); // nothing half-started
}

void TestLessons::builtInLessonsFollowTheSeedChapters()
{
    const QStringList files = ui::LessonLibrary::builtIn();
    QVERIFY2(files.size() >= 10, qPrintable(files.join(QLatin1Char(' '))));
    // Every op a lesson names must exist in its model: load each model once and look.
    QHash<QString, QVector<ui::PlanNodeInfo>> plans;
    for (const QString& file : files) {
        const ui::Lesson lesson = ui::Lesson::load(file);
        QVERIFY2(lesson.steps.size() >= 2, qPrintable(file));
        QVERIFY2(lesson.steps.first().target.model.has_value(), qPrintable(file));
        const QString model = *lesson.steps.first().target.model;
        if (!plans.contains(model)) {
            ui::SessionController c;
            c.loadModel(model);
            QTRY_VERIFY2_WITH_TIMEOUT(c.hasModel(), qPrintable(model), 20000);
            plans.insert(model, c.model().plan);
        }
        bool asks = false;
        for (const ui::LessonStep& step : lesson.steps) {
            asks = asks || step.hasQuestion;
            for (const ui::WindowTarget* t : { &step.target, &step.question.reveal })
                if (t->op && *t->op != QLatin1String("start") && *t->op != QLatin1String("end"))
                    QVERIFY2(ui::WindowDriver::findNode(plans[model], *t->op, t->opLayer) >= 0,
                        qPrintable(file + QStringLiteral(": ") + *t->op));
            QVERIFY2(!step.text.tr.isEmpty() && step.text.tr != step.text.en, qPrintable(file));
        }
        QVERIFY2(asks, qPrintable(file + QStringLiteral(" asks nothing")));
    }
}

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"

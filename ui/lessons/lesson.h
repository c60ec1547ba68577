#pragma once
// A guided lesson: data, one JSON file per lesson (resources/lessons/ ships the built-in ones; teachers put their
// own in the user lessons folder, LessonLibrary::userFolder()). The format is documented in
// resources/lessons/README.md. Each step puts the window somewhere (a WindowTarget: model, prompt, cursor, token,
// head, sliders, view), highlights a widget, shows text in English and Turkish, and may ask a "predict, then
// reveal" question: the student picks before the window shows the answer.
#include "ui/session_file/window_target.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace ui {

struct LessonText {
    QString en;
    QString tr;
    QString in(const QString& language) const { return language == QLatin1String("tr") && !tr.isEmpty() ? tr : en; }
};

struct LessonQuestion {
    enum class Kind { NextToken, Head, Choice };
    Kind kind = Kind::Choice;
    LessonText text;
    QStringList choices;
    // The right choice; -1 for a next-token question decided by the model itself (its most likely token).
    int answer = -1;
    WindowTarget reveal; // what the window does once the student has picked
    LessonText explanation; // shown with the answer
};

struct LessonStep {
    LessonText title;
    LessonText text; // Markdown
    WindowTarget target;
    QString highlight; // a widget name of LessonStep::highlightNames(), or empty
    QString explain; // an explanation page shown with the step ("top_p", "rope", ...), or empty
    bool hasQuestion = false;
    LessonQuestion question;

    // A view name of view_names.h, or one of these.
    static QStringList extraHighlightNames()
    {
        return { QStringLiteral("prompt"), QStringLiteral("tokens"), QStringLiteral("transport") };
    }
};

struct Lesson {
    static constexpr int kVersion = 1;
    static constexpr std::uint64_t kMaxLessonBytes = 1ull << 20;
    static constexpr int kMaxSteps = 100;

    QString file;
    QString id; // the file name without .json
    LessonText title;
    LessonText summary;
    QVector<LessonStep> steps;

    // Throws core::Error(fileName, field, ...) naming the first bad field. `modelFolder` resolves a "model" that is
    // a sample model's name ("tiny-gpt2"); a relative path is relative to the lesson file's folder.
    static Lesson fromJsonText(const std::string& text, const QString& fileName);
    static Lesson load(const QString& path); // bounded read (kMaxLessonBytes) + fromJsonText
};

} // namespace ui

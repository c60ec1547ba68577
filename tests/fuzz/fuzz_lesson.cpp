// libFuzzer harness: a lesson file (Help ▸ Lessons; teachers write and share their own). A lesson either is refused
// with core::Error naming the field, or has steps the window can drive: every highlight a known widget name, every
// question's answer one of its choices.
#include "core/common/error.h"
#include "ui/lessons/lesson.h"
#include "ui/widgets/view_names.h"

#include <QCoreApplication>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv); // the model locator asks for the application's folder
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const ui::Lesson lesson = ui::Lesson::fromJsonText(text, QStringLiteral("lesson.json"));
        if (lesson.steps.isEmpty())
            __builtin_trap();
        for (const ui::LessonStep& step : lesson.steps) {
            if (!step.highlight.isEmpty() && !ui::viewFromName(step.highlight)
                && !ui::LessonStep::extraHighlightNames().contains(step.highlight))
                __builtin_trap();
            const ui::LessonQuestion& q = step.question;
            if (step.hasQuestion && q.kind == ui::LessonQuestion::Kind::Choice
                && (q.answer < 0 || q.answer >= q.choices.size()))
                __builtin_trap();
        }
    } catch (const core::Error&) {
    }
    return 0;
}

#include "ui/lessons/lesson.h"

#include "core/common/error.h"
#include "core/common/file_read.h"
#include "core/common/json_fields.h"
#include "ui/session/model_locator.h"
#include "ui/widgets/view_names.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ui {

namespace {
    constexpr const char* kFormat = "inference-explorer-lesson";
    constexpr std::size_t kMaxText = 64 * 1024;
    constexpr int kMaxChoices = 12;

    using json = nlohmann::json;

    QString qstr(const std::string& s) { return QString::fromStdString(s); }

    // Reads fields of one object; every error names the file and the field's path ("steps[2].question.answer").
    class Reader {
    public:
        Reader(const json& object, const std::string& file, const std::string& path)
            : m_obj(object)
            , m_fields(object, file, path)
            , m_file(file)
        {
        }
        const core::JsonFields& fields() const { return m_fields; }
        bool has(const std::string& key) const { return m_fields.has(key); }
        const json& at(const std::string& key) const { return m_obj.at(key); }
        std::string path(const std::string& key) const { return m_fields.path(key); }
        [[noreturn]] void fail(const std::string& key, const std::string& what) const
        {
            throw core::Error(m_file, path(key), what);
        }

        QString string(const std::string& key, bool required = false) const
        {
            if (!has(key)) {
                if (required)
                    fail(key, "missing");
                return {};
            }
            const std::string s = m_fields.string(key, "");
            if (s.size() > kMaxText)
                fail(key, "is longer than " + std::to_string(kMaxText) + " bytes");
            return qstr(s);
        }

        // {"en": "...", "tr": "..."}: both languages are required, so no student meets a half-translated lesson.
        LessonText text(const std::string& key, bool required) const
        {
            if (!has(key)) {
                if (required)
                    fail(key, "missing");
                return {};
            }
            const Reader r(at(key), m_file, path(key));
            return { r.string("en", true), r.string("tr", true) };
        }

        std::string file() const { return m_file; }

    private:
        const json& m_obj;
        core::JsonFields m_fields;
        std::string m_file;
    };

    QString resolveModel(const QString& model, const QString& lessonFile)
    {
        for (const QString& folder : ModelLocator::sampleModels())
            if (QDir(folder).dirName() == model)
                return folder;
        const QFileInfo info(model);
        if (info.isAbsolute())
            return model;
        if (!lessonFile.startsWith(QLatin1Char(':'))) {
            const QString relative = QFileInfo(lessonFile).dir().filePath(model);
            if (QFileInfo::exists(relative))
                return relative;
        }
        return model; // the window reports it as missing when the step opens it
    }

    void readTarget(const Reader& r, WindowTarget& t, const QString& lessonFile)
    {
        if (r.has("model"))
            t.model = resolveModel(r.string("model"), lessonFile);
        if (r.has("prompt")) {
            t.prompt = r.string("prompt");
            if (t.prompt->trimmed().isEmpty())
                r.fail("prompt", "is empty");
        }
        if (r.has("op"))
            t.op = r.string("op");
        t.opLayer = int(r.fields().integer("layer", -1, -1, 1024));
        if (r.has("token"))
            t.token = int(r.fields().integer("token", 0, -1, 65536));
        if (r.has("head")) {
            const json& h = r.at("head");
            if (!h.is_array() || h.size() != 2 || !h[0].is_number_integer() || !h[1].is_number_integer()
                || h[0].get<int>() < 0 || h[1].get<int>() < 0 || h[0].get<int>() > 1024 || h[1].get<int>() > 1024)
                r.fail("head", "expected [layer, head], two whole numbers >= 0, got " + h.dump());
            t.head = qMakePair(h[0].get<int>(), h[1].get<int>());
        }
        if (r.has("sampling"))
            t.sampling = r.string("sampling");
        if (r.has("view")) {
            t.view = r.string("view");
            if (!viewFromName(*t.view))
                r.fail("view",
                    "unknown view \"" + t.view->toStdString() + "\" (one of "
                        + viewNames().join(QStringLiteral(", ")).toStdString() + ")");
        }
    }

    LessonQuestion readQuestion(const Reader& r, const QString& lessonFile)
    {
        LessonQuestion q;
        const QString kind = r.string("kind", true);
        if (kind == QLatin1String("next_token"))
            q.kind = LessonQuestion::Kind::NextToken;
        else if (kind == QLatin1String("head"))
            q.kind = LessonQuestion::Kind::Head;
        else if (kind == QLatin1String("choice"))
            q.kind = LessonQuestion::Kind::Choice;
        else
            r.fail("kind", "expected \"next_token\", \"head\" or \"choice\", got \"" + kind.toStdString() + "\"");
        q.text = r.text("text", true);
        q.explanation = r.text("explanation", false);
        if (!r.has("choices") || !r.at("choices").is_array())
            r.fail("choices", "expected an array of strings");
        const json& choices = r.at("choices");
        if (choices.size() < 2 || choices.size() > std::size_t(kMaxChoices))
            r.fail("choices",
                "expected 2 to " + std::to_string(kMaxChoices) + " choices, got " + std::to_string(choices.size()));
        for (const json& c : choices) {
            if (!c.is_string() || c.get<std::string>().empty() || c.get<std::string>().size() > 256)
                r.fail("choices", "expected non-empty strings, got " + c.dump());
            q.choices << qstr(c.get<std::string>());
        }
        const bool modelDecides = q.kind == LessonQuestion::Kind::NextToken;
        q.answer = int(r.fields().integer("answer", -1, modelDecides ? -1 : 0, q.choices.size() - 1));
        if (!modelDecides && q.answer < 0)
            r.fail("answer", "missing (only a next_token question may leave the answer to the model)");
        if (r.has("reveal"))
            readTarget(Reader(r.at("reveal"), r.file(), r.path("reveal")), q.reveal, lessonFile);
        return q;
    }
}

Lesson Lesson::fromJsonText(const std::string& text, const QString& fileName)
{
    const std::string file = fileName.toStdString();
    const json root = core::parseJsonText(text, file);
    const Reader r(root, file, "");
    if (r.fields().string("format", "") != kFormat)
        r.fail("format", "is not an Inference Explorer lesson (expected \"" + std::string(kFormat) + "\")");
    const std::int64_t version = r.fields().integer("version", 0, 1 << 20);
    if (version != kVersion)
        r.fail("version",
            "is " + std::to_string(version) + "; this explorer reads lesson version " + std::to_string(kVersion));

    Lesson lesson;
    lesson.file = fileName;
    lesson.id = QFileInfo(fileName).completeBaseName();
    lesson.title = r.text("title", true);
    lesson.summary = r.text("summary", false);
    WindowTarget defaults;
    if (r.has("model"))
        defaults.model = resolveModel(r.string("model"), fileName);
    if (!r.has("steps") || !root.at("steps").is_array() || root.at("steps").empty())
        r.fail("steps", "expected a non-empty array of steps");
    const json& steps = root.at("steps");
    if (steps.size() > std::size_t(kMaxSteps))
        r.fail("steps", "more than " + std::to_string(kMaxSteps) + " steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Reader s(steps[i], file, "steps[" + std::to_string(i) + "]");
        LessonStep step;
        step.title = s.text("title", true);
        step.text = s.text("text", true);
        readTarget(s, step.target, fileName);
        if (!step.target.model && i == 0)
            step.target.model = defaults.model; // the lesson's model, opened by its first step
        step.highlight = s.string("highlight");
        if (!step.highlight.isEmpty() && !viewFromName(step.highlight)
            && !LessonStep::extraHighlightNames().contains(step.highlight))
            s.fail("highlight", "unknown widget \"" + step.highlight.toStdString() + "\"");
        step.explain = s.string("explain");
        if (!step.explain.isEmpty() && !QFile::exists(QStringLiteral(":/explanations/%1.en.md").arg(step.explain)))
            s.fail("explain", "no explanation page \"" + step.explain.toStdString() + "\"");
        if (s.has("question")) {
            step.hasQuestion = true;
            step.question = readQuestion(Reader(s.at("question"), file, s.path("question")), fileName);
        }
        lesson.steps << step;
    }
    return lesson;
}

Lesson Lesson::load(const QString& path)
{
    if (path.startsWith(QLatin1Char(':'))) { // a built-in lesson (Qt resource)
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || f.size() > qint64(kMaxLessonBytes))
            throw core::Error(path.toStdString(), "", "cannot be read");
        return fromJsonText(f.readAll().toStdString(), path);
    }
    return fromJsonText(core::readRegularFile(path.toStdString(), kMaxLessonBytes), path);
}

} // namespace ui

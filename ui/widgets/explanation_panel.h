#pragma once
// What the current op does, in plain words for students, and its formula with the loaded model's numbers.
// Texts live in resources/explanations/<op_kind>.<lang>.md (English and Turkish); {dim}, {headDim}, {T}, ...
// are replaced by the current values.
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"

#include <QWidget>

class QComboBox;
class QTextBrowser;

namespace ui {

class ExplanationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);

    void setModel(const ModelInfo& model);
    void setStep(const StepSnapshot& step);
    void setLanguage(const QString& code); // "en" or "tr"
    // A page that is not an op ("top_p", "beam_length_penalty", "ttft_tpot", "gqa", ...), until the next step.
    // False (and nothing changes) when there is no such page.
    bool showTopic(const QString& topic);
    // Every page that is not an op's: the sampling stages and penalties, beam scoring, speed and memory, ...
    static QStringList topics();
    QString language() const { return m_language; }
    QString kind() const { return m_kind; }
    QString markdown() const { return m_markdown; } // what is shown, placeholders filled in

    // The raw text for an op kind ("overview" before the first op); English when the language has none.
    static QString loadText(const QString& kind, const QString& language);

signals:
    void languageChanged(const QString& code);

private:
    void refresh();

    QComboBox* m_languageBox = nullptr;
    QTextBrowser* m_browser = nullptr;
    ModelInfo m_model;
    StepSnapshot m_step;
    QString m_language = QStringLiteral("en");
    QString m_kind = QStringLiteral("overview");
    QString m_topic; // shown instead of the step's op while not empty
    QString m_markdown;
};

} // namespace ui

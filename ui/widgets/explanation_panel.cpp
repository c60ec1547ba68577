#include "ui/widgets/explanation_panel.h"

#include "ui/session/op_label.h"
#include "ui/widgets/interface_language.h"

#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QTextBrowser>
#include <QTranslator>
#include <QVBoxLayout>

#include <cmath>
#include <cstdio>

namespace ui {

namespace {
    // The op's label in Turkish whatever the interface language: the same OpLabel words as the Turkish interface.
    QString turkishLabel(const StepSnapshot& step)
    {
        static QTranslator* turkish = [] {
            auto* t = new QTranslator;
            if (!t->load(InterfaceLanguage::qmResource(QStringLiteral("tr"))))
                std::fprintf(stderr, "inference-explorer: the Turkish translation is missing from the resources\n");
            return t;
        }();
        return opLabel(step, turkish);
    }
}

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&Language:"), this);
    m_languageBox = new QComboBox(this);
    m_languageBox->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageBox->addItem(QStringLiteral("Türkçe"), QStringLiteral("tr"));
    label->setBuddy(m_languageBox);
    top->addWidget(label);
    top->addWidget(m_languageBox);
    top->addStretch();
    layout->addLayout(top);
    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(false);
    layout->addWidget(m_browser, 1);
    connect(m_languageBox, &QComboBox::currentIndexChanged, this,
        [this](int i) { setLanguage(m_languageBox->itemData(i).toString()); });
    refresh();
}

QString ExplanationPanel::loadText(const QString& kind, const QString& language)
{
    for (const QString& lang : { language, QStringLiteral("en") }) {
        QFile f(QStringLiteral(":/explanations/%1.%2.md").arg(kind, lang));
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll());
    }
    return {};
}

void ExplanationPanel::setModel(const ModelInfo& model)
{
    m_model = model;
    m_step = StepSnapshot {};
    refresh();
}

void ExplanationPanel::setStep(const StepSnapshot& step)
{
    m_step = step;
    m_topic.clear();
    refresh();
}

void ExplanationPanel::setLanguage(const QString& code)
{
    if (code == m_language)
        return;
    m_language = code;
    const int i = m_languageBox->findData(code);
    if (i >= 0 && i != m_languageBox->currentIndex())
        m_languageBox->setCurrentIndex(i);
    refresh();
    emit languageChanged(code);
}

QStringList ExplanationPanel::topics()
{
    return { QStringLiteral("temperature"), QStringLiteral("top_k"), QStringLiteral("top_p"), QStringLiteral("min_p"),
        QStringLiteral("typical_p"), QStringLiteral("repetition_penalty"), QStringLiteral("presence_frequency_penalty"),
        QStringLiteral("logit_bias"), QStringLiteral("beam_length_penalty"), QStringLiteral("ttft_tpot"),
        QStringLiteral("gqa"), QStringLiteral("positional_encoding"), QStringLiteral("stopping"),
        QStringLiteral("interventions"), QStringLiteral("activation_patching") };
}

bool ExplanationPanel::showTopic(const QString& topic)
{
    if (!QFile::exists(QStringLiteral(":/explanations/%1.en.md").arg(topic)))
        return false;
    m_topic = topic;
    refresh();
    return true;
}

void ExplanationPanel::refresh()
{
    // The explanation's file is named after the op kind (a resource key, not a label), or after the topic shown.
    m_kind = !m_topic.isEmpty() ? m_topic
        : m_step.isValid()      ? QString::fromUtf8(core::opKindName(m_step.opKind))
                                : QStringLiteral("overview");
    QString text = loadText(m_kind, m_language);
    // Before any pass the overview would speak of "0 transformer blocks" (no model) or "T tokens" (no prompt that
    // ran): say what is missing instead.
    if (m_topic.isEmpty() && m_step.total == 0 && !m_model.isValid())
        text = tr("**No model loaded.** Open one with File ▸ Open model… (Ctrl+O), File ▸ Sample models, or drop a "
                  "model folder on the window.");
    else if (m_topic.isEmpty() && m_step.total == 0)
        text = tr("**No prompt has run yet.** Type a prompt above and press Ctrl+Return (a model without "
                  "tokenizer.json takes token ids separated by spaces).");
    if (text.isEmpty())
        text = tr("(No explanation for “%1” yet.)").arg(m_kind);
    // A decode pass runs the same ops on one new token: the op's text follows a note on what differs (before its
    // first op the note alone: the overview speaks of the prefill).
    if (m_topic.isEmpty() && m_step.total > 0 && !m_step.prefill) {
        const QString note = loadText(QStringLiteral("decode_phase"), m_language);
        text = m_step.isValid() ? note + QLatin1Char('\n') + text : note;
    }
    const int T = m_step.positions > 0 ? m_step.positions : 0;
    const QString tText = T > 0 ? QString::number(T) : QStringLiteral("T");
    // Where the norm sits decides the residual formula: pre-norm normalises the sublayer's input, post-norm the sum.
    const bool postNorm = m_model.placement == QLatin1String("post");
    const QString residual = postNorm ? QStringLiteral("x = Norm(x + Attention(x))      →      x = Norm(x + FFN(x))")
                                      : QStringLiteral("x = x + Attention(Norm(x))      →      x = x + FFN(Norm(x))");
    const QList<QPair<QString, QString>> vars {
        { QStringLiteral("dim"), QString::number(m_model.dim) },
        { QStringLiteral("hidden"), QString::number(m_model.hidden) },
        { QStringLiteral("heads"), QString::number(m_model.heads) },
        { QStringLiteral("kvHeads"), QString::number(m_model.kvHeads) },
        { QStringLiteral("headDim"), QString::number(m_model.headDim) },
        { QStringLiteral("sqrtHeadDim"), QString::number(std::sqrt(double(std::max(0, m_model.headDim))), 'f', 2) },
        { QStringLiteral("layers"), QString::number(m_model.layers) },
        { QStringLiteral("qDim"), QString::number(m_model.qDim) },
        { QStringLiteral("rotaryDim"), QString::number(m_model.rotaryDim) },
        { QStringLiteral("window"), QString::number(m_model.window) },
        { QStringLiteral("sqrtDim"), QString::number(std::sqrt(double(std::max(0, m_model.dim))), 'f', 2) },
        { QStringLiteral("attnCap"), QString::number(m_model.attnSoftcap) },
        { QStringLiteral("logitCap"), QString::number(m_model.finalSoftcap) },
        { QStringLiteral("vocab"), QString::number(m_model.vocab) },
        { QStringLiteral("context"), QString::number(m_model.context) },
        { QStringLiteral("activation"), m_model.activation },
        { QStringLiteral("norm"), m_model.norm },
        { QStringLiteral("placement"), m_model.placement },
        { QStringLiteral("residualFormula"), residual },
        { QStringLiteral("positional"), m_model.positional },
        { QStringLiteral("T"), tText },
        { QStringLiteral("ctx"), m_step.context > 0 ? QString::number(m_step.context) : QStringLiteral("ctx") },
        { QStringLiteral("layer"), QString::number(std::max(0, m_step.layer)) },
        { QStringLiteral("head"), QString::number(std::max(0, m_step.head)) },
        { QStringLiteral("rows"), QString::number(m_step.rows) },
        { QStringLiteral("cols"), QString::number(m_step.cols) },
        { QStringLiteral("step"), QString::number(m_step.decodeStep) },
        { QStringLiteral("cached"), QString::number(std::max(0, m_step.context - m_step.positions)) },
    };
    for (const auto& [key, value] : vars)
        text.replace(QLatin1Char('{') + key + QLatin1Char('}'), value);
    if (m_step.isValid() && m_topic.isEmpty())
        text = QStringLiteral("#### %1\n\n`%2` · `%3` → (%4×%5)\n\n")
                   .arg(m_language == QLatin1String("tr") ? turkishLabel(m_step) : englishOpLabel(m_step), m_kind,
                       m_step.name)
                   .arg(m_step.rows)
                   .arg(m_step.cols)
            + text;
    m_markdown = text;
    m_browser->setMarkdown(text);
}

} // namespace ui

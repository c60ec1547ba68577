#include "ui/interp/attribution_panel.h"

#include "ui/interp/attribution_bars.h"
#include "ui/widgets/view_export.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ui {

AttributionPanel::AttributionPanel(InterpController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* targetLabel = new QLabel(tr("Logit &of:"), this);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("the most likely next token, or e.g. ␣Paris"));
    targetLabel->setBuddy(m_target);
    auto* minusLabel = new QLabel(tr("mi&nus:"), this);
    m_minus = new QLineEdit(this);
    m_minus->setPlaceholderText(tr("optional, e.g. ␣Berlin"));
    minusLabel->setBuddy(m_minus);
    m_run = new QPushButton(tr("Attribut&e"), this);
    m_run->setToolTip(tr("Split the last position's logit into what the embedding, every head and every MLP wrote"));
    row->addWidget(targetLabel);
    row->addWidget(m_target, 1);
    row->addWidget(minusLabel);
    row->addWidget(m_minus, 1);
    row->addWidget(m_run);
    layout->addLayout(row);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_stack = new QStackedWidget(this);
    m_bars = new AttributionBars;
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_bars);
    scroll->setWidgetResizable(true);
    m_refusal = new QLabel;
    m_refusal->setWordWrap(true);
    m_refusal->setAlignment(Qt::AlignCenter);
    m_refusal->setMargin(24);
    m_stack->addWidget(scroll);
    m_stack->addWidget(m_refusal);
    layout->addWidget(m_stack, 1);

    connect(m_run, &QPushButton::clicked, this, &AttributionPanel::run);
    connect(m_target, &QLineEdit::returnPressed, this, &AttributionPanel::run);
    connect(m_minus, &QLineEdit::returnPressed, this, &AttributionPanel::run);
    connect(m_bars, &AttributionBars::partClicked, this,
        [this](const AttributionSnapshot::Part& part) { emit jumpRequested(part.nodeIndex); });
    connect(controller, &InterpController::attributionChanged, this, &AttributionPanel::onAttribution);
    connect(controller, &InterpController::failed, this, [this](InterpController::Analysis a, const QString& message) {
        if (a != InterpController::Analysis::Attribution)
            return;
        m_summary->setText(tr("No attribution for this model and prompt:"));
        m_refusal->setText(message);
        m_stack->setCurrentWidget(m_refusal);
    });
    connect(controller, &InterpController::contextChanged, this, [this] {
        if (isVisible() && !m_controller->tokens().empty())
            run();
    });
    m_summary->setText(tr("The attribution of the prompt's next token runs when this tab is shown."));
}

QString AttributionPanel::summary() const { return m_summary->text(); }

QString AttributionPanel::refusal() const
{
    return m_stack->currentWidget() == m_refusal ? m_refusal->text() : QString();
}

void AttributionPanel::setTokens(const QString& target, const QString& minus)
{
    m_target->setText(visibleToken(target));
    m_minus->setText(visibleToken(minus));
    run();
}

void AttributionPanel::run()
{
    if (!m_controller->hasModel() || m_controller->tokens().empty()) {
        m_summary->setText(tr("Open a model and type a prompt first."));
        return;
    }
    m_summary->setText(tr("Attributing …"));
    m_controller->runAttribution(typedToken(m_target->text()), typedToken(m_minus->text()));
}

void AttributionPanel::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    if (!m_controller->isFresh(InterpController::Analysis::Attribution) && !m_controller->tokens().empty())
        run();
}

void AttributionPanel::onAttribution(const AttributionSnapshot& a)
{
    m_bars->setAttribution(a);
    m_stack->setCurrentIndex(0);
    const QString what = a.minusId >= 0
        ? tr("logit(%1) − logit(%2)").arg(visibleToken(a.targetText), visibleToken(a.minusText))
        : tr("logit(%1)").arg(visibleToken(a.targetText));
    m_summary->setText(tr("%1 at position %2 = %3; the parts add up to %4 (final norm's scale frozen at %5). "
                          "Click a bar to step to its op.")
                           .arg(what)
                           .arg(a.position)
                           .arg(a.logit, 0, 'f', 4)
                           .arg(a.sum, 0, 'f', 4)
                           .arg(a.finalScale, 0, 'f', 4));
}

CsvTable AttributionPanel::table() const
{
    const AttributionSnapshot& a = m_bars->attribution();
    CsvTable t;
    if (!a.isValid())
        return t;
    t.header = QStringList { QStringLiteral("part"), QStringLiteral("layer"), QStringLiteral("head"),
        QStringLiteral("value") };
    for (const AttributionSnapshot::Part& p : m_bars->sortedParts())
        t.rows << QStringList { p.name, QString::number(p.layer), QString::number(p.head),
            QString::number(p.value, 'g', 9) };
    t.rows << QStringList { QStringLiteral("logit"), QString(), QString(), QString::number(a.logit, 'g', 9) };
    return t;
}

} // namespace ui

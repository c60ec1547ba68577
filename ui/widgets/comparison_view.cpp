#include "ui/widgets/comparison_view.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interventions/intervention_list_editor.h"
#include "ui/session/probability_text.h"
#include "ui/widgets/color_map.h"
#include "ui/widgets/run_status.h"
#include "ui/widgets/token_html.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ComparisonView::ComparisonView(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("seeded samples"), this));
    m_samples = new QSpinBox(this);
    m_samples->setRange(0, 8);
    m_samples->setValue(3);
    row->addWidget(m_samples);
    row->addWidget(new QLabel(tr("beams"), this));
    m_beams = new QSpinBox(this);
    m_beams->setRange(1, 8);
    m_beams->setValue(4);
    row->addWidget(m_beams);
    m_compare = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Compare"), this);
    m_compare->setToolTip(
        tr("Run greedy, beam search and the samples (sampling parameters and max new tokens from the sampling lab)"));
    row->addWidget(m_compare);
    m_status = new RunStatus(controller, this);
    row->addWidget(m_status, 1);
    layout->addLayout(row);
    m_text = new QTextBrowser(this);
    QFont f = m_text->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_text->setFont(f);
    layout->addWidget(m_text, 1);
    connect(m_compare, &QPushButton::clicked, this, &ComparisonView::compare);
    connect(controller, &DecodingController::comparisonChanged, this, &ComparisonView::onComparison);
    connect(
        controller, &DecodingController::busyChanged, m_compare, [this](bool busy) { m_compare->setEnabled(!busy); });
}

void ComparisonView::compare()
{
    m_status->start(tr("Comparing greedy, beam search and %n sample(s)", nullptr, m_samples->value()));
    m_controller->compare(m_samples->value(), m_beams->value());
}

void ComparisonView::onComparison(const ComparisonSnapshot& c)
{
    if (!c.isValid()) { // dropped: the model changed (interventions) since these runs
        m_status->setResult(QString());
        m_text->clear();
        return;
    }
    const QString with = c.interventions.empty()
        ? QString()
        : tr(" · <b style='color:#c0392b'>intervened:</b> %1 (every run)")
              .arg(InterventionListEditor::describe(c.interventions).toHtmlEscaped());
    m_status->setResult((c.firstDivergence < 0 ? tr("all runs agree")
                                               : tr("the runs first part ways at generated token <b>%1</b> (marked "
                                                    "<span style='color:#c0392b'>┃</span>)")
                                                     .arg(c.firstDivergence + 1))
        + with);
    QString html = QStringLiteral("<table cellspacing=0 cellpadding=6 width='100%'>")
        + tr("<tr><th align=left>run</th><th align=left>tokens (colour = the model's probability)</th><th "
             "align=right>Σ log p</th><th align=right>length</th><th align=left>stop</th></tr>");
    for (const auto& run : c.runs) {
        QString tokens;
        for (int i = 0; i < run.tokens.size(); ++i) {
            const auto& t = run.tokens[i];
            if (i == c.firstDivergence)
                tokens += QStringLiteral("<b style='color:#c0392b'>┃</b>");
            tokens += tokenChipHtml(t.text, t.special, t.probability,
                QStringLiteral("p = %1").arg(probabilityText(t.probability)),
                run.divergesAt >= 0 && i == run.divergesAt ? QStringLiteral("text-decoration:underline;") : QString());
        }
        html += QStringLiteral("<tr><td valign=top><b>%1</b></td><td>%2</td><td align=right valign=top>%3</td><td "
                               "align=right valign=top>%4</td><td valign=top>%5</td></tr>")
                    .arg(run.label.toHtmlEscaped(), tokens)
                    .arg(run.sumLogProb, 0, 'f', 2)
                    .arg(run.tokens.size())
                    .arg(run.stopReason);
    }
    html += QStringLiteral("</table><p>%1</p>").arg(probabilityLegendHtml());
    m_text->setHtml(html);
}

} // namespace ui

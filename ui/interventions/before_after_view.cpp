#include "ui/interventions/before_after_view.h"

#include "ui/interventions/intervention_controller.h"
#include "ui/session/probability_text.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <cstdlib>
#include <utility>

namespace ui {

namespace {
    QString signedNumber(double v, int decimals)
    {
        return (v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', decimals);
    }

    QStandardItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter)
    {
        auto* item = new QStandardItem(text);
        item->setTextAlignment(align);
        item->setEditable(false);
        return item;
    }

    // The pieces of a continuation, those from `from` on marked (where the two runs part).
    QString continuationHtml(const QStringList& pieces, int from, const QString& colour)
    {
        QString html;
        for (int i = 0; i < pieces.size(); ++i) {
            const QString piece = pieces[i].toHtmlEscaped();
            html += from >= 0 && i >= from
                ? QStringLiteral("<span style='background:%1;color:#000'>%2</span>").arg(colour, piece)
                : piece;
            html += QStringLiteral("<span style='color:#9e9e9e'>|</span>");
        }
        return html;
    }
}

BeforeAfterView::BeforeAfterView(InterventionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_compare = new QPushButton(tr("Compare &without / with"), this);
    m_compare->setToolTip(tr("Run the stepper's tokens without and with the interventions"));
    m_tokens = new QSpinBox(this);
    m_tokens->setRange(0, 64);
    m_tokens->setValue(8);
    m_tokens->setPrefix(tr("greedy tokens: "));
    m_kl = new QLabel(this);
    m_kl->setWordWrap(true);
    row->addWidget(m_compare);
    row->addWidget(m_tokens);
    row->addWidget(m_kl, 1);
    layout->addLayout(row);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({ tr("Token"), tr("p before"), tr("p after"), tr("Δ p"),
        tr("rank before → after"), tr("Δ logit"), tr("logit before"), tr("logit after") });
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    layout->addWidget(m_table, 1);

    auto* generations = new QHBoxLayout;
    auto* beforeBox = new QGroupBox(tr("Greedy generation without the interventions"), this);
    auto* afterBox = new QGroupBox(tr("Greedy generation with them"), this);
    m_before = new QLabel(beforeBox);
    m_after = new QLabel(afterBox);
    for (auto [box, label] : { std::pair { beforeBox, m_before }, std::pair { afterBox, m_after } }) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        (new QVBoxLayout(box))->addWidget(label);
        generations->addWidget(box, 1);
    }
    layout->addLayout(generations);

    connect(m_compare, &QPushButton::clicked, this, &BeforeAfterView::run);
    connect(m_controller, &InterventionController::compared, this, &BeforeAfterView::showResult);
    connect(m_controller, &InterventionController::failed, this, [this](const QString& message) {
        if (m_running)
            m_kl->setText(QStringLiteral("<b style='color:#c62828'>%1</b>").arg(message.toHtmlEscaped()));
    });
    connect(m_controller, &InterventionController::busyChanged, this, [this](bool busy) {
        if (!busy) {
            m_running = false;
            m_compare->setEnabled(true);
        }
    });
}

void BeforeAfterView::run()
{
    m_running = true;
    m_compare->setEnabled(false);
    m_kl->setText(tr("Comparing…"));
    m_controller->compare(m_tokens->value());
    if (!m_controller->isBusy()) { // refused before it started: the message says why
        m_running = false;
        m_compare->setEnabled(true);
    }
}

QString BeforeAfterView::klText() const { return m_kl->text(); }
QString BeforeAfterView::generationBeforeText() const { return m_before->text(); }
QString BeforeAfterView::generationAfterText() const { return m_after->text(); }

void BeforeAfterView::showResult(const BeforeAfterSnapshot& s)
{
    m_kl->setText(s.interventions.isEmpty()
            ? tr("No interventions: both runs are the same (KL = %1 nats).").arg(QString::number(s.kl, 'g', 4))
            : tr("With %1: KL(before ‖ after) = %2 nats.")
                  .arg(s.interventions.toHtmlEscaped(), QString::number(s.kl, 'g', 4)));
    m_model->removeRows(0, m_model->rowCount());
    for (const TokenShiftRow& t : s.tokens) {
        QList<QStandardItem*> row(ColumnCount);
        row[Token] = cell(QStringLiteral("%1  #%2").arg(t.piece).arg(t.id), Qt::AlignLeft | Qt::AlignVCenter);
        row[ProbBefore] = cell(probabilityText(t.probBefore));
        row[ProbAfter] = cell(probabilityText(t.probAfter));
        row[ProbDelta] = cell(signedNumber(t.probAfter - t.probBefore, 4));
        row[LogitBefore] = cell(QString::number(t.logitBefore, 'f', 3));
        row[LogitAfter] = cell(QString::number(t.logitAfter, 'f', 3));
        row[LogitDelta] = cell(signedNumber(double(t.logitAfter) - double(t.logitBefore), 3));
        const int moved = t.rankBefore - t.rankAfter; // > 0: moved up
        row[Rank] = cell(
            QStringLiteral("%1 → %2%3")
                .arg(t.rankBefore + 1)
                .arg(t.rankAfter + 1)
                .arg(moved == 0 ? QString()
                                : (moved > 0 ? QStringLiteral("  ▲%1") : QStringLiteral("  ▼%1")).arg(std::abs(moved))),
            Qt::AlignLeft | Qt::AlignVCenter);
        // The change coloured: green where the intervention raised a token, red where it lowered it.
        const double delta = t.probAfter - t.probBefore;
        if (std::abs(delta) >= 0.005)
            row[ProbDelta]->setForeground(QColor(delta > 0 ? 0x2e7d32 : 0xc62828));
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    for (int c = 0; c < ColumnCount; ++c) // room to read, also at a projector's 150 % text
        m_table->setColumnWidth(c, m_table->columnWidth(c) + fontMetrics().averageCharWidth() * 2);
    m_before->setText(continuationHtml(s.generatedBefore, s.divergesAt, QStringLiteral("#fff3c4")));
    m_after->setText(continuationHtml(s.generatedAfter, s.divergesAt, QStringLiteral("#fff3c4")));
}

} // namespace ui

#include "ui/interventions/patching_view.h"

#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/patching_heatmap.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace ui {

PatchingView::PatchingView(InterventionController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Run the corrupted prompt again with one activation taken from the clean run: how "
                                "much of the clean answer comes back? 1 = all of it, 0 = none."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* prompts = new QFormLayout;
    m_clean = new QLineEdit(this);
    m_corrupted = new QLineEdit(this);
    prompts->addRow(tr("Clea&n prompt:"), m_clean);
    prompts->addRow(tr("C&orrupted prompt:"), m_corrupted);
    auto* metricRow = new QHBoxLayout;
    m_target = new QLineEdit(this);
    m_minus = new QLineEdit(this);
    m_target->setToolTip(tr("The answer's token (one token, e.g. \" Paris\", or #id)"));
    m_minus->setToolTip(tr("Subtracted from the answer's logit (one token, or empty for the answer's logit alone)"));
    auto* minusLabel = new QLabel(tr("minus logit of:"), this);
    minusLabel->setBuddy(m_minus);
    metricRow->addWidget(m_target, 1);
    metricRow->addWidget(minusLabel);
    metricRow->addWidget(m_minus, 1);
    auto* targetLabel = new QLabel(tr("Logit of to&ken:"), this);
    targetLabel->setBuddy(m_target);
    prompts->addRow(targetLabel, metricRow);
    layout->addLayout(prompts);

    auto* runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("R&un patching"), this);
    m_run->setToolTip(tr("Layers × positions + layers × heads forward passes, on the engine thread"));
    m_cancel = new QPushButton(tr("Cancel (Esc)"), this);
    m_cancel->setEnabled(false);
    m_bar = new QProgressBar(this);
    m_bar->setMaximumWidth(240);
    m_bar->hide();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_bar);
    runRow->addWidget(m_summary, 1);
    layout->addLayout(runRow);

    auto* maps = new QSplitter(Qt::Horizontal, this);
    m_residual = new PatchingHeatmap(maps);
    m_heads = new PatchingHeatmap(maps);
    m_residual->setTitle(tr("Residual stream: block × position"));
    m_residual->setToolTip(tr("The residual stream entering each block, patched at one position"));
    m_heads->setTitle(tr("Head outputs: block × head"));
    m_heads->setToolTip(tr("Each head's output, patched at every position at once"));
    maps->addWidget(m_residual);
    maps->addWidget(m_heads);
    maps->setStretchFactor(0, 3);
    maps->setStretchFactor(1, 2);
    layout->addWidget(maps, 1);
    m_hover = new QLabel(tr("Hover a cell for its exact value."), this);
    m_hover->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hover);

    setRequest(PatchingRequest {});
    connect(m_run, &QPushButton::clicked, this, &PatchingView::run);
    connect(m_cancel, &QPushButton::clicked, m_controller, &InterventionController::cancel);
    for (QLineEdit* edit : { m_clean, m_corrupted, m_target, m_minus })
        connect(edit, &QLineEdit::returnPressed, this, &PatchingView::run);
    for (PatchingHeatmap* map : { m_residual, m_heads })
        connect(map, &PatchingHeatmap::cellHovered, this, [this, map](int row, int col) {
            m_hover->setText(row < 0 ? tr("Hover a cell for its exact value.") : map->cellText(row, col));
        });
    connect(m_controller, &InterventionController::patched, this, &PatchingView::showResult);
    connect(m_controller, &InterventionController::progress, this, [this](int done, int total) {
        if (!m_running)
            return;
        m_bar->setRange(0, total);
        m_bar->setValue(done);
    });
    connect(m_controller, &InterventionController::failed, this, [this](const QString& message) {
        if (m_running)
            m_summary->setText(QStringLiteral("<b style='color:#c62828'>%1</b>").arg(message.toHtmlEscaped()));
    });
    connect(m_controller, &InterventionController::busyChanged, this, [this](bool busy) {
        if (!busy)
            setRunning(false);
    });
}

PatchingRequest PatchingView::request() const
{
    PatchingRequest r;
    r.clean = m_clean->text();
    r.corrupted = m_corrupted->text();
    r.target = m_target->text();
    r.minus = m_minus->text();
    return r;
}

void PatchingView::setRequest(const PatchingRequest& r)
{
    m_clean->setText(r.clean);
    m_corrupted->setText(r.corrupted);
    m_target->setText(r.target);
    m_minus->setText(r.minus);
}

void PatchingView::run()
{
    if (m_running)
        return;
    setRunning(true);
    m_summary->setText(tr("Patching…"));
    m_controller->patch(request());
    if (!m_controller->isBusy()) // refused before it started: the message says why
        setRunning(false);
}

void PatchingView::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_bar->setVisible(running);
    if (running)
        m_bar->setRange(0, 0);
}

QString PatchingView::summaryText() const { return m_summary->text(); }

void PatchingView::showResult(const PatchingSnapshot& s)
{
    QStringList layers, positions, heads;
    for (int l = 0; l < s.layers; ++l)
        layers << QStringLiteral("blk.%1").arg(l);
    for (int p = 0; p < s.positions; ++p) {
        const QString clean = s.cleanPieces.value(p), corrupted = s.corruptedPieces.value(p);
        positions << (clean == corrupted ? clean : clean + QLatin1Char('/') + corrupted);
    }
    for (int h = 0; h < s.heads; ++h)
        heads << QStringLiteral("h%1").arg(h);
    m_residual->setGrid(s.layers, s.positions, s.residual, layers, positions);
    m_heads->setGrid(s.layers, s.heads, s.head, layers, heads);
    const QString metric
        = s.minus.isEmpty() ? tr("logit(%1)").arg(s.target) : tr("logit(%1) − logit(%2)").arg(s.target, s.minus);
    QString text = tr("%1: clean %2, corrupted %3.")
                       .arg(metric, QString::number(s.cleanMetric, 'f', 3), QString::number(s.corruptedMetric, 'f', 3));
    if (s.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled: grey cells did not run.");
    m_summary->setText(text.toHtmlEscaped());
}

} // namespace ui

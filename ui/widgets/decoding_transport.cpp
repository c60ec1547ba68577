#include "ui/widgets/decoding_transport.h"

#include "ui/decoding/decoding_controller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

DecodingTransport::DecodingTransport(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    // Buttons and progress on one line, the state below it: six buttons already fill the tab at 1280 px (more so
    // in Turkish), and the state text must never be cut off.
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    column->addLayout(row);
    auto make = [&](const QString& text, const QString& tip, QStyle::StandardPixmap icon) {
        auto* b = new QPushButton(style()->standardIcon(icon), text, this);
        b->setToolTip(tip);
        row->addWidget(b);
        return b;
    };
    m_step = make(tr("Step token"), tr("Take the token the table chose and compute the next distribution (F11)"),
        QStyle::SP_MediaSeekForward);
    m_generate = make(tr("Generate"),
        tr("Generate until a stop condition: EOS, a stop sequence, max new tokens or a full context"),
        QStyle::SP_MediaPlay);
    m_cancel = make(tr("Cancel"), tr("Stop the running generation"), QStyle::SP_MediaStop);
    m_back = make(tr("Step back"), tr("Forget the last generated token (stepping forward again gives the same token)"),
        QStyle::SP_MediaSeekBackward);
    m_draw = make(
        tr("Draw again"), tr("A new random number: sample again from the same distribution"), QStyle::SP_BrowserReload);
    m_restart = make(tr("Restart"), tr("Back to just after the prefill"), QStyle::SP_MediaSkipBackward);
    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v / %m tokens"));
    // Room for "4096 / 4096 tokens" in its font (the UI zoom scales both widths).
    m_progress->setMinimumWidth(
        m_progress->fontMetrics().horizontalAdvance(m_progress->format()
                                                        .replace(QLatin1String("%v"), QLatin1String("4096"))
                                                        .replace(QLatin1String("%m"), QLatin1String("4096")))
        + 24);
    m_progress->setMaximumWidth(std::max(160, m_progress->minimumWidth()));
    m_progress->setValue(0);
    row->addWidget(m_progress);
    row->addStretch(1);
    m_stop = new QLabel(this);
    m_stop->setTextFormat(Qt::RichText);
    m_stop->setWordWrap(true);
    column->addWidget(m_stop);

    connect(m_step, &QPushButton::clicked, controller, &DecodingController::stepToken);
    connect(m_generate, &QPushButton::clicked, controller, &DecodingController::generate);
    connect(m_cancel, &QPushButton::clicked, controller, &DecodingController::cancel);
    connect(m_back, &QPushButton::clicked, controller, &DecodingController::stepBack);
    connect(m_draw, &QPushButton::clicked, controller, &DecodingController::drawAgain);
    connect(m_restart, &QPushButton::clicked, controller, &DecodingController::restart);
    connect(controller, &DecodingController::progress, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(1, total));
        m_progress->setValue(done);
    });
    connect(controller, &DecodingController::generationChanged, this, &DecodingTransport::onGeneration);
    connect(controller, &DecodingController::busyChanged, this, &DecodingTransport::updateButtons);
    connect(controller, &DecodingController::failed, this, [this](const QString& m) {
        m_stop->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(m.toHtmlEscaped()));
    });
    updateButtons();
}

QString DecodingTransport::stopText(const GenerationSnapshot& g)
{
    if (!g.isValid())
        return {};
    if (!g.finished)
        return tr("%1 of at most %2 new tokens").arg(g.generated.size()).arg(g.maxNewTokens);
    return tr("Stopped: %1").arg(g.stopDetail);
}

void DecodingTransport::onGeneration(const GenerationSnapshot& g)
{
    m_finished = g.finished;
    m_hasRun = !g.generated.isEmpty();
    m_progress->setMaximum(std::max(1, g.maxNewTokens));
    m_progress->setValue(int(g.generated.size()));
    const QString text = stopText(g).toHtmlEscaped();
    m_stop->setText(g.finished ? QStringLiteral("<b style='color:#c0392b'>■ %1</b>").arg(text) : text);
    updateButtons();
}

void DecodingTransport::updateButtons()
{
    const bool busy = m_controller->isBusy();
    const bool ready = m_controller->lastGeneration().isValid();
    m_step->setEnabled(ready && !m_finished);
    m_generate->setEnabled(ready && !m_finished && !busy);
    m_cancel->setEnabled(busy);
    m_back->setEnabled(ready && m_hasRun);
    m_draw->setEnabled(ready && !m_finished);
    m_restart->setEnabled(ready);
}

} // namespace ui

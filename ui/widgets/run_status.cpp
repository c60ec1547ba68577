#include "ui/widgets/run_status.h"

#include "ui/decoding/decoding_controller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>

namespace ui {

RunStatus::RunStatus(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(style()->standardIcon(QStyle::SP_BrowserStop), tr("Cancel"), this))
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_bar->setMaximumWidth(200);
    m_cancel->setToolTip(tr("Stop the run (Esc); what is done so far stays"));
    row->addWidget(m_bar);
    row->addWidget(m_cancel);
    row->addWidget(m_label, 1);
    m_bar->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, controller, &DecodingController::cancel);
    connect(controller, &DecodingController::cancelRequested, this, [this] { m_cancelled = m_running; });
    connect(controller, &DecodingController::progress, this, [this](int done, int total) {
        if (!m_running)
            return;
        m_bar->setRange(0, std::max(total, 1));
        m_bar->setValue(done);
    });
    connect(controller, &DecodingController::failed, this, [this](const QString& message) {
        if (m_running)
            m_error = message;
    });
    connect(controller, &DecodingController::busyChanged, this, [this](bool busy) {
        if (!busy && m_running)
            finish();
    });
}

void RunStatus::start(const QString& what)
{
    m_running = true;
    m_cancelled = false;
    m_error.clear();
    m_result.clear();
    m_bar->setRange(0, 0); // busy until the first progress report
    m_bar->show();
    m_cancel->show();
    m_label->setText(what.toHtmlEscaped() + QStringLiteral("…"));
    if (!m_controller->isBusy()) // nothing was started (no model, no prompt): the failure has already been said
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_running && !m_controller->isBusy())
                    finish();
            },
            Qt::QueuedConnection);
}

void RunStatus::setResult(const QString& text)
{
    m_result = text;
    if (!m_running)
        m_label->setText(text);
}

void RunStatus::finish()
{
    m_running = false;
    m_bar->hide();
    m_cancel->hide();
    if (!m_error.isEmpty())
        m_label->setText(QStringLiteral("<b style='color:#c62828'>%1</b>").arg(m_error.toHtmlEscaped()));
    else if (m_cancelled)
        m_label->setText(
            tr("<b>Cancelled</b> — the result so far: %1").arg(m_result.isEmpty() ? tr("none") : m_result));
    else
        m_label->setText(m_result.isEmpty() ? tr("Finished.") : m_result);
}

QString RunStatus::text() const { return m_label->text(); }

} // namespace ui

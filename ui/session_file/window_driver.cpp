#include "ui/session_file/window_driver.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/sampling_lab.h"

#include <QFileInfo>
#include <QTimer>

namespace ui {

namespace {
    constexpr int kPollMs = 20;

    QString canonical(const QString& path)
    {
        const QString c = QFileInfo(path).canonicalFilePath();
        return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
    }
}

WindowDriver::WindowDriver(MainWindow* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_poll(new QTimer(this))
{
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, [this] {
        m_waited += kPollMs;
        if (m_waited > kTimeoutMs) {
            fail(tr("The model did not answer within %1 s.").arg(kTimeoutMs / 1000));
            return;
        }
        // Idle twice in a row: the decoding views start their prefill when the stepper's tokens arrive.
        const bool idle = settled();
        if (idle && m_idleBefore) {
            m_idleBefore = false;
            m_poll->stop();
            next();
        } else {
            m_idleBefore = idle;
        }
    });
    connect(window->controller(), &SessionController::failed, this, [this](const QString& message) {
        if (m_running)
            fail(message);
    });
}

bool WindowDriver::isRunning() const { return m_running; }

bool WindowDriver::settled() const
{
    return m_window && !m_window->controller()->isBusy() && !m_window->decoding()->controller()->isBusy()
        && !m_window->interventions()->controller()->isBusy();
}

int WindowDriver::findNode(const QVector<PlanNodeInfo>& plan, const QString& op, int layer)
{
    for (int i = 0; i < plan.size(); ++i)
        if (plan[i].name == op)
            return i;
    for (int i = 0; i < plan.size(); ++i)
        if (plan[i].kind == op && (layer < 0 || plan[i].layer == layer))
            return i;
    return -1;
}

void WindowDriver::apply(const WindowTarget& target)
{
    m_poll->stop();
    m_idleBefore = false;
    m_target = target;
    m_steps.clear();
    m_step = 0;
    m_running = true;
    MainWindow* w = m_window;
    SessionController* session = w->controller();

    if (target.model) {
        m_steps << [this, w, session] {
            const QString wanted = canonical(*m_target.model);
            if (!session->hasModel() || canonical(session->model().folder) != wanted)
                w->openModel(*m_target.model);
            return true;
        };
        m_steps << [this, session] {
            if (!session->hasModel() || canonical(session->model().folder) != canonical(*m_target.model)) {
                fail(tr("The model %1 could not be loaded.").arg(*m_target.model));
                return false;
            }
            return true;
        };
    }
    if (target.interventions) {
        m_steps << [this, w] {
            QString error;
            if (!w->interventions()->controller()->setSpecs(*m_target.interventions, &error)) {
                fail(error);
                return false;
            }
            return true;
        };
    }
    if (target.prompt || target.context) {
        m_steps << [this, w, session] {
            if (!session->hasModel()) {
                fail(tr("Open a model first: the step has a prompt but no model is loaded."));
                return false;
            }
            if (m_target.prompt)
                w->setPromptText(*m_target.prompt); // prefill of the prompt's tokens
            if (m_target.context && m_target.context->size() > m_target.promptTokens)
                session->openDecodeStep(*m_target.context, m_target.promptTokens);
            return true;
        };
    }
    if (target.op || target.cursor) {
        m_steps << [this, session] {
            if (m_target.cursor) {
                session->seek(*m_target.cursor);
            } else if (*m_target.op == QLatin1String("start")) {
                session->restart();
            } else if (*m_target.op == QLatin1String("end")) {
                session->runToEndOfPass();
            } else {
                const int node = findNode(session->model().plan, *m_target.op, m_target.opLayer);
                if (node < 0) {
                    fail(tr("The model has no op “%1”.").arg(*m_target.op));
                    return false;
                }
                session->jumpToNode(node);
            }
            return true;
        };
    }
    m_steps << [this, w] {
        if (m_target.token)
            w->selectPosition(*m_target.token);
        if (m_target.head)
            w->attentionPanel()->view()->setSelectedHead(m_target.head->first, m_target.head->second);
        if (m_target.sampling && !w->decoding()->samplingLab()->applySettings(*m_target.sampling)) {
            fail(tr("Unknown sampling setting in “%1”.").arg(*m_target.sampling));
            return false;
        }
        if (m_target.view && !w->showView(*m_target.view)) {
            fail(tr("Unknown view “%1”.").arg(*m_target.view));
            return false;
        }
        return true;
    };
    next();
}

void WindowDriver::next()
{
    if (!m_running)
        return;
    if (m_step >= m_steps.size()) {
        m_running = false;
        emit finished();
        return;
    }
    if (!m_steps[m_step++]())
        return;
    m_waited = 0;
    m_idleBefore = false;
    m_poll->start();
}

void WindowDriver::fail(const QString& message)
{
    m_poll->stop();
    if (!m_running)
        return;
    m_running = false;
    emit failed(message);
}

} // namespace ui

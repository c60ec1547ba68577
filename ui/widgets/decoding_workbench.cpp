#include "ui/widgets/decoding_workbench.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/comparison_view.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/kv_cache_view.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/sampling_lab.h"

#include <QAction>
#include <QTabWidget>

#include <memory>

namespace ui {

DecodingWorkbench::DecodingWorkbench(QWidget* window, QTabWidget* tabs, SessionController* session)
    : QObject(window)
    , m_tabs(tabs)
    , m_controller(new DecodingController(this, session ? session->engine() : nullptr))
    , m_lab(new SamplingLab(m_controller))
    , m_generation(new DecodingGenerationView(m_controller))
    , m_beam(new BeamPanel(m_controller))
    , m_compare(new ComparisonView(m_controller))
    , m_metrics(new MetricsView(m_controller))
{
    if (session)
        m_controller->follow(session);
    tabs->addTab(m_lab, tr("&Sampling lab"));
    tabs->addTab(m_generation, tr("&Generation"));
    tabs->addTab(m_beam, tr("&Beam search"));
    tabs->addTab(m_compare, tr("&Compare"));
    tabs->addTab(m_metrics, tr("&Metrics"));

    auto* step = new QAction(tr("Step token"), window);
    step->setShortcut(QKeySequence(Qt::Key_F11));
    step->setShortcutContext(Qt::WindowShortcut);
    step->setStatusTip(tr("Generate one token (sampling lab / generation)"));
    connect(step, &QAction::triggered, m_controller, &DecodingController::stepToken);
    window->addAction(step);
    auto* back = new QAction(tr("Step back a token"), window);
    back->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F11));
    back->setShortcutContext(Qt::WindowShortcut);
    back->setStatusTip(tr("Take back the last generated token (sampling lab / generation)"));
    connect(back, &QAction::triggered, m_controller, &DecodingController::stepBack);
    window->addAction(back);
    auto* generate = new QAction(tr("Generate to a stop"), window);
    generate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F11));
    generate->setShortcutContext(Qt::WindowShortcut);
    generate->setStatusTip(tr("Generate until a stop: the token limit, a stop sequence or EOS"));
    connect(generate, &QAction::triggered, m_controller, &DecodingController::generate);
    window->addAction(generate);
    m_tokenActions = { step, back, generate };
}

bool DecodingWorkbench::showView(const QString& name)
{
    const std::optional<View> view = viewFromName(name);
    return view && showView(*view, viewSettings(name));
}

bool DecodingWorkbench::showView(View view, const QString& settings)
{
    if (viewSide(view) != ViewSide::Decoding)
        return false;
    if (view == View::Sampling && !settings.isEmpty() && !m_lab->applySettings(settings))
        return false;
    switch (view) {
    case View::Sampling:
        m_tabs->setCurrentWidget(m_lab);
        break;
    case View::Generation:
    case View::Kv:
        m_tabs->setCurrentWidget(m_generation);
        break;
    case View::Beam:
        m_tabs->setCurrentWidget(m_beam);
        break;
    case View::Compare:
        m_tabs->setCurrentWidget(m_compare);
        break;
    case View::Metrics:
        m_tabs->setCurrentWidget(m_metrics);
        break;
    default:
        return false;
    }
    return true;
}

QWidget* DecodingWorkbench::viewWidget(View view) const
{
    switch (view) {
    case View::Sampling:
        return m_lab;
    case View::Generation:
        return m_generation;
    case View::Kv:
        return m_generation->cacheView();
    case View::Beam:
        return m_beam;
    case View::Compare:
        return m_compare;
    case View::Metrics:
        return m_metrics;
    default:
        return nullptr;
    }
}

std::optional<View> DecodingWorkbench::viewOfTab(const QWidget* tab) const
{
    for (View v : { View::Sampling, View::Generation, View::Beam, View::Compare, View::Metrics })
        if (viewWidget(v) == tab)
            return v;
    return std::nullopt;
}

void DecodingWorkbench::whenPromptReady(std::function<void()> then)
{
    if (m_controller->lastGeneration().isValid() && !m_controller->isBusy()) {
        then();
        return;
    }
    auto* conn = new QMetaObject::Connection;
    *conn = connect(m_controller, &DecodingController::generationChanged, this, [this, conn, then] {
        disconnect(*conn);
        delete conn;
        then();
    });
}

bool DecodingWorkbench::prepareView(const QString& view, std::function<void()> readyOnce)
{
    const std::optional<View> which = viewFromName(view);
    if (!which || !showView(*which))
        return false;
    const QString settings = viewSettings(view);
    auto fired = std::make_shared<bool>(false);
    auto ready = [readyOnce, fired] {
        if (!*fired) {
            *fired = true;
            readyOnce();
        }
    };
    switch (*which) {
    case View::Sampling:
        whenPromptReady([this, ready, settings] {
            if (settings.isEmpty()) {
                ready();
                return;
            }
            connect(m_controller, &DecodingController::sampled, this, [ready] { ready(); });
            m_lab->applySettings(settings);
        });
        break;
    case View::Generation:
    case View::Kv:
        whenPromptReady([this, ready] {
            connect(m_controller, &DecodingController::generationChanged, this, [ready](const GenerationSnapshot& g) {
                if (g.finished)
                    ready();
            });
            m_controller->generate();
        });
        break;
    case View::Metrics:
        whenPromptReady([this, ready] {
            // Both charts: the context curve, then the batch throughput (the engine runs one job after the other).
            auto next = std::make_shared<QMetaObject::Connection>();
            *next = connect(m_controller, &DecodingController::contextMeasured, this, [this, next] {
                disconnect(*next);
                m_metrics->measureBatches();
            });
            connect(m_controller, &DecodingController::batchesMeasured, this, [ready] { ready(); });
            m_metrics->measure();
        });
        break;
    case View::Compare:
        whenPromptReady([this, ready] {
            connect(m_controller, &DecodingController::comparisonChanged, this, [ready] { ready(); });
            m_compare->compare();
        });
        break;
    case View::Beam:
        whenPromptReady([this, ready] {
            auto ran = std::make_shared<bool>(false);
            connect(m_controller, &DecodingController::beamChanged, this, [this, ready, ran](const BeamSnapshot& b) {
                if (b.finished) {
                    ready();
                } else if (!*ran) {
                    *ran = true;
                    m_controller->runBeam();
                }
            });
            m_beam->startSearch();
        });
        break;
    default:
        break;
    }
    return true;
}

} // namespace ui

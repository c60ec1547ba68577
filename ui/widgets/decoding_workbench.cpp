#include "ui/widgets/decoding_workbench.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/comparison_view.h"
#include "ui/widgets/decoding_generation_view.h"
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
    connect(back, &QAction::triggered, m_controller, &DecodingController::stepBack);
    window->addAction(back);
    auto* generate = new QAction(tr("Generate to a stop"), window);
    generate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F11));
    generate->setShortcutContext(Qt::WindowShortcut);
    connect(generate, &QAction::triggered, m_controller, &DecodingController::generate);
    window->addAction(generate);
}

QStringList DecodingWorkbench::viewNames()
{
    return { QStringLiteral("sampling"), QStringLiteral("generation"), QStringLiteral("kv"), QStringLiteral("beam"),
        QStringLiteral("compare"), QStringLiteral("metrics") };
}

bool DecodingWorkbench::showView(const QString& view)
{
    // "sampling:temperature=0.8,top_k=6" also moves the sampling lab's controls.
    const QString name = view.section(QLatin1Char(':'), 0, 0);
    const QString settings = view.section(QLatin1Char(':'), 1);
    if (name == QLatin1String("sampling") && !settings.isEmpty() && !m_lab->applySettings(settings))
        return false;
    if (name == QLatin1String("sampling"))
        m_tabs->setCurrentWidget(m_lab);
    else if (name == QLatin1String("generation") || name == QLatin1String("kv"))
        m_tabs->setCurrentWidget(m_generation);
    else if (name == QLatin1String("beam"))
        m_tabs->setCurrentWidget(m_beam);
    else if (name == QLatin1String("compare"))
        m_tabs->setCurrentWidget(m_compare);
    else if (name == QLatin1String("metrics"))
        m_tabs->setCurrentWidget(m_metrics);
    else
        return false;
    return true;
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
    if (!showView(view.section(QLatin1Char(':'), 0, 0)))
        return false;
    const QString name = view.section(QLatin1Char(':'), 0, 0);
    const QString settings = view.section(QLatin1Char(':'), 1);
    auto fired = std::make_shared<bool>(false);
    auto ready = [readyOnce, fired] {
        if (!*fired) {
            *fired = true;
            readyOnce();
        }
    };
    if (name == QLatin1String("sampling")) {
        whenPromptReady([this, ready, settings] {
            if (settings.isEmpty()) {
                ready();
                return;
            }
            connect(m_controller, &DecodingController::sampled, this, [ready] { ready(); });
            m_lab->applySettings(settings);
        });
    } else if (name == QLatin1String("generation") || name == QLatin1String("kv")) {
        whenPromptReady([this, ready] {
            connect(m_controller, &DecodingController::generationChanged, this, [ready](const GenerationSnapshot& g) {
                if (g.finished)
                    ready();
            });
            m_controller->generate();
        });
    } else if (name == QLatin1String("metrics")) {
        whenPromptReady([this, ready] {
            connect(m_controller, &DecodingController::contextMeasured, this, [ready] { ready(); });
            m_metrics->measure();
        });
    } else if (name == QLatin1String("compare")) {
        whenPromptReady([this, ready] {
            connect(m_controller, &DecodingController::comparisonChanged, this, [ready] { ready(); });
            m_compare->compare();
        });
    } else if (name == QLatin1String("beam")) {
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
    }
    return true;
}

} // namespace ui

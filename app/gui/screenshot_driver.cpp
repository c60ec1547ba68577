#include "screenshot_driver.h"

#include "ui/interp/interp_workbench.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/quantization/quantization_workbench.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/export_menu.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/state_export.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

ScreenshotDriver::ScreenshotDriver(ui::MainWindow* window, Plan plan)
    : QObject(window)
    , m_window(window)
    , m_plan(std::move(plan))
{
}

void ScreenshotDriver::start()
{
    ui::SessionController* c = m_window->controller();
    connect(c, &ui::SessionController::failed, this, [this](const QString& message) {
        std::fprintf(stderr, "inference-explorer: %s\n", qPrintable(message));
        if (headless() && !m_finished) {
            m_finished = true;
            emit done(1);
        }
    });
    connect(
        c, &ui::SessionController::tokensReady, this,
        [this] { QTimer::singleShot(0, this, &ScreenshotDriver::afterPrompt); }, Qt::SingleShotConnection);
    connect(c, &ui::SessionController::stepped, this, [this](const ui::StepSnapshot& s) {
        if (!m_stepping)
            return;
        if (s.cursor < targetCursor(s.total) && s.cursor != s.total - 1)
            return;
        if (m_decoded >= m_plan.decodePasses) {
            m_stepping = false;
            QTimer::singleShot(0, this, &ScreenshotDriver::finish);
            return;
        }
        // The pass is done: append the most likely token, then run (or step into) its decode pass.
        ++m_decoded;
        QTimer::singleShot(0, this, [this] {
            ui::SessionController* c = m_window->controller();
            connect(
                c, &ui::SessionController::tokensReady, this,
                [this, c] {
                    QTimer::singleShot(0, this, [this, c] { c->seek(targetCursor(int(c->model().plan.size()))); });
                },
                Qt::SingleShotConnection);
            c->decodeNext(-1);
        });
    });
    if (!m_plan.prompt.isEmpty())
        m_window->setPromptText(m_plan.prompt);
    if (!m_plan.model.isEmpty())
        m_window->openModel(m_plan.model);
}

int ScreenshotDriver::targetCursor(int ops) const
{
    // Passes before the last decode pass (and every pass with --run-prefill) run to their end; the last one to --step.
    return m_plan.runPrefill || m_decoded < m_plan.decodePasses ? ops - 1 : m_plan.step - 1;
}

void ScreenshotDriver::afterPrompt()
{
    ui::SessionController* c = m_window->controller();
    if (!m_plan.interventions.isEmpty()) { // the list first: the prompt is prepared again with it
        QString error;
        if (!m_window->interventions()->controller()->setSpecs(m_plan.interventions, &error)) {
            std::fprintf(stderr, "inference-explorer: %s\n", qPrintable(error));
            if (headless() && !m_finished) {
                m_finished = true;
                emit done(2);
            }
            return;
        }
        m_plan.interventions.clear();
        connect(
            c, &ui::SessionController::tokensReady, this,
            [this] { QTimer::singleShot(0, this, &ScreenshotDriver::afterPrompt); }, Qt::SingleShotConnection);
        return;
    }
    if (m_plan.runPrefill || m_plan.step > 0 || m_plan.decodePasses > 0) {
        m_stepping = true;
        c->seek(targetCursor(int(c->model().plan.size())));
    } else {
        finish();
    }
}

void ScreenshotDriver::finish()
{
    if (m_finished)
        return;
    if (!m_window->showView(m_plan.view))
        std::fprintf(stderr, "inference-explorer: could not show the view '%s' (views: %s)\n", qPrintable(m_plan.view),
            qPrintable(ui::viewNames().join(QStringLiteral(", "))));
    if (m_plan.selectToken >= 0)
        m_window->selectPosition(m_plan.selectToken);
    ui::AttentionPanel* attention = m_window->attentionPanel();
    if (m_plan.layer >= 0 && m_plan.head >= 0) {
        attention->view()->setSelectedHead(m_plan.layer, m_plan.head);
        m_window->controller()->focusAttention(m_plan.layer, m_plan.head); // the head in full, from the stepper
    }
    if (m_plan.zoom > 1)
        m_window->tensorPanel()->heatmap()->setZoom(m_plan.zoom);
    if (!headless())
        return;
    m_finished = true;
    // Let layouts settle, then write (a decoding view first generates / searches what it shows).
    auto write = [this] { QTimer::singleShot(150, this, &ScreenshotDriver::write); };
    if (m_plan.flashTile >= 0) { // walk the tiles first, then step to the one asked for
        connect(
            m_window->controller(), &ui::SessionController::flashWalked, this,
            [this, attention, write] {
                attention->stepFlash(m_plan.flashTile);
                write();
            },
            Qt::SingleShotConnection);
        attention->setFlashMode(true);
        return;
    }
    if (!m_plan.compareWith.isEmpty()) { // the comparison's numbers first (File ▸ Compare with another file…)
        m_window->quantization()->prepare(m_plan.compareWith, [this, write] {
            m_window->showView(m_plan.view);
            write();
        });
        return;
    }
    if (m_window->interp() && m_window->interp()->prepareView(m_plan.view, write))
        return; // an interpretability view first runs its analysis
    if (const std::optional<ui::View> v = ui::viewFromName(m_plan.view);
        v && ui::viewSide(*v) == ui::ViewSide::Interventions) {
        m_window->interventions()->prepareView(*v, write);
        return;
    }
    if (!m_window->decoding() || !m_window->decoding()->prepareView(m_plan.view, write))
        write();
}

void ScreenshotDriver::write()
{
    const QString file = m_plan.exportFile.isEmpty() ? m_plan.file : m_plan.exportFile;
    QString error;
    bool ok = true;
    if (m_plan.exportFile.isEmpty()) {
        ok = m_window->grab().save(file);
        error = QStringLiteral("could not write %1").arg(file);
    } else if (ui::ViewExport::Kind kind; ui::ViewExport::kindOf(file, &kind) && kind == ui::ViewExport::Kind::Json) {
        ok = ui::ViewExport::writeBytes(file, ui::stateJson(m_window), &error);
    } else if (const std::optional<ui::View> view = ui::viewFromName(m_plan.view)) {
        const ui::ExportTarget target = ui::exportTarget(m_window, *view);
        ok = ui::ViewExport::write(file, target.widget, target.table, m_plan.exportScale, target.title, &error);
    }
    if (!ok) {
        std::fprintf(stderr, "inference-explorer: %s\n", qPrintable(error));
        emit done(1);
        return;
    }
    std::printf("%s\n", qPrintable(file));
    emit done(0);
}

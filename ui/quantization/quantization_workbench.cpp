#include "ui/quantization/quantization_workbench.h"

#include "ui/quantization/quantization_controller.h"
#include "ui/quantization/quantization_view.h"
#include "ui/session/model_locator.h"
#include "ui/session/session_controller.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QTabWidget>

#include <memory>
#include <utility>

namespace ui {

namespace {
    const char* kLastFileKey = "quantization/lastFile";
}

QuantizationWorkbench::QuantizationWorkbench(
    QWidget* window, QTabWidget* tabs, SessionController* session, bool remember)
    : QObject(window)
    , m_window(window)
    , m_tabs(tabs)
    , m_session(session)
    , m_remember(remember)
{
    m_controller = new QuantizationController(session->engine(), this);
    m_view = new QuantizationView(m_controller, tabs);
    tabs->addTab(m_view, tr("&Quantization"));
    if (m_remember)
        m_lastFile = QSettings().value(QLatin1String(kLastFileKey)).toString();

    m_compareAction = new QAction(tr("Compare with another &file…"), window);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_compareAction->setStatusTip(
        tr("Run the prompt through another file of the same model (e.g. its Q4_K_M GGUF) and compare layer by layer"));
    m_compareAction->setShortcutContext(Qt::WindowShortcut);
    window->addAction(m_compareAction);
    connect(m_compareAction, &QAction::triggered, this, &QuantizationWorkbench::chooseFile);
    connect(m_view, &QuantizationView::chooseFileRequested, this, &QuantizationWorkbench::chooseFile);
    connect(m_view, &QuantizationView::againRequested, this, [this] {
        if (!m_controller->otherPath().isEmpty())
            compareWith(m_controller->otherPath());
    });
}

QString QuantizationWorkbench::lastFile() const { return m_lastFile; }

void QuantizationWorkbench::chooseFile()
{
    const QString start = !m_lastFile.isEmpty() ? m_lastFile
        : m_session->hasModel()                 ? QFileInfo(m_session->model().folder).path()
                                                : QString();
    const QString path = QFileDialog::getOpenFileName(m_window,
        tr("Compare with another file of the same model (a GGUF, a model.safetensors or config.json, a model.bin)"),
        start, tr("Model files (*.gguf config.json *.safetensors *.bin);;All files (*)"));
    if (!path.isEmpty())
        compareWith(path);
}

void QuantizationWorkbench::compareWith(const QString& path)
{
    const QString file = ModelLocator::modelPathFor(path); // config.json stands for its folder, as in File ▸ Open
    m_lastFile = file;
    if (m_remember)
        QSettings().setValue(QLatin1String(kLastFileKey), file);
    QVector<int> ids;
    for (const TokenInfo& t : m_session->tokens())
        ids << t.id;
    m_tabs->setCurrentWidget(m_view);
    m_controller->compare(file, ids);
}

void QuantizationWorkbench::prepare(const QString& path, std::function<void()> ready)
{
    auto go = [this, path, ready] {
        auto fired = std::make_shared<bool>(false);
        auto once = [ready, fired] {
            if (!std::exchange(*fired, true))
                ready();
        };
        connect(m_controller, &QuantizationController::compared, this, once, Qt::SingleShotConnection);
        connect(m_controller, &QuantizationController::failed, this, once, Qt::SingleShotConnection);
        compareWith(path);
    };
    if (!m_session->tokens().isEmpty())
        go();
    else
        connect(m_session, &SessionController::tokensReady, this, go, Qt::SingleShotConnection);
}

} // namespace ui

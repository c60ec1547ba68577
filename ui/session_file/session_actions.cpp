#include "ui/session_file/session_actions.h"

#include "core/common/error.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/session/session_controller.h"
#include "ui/session_file/window_driver.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/presentation_mode.h"
#include "ui/widgets/sampling_lab.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

namespace ui {

namespace {
    QString sessionFilter() { return SessionActions::tr("Inference Explorer sessions (*.iesession.json *.json)"); }
}

SessionActions::SessionActions(MainWindow* window, QMenu* file, bool dialogs)
    : QObject(window)
    , m_window(window)
    , m_driver(new WindowDriver(window, this))
    , m_dialogs(dialogs)
{
    QAction* save = file->addAction(tr("Sa&ve session…"), QKeySequence::Save, this, [this] {
        const QString path = QFileDialog::getSaveFileName(m_window, tr("Save session"),
            m_path.isEmpty() ? QDir::homePath() + QStringLiteral("/demo.iesession.json") : m_path, sessionFilter());
        QString error;
        if (!path.isEmpty() && !this->save(path, &error))
            report(error);
    });
    save->setStatusTip(tr("Save the model, prompt, cursor, selection and every setting to a file"));
    QAction* open = file->addAction(tr("Open s&ession…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O), this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Open session"), QFileInfo(m_path).path(), sessionFilter());
        if (!path.isEmpty())
            this->open(path);
    });
    open->setStatusTip(tr("Put the window back as a saved session had it: the same numbers"));
    connect(m_driver, &WindowDriver::finished, this, &SessionActions::finish);
    connect(m_driver, &WindowDriver::failed, this,
        [this](const QString& message) { report(tr("Could not restore the session %1: %2").arg(m_path, message)); });
}

QString SessionActions::lastSessionPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/last-session.json");
}

bool SessionActions::isOpening() const { return m_driver->isRunning(); }

SessionState SessionActions::capture() const
{
    const SessionController* session = m_window->controller();
    SessionState s;
    s.modelPath = session->model().folder;
    s.modelFingerprint = modelFingerprint(s.modelPath);
    s.prompt = m_window->promptText();
    for (const TokenInfo& t : session->tokens()) {
        s.tokens << t.id;
        s.promptTokens += t.generated() ? 0 : 1;
    }
    s.prefill = session->current().prefill;
    s.cursor = session->hasPass() ? session->cursor() : -1;
    s.selectedToken = m_window->selectedPosition();
    s.headLayer = m_window->attentionPanel()->view()->selectedLayer();
    s.head = m_window->attentionPanel()->view()->selectedHead();
    SamplingLab* lab = m_window->decoding()->samplingLab();
    s.sampling = lab->parameters();
    s.order = lab->orderBox()->currentText();
    s.generation = lab->generationOptions();
    s.beam = m_window->decoding()->beamPanel()->parameters();
    s.view = viewName(m_window->currentView());
    s.zoom = m_window->presentation()->zoom(); // the interface zoom of the mode the window is in
    return s;
}

bool SessionActions::save(const QString& path, QString* error) const
{
    try {
        capture().save(path);
        const_cast<SessionActions*>(this)->m_path = path;
        return true;
    } catch (const core::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void SessionActions::open(const QString& path)
{
    m_path = path;
    SessionState state;
    try {
        state = SessionState::load(path);
    } catch (const core::Error& e) {
        report(tr("Could not open the session: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    QString model = state.modelPath;
    QString problem;
    if (!QFileInfo::exists(model))
        problem = tr("The session's model %1 is not there any more.").arg(model);
    else if (!state.modelFingerprint.isEmpty() && modelFingerprint(model) != state.modelFingerprint)
        problem = tr("The model %1 has changed since the session was saved (its files differ), so its numbers would "
                     "differ too.")
                      .arg(model);
    if (!problem.isEmpty()) {
        if (!m_dialogs) {
            report(problem);
            return;
        }
        const auto answer = QMessageBox::question(m_window, tr("Open session"),
            problem + QStringLiteral("\n\n") + tr("Pick the model's folder?"), QMessageBox::Open | QMessageBox::Cancel);
        if (answer != QMessageBox::Open)
            return;
        model = QFileDialog::getExistingDirectory(m_window, tr("The session's model"), QFileInfo(model).path());
        if (model.isEmpty())
            return;
        const bool same = modelFingerprint(model) == state.modelFingerprint;
        problem = same ? QString() : tr("This model differs from the session's: the numbers may differ.");
    }
    restore(state, model, problem);
}

void SessionActions::restore(const SessionState& state, const QString& modelPath, const QString& note)
{
    WindowTarget target;
    target.model = modelPath;
    target.prompt = state.prompt;
    if (!state.prefill) {
        target.context = state.tokens;
        target.promptTokens = state.promptTokens;
    }
    target.cursor = state.cursor;
    target.token = state.selectedToken;
    target.head = qMakePair(state.headLayer, state.head);
    target.view = state.view;
    m_pending = state;
    m_note = note;
    m_driver->apply(target);
}

void SessionActions::finish()
{
    const SessionState state = m_pending;
    const QString note = m_note;
    QString why;
    m_window->presentation()->setZoom(state.zoom);
    SamplingLab* lab = m_window->decoding()->samplingLab();
    if (!lab->setParameters(state.sampling, state.order, &why) || !lab->setGenerationOptions(state.generation, &why)
        || !m_window->decoding()->beamPanel()->setParameters(state.beam, &why)) {
        report(tr("Could not restore the session %1: %2").arg(m_path, why));
        return;
    }
    m_window->showStatus(note.isEmpty() ? tr("Session %1 restored.").arg(QDir::toNativeSeparators(m_path))
                                        : tr("Session %1 restored. %2").arg(QDir::toNativeSeparators(m_path), note));
    emit restored(m_path);
}

void SessionActions::report(const QString& message)
{
    m_window->showStatus(message);
    if (m_dialogs)
        QMessageBox::warning(m_window, tr("Session"), message);
    emit failed(message);
}

} // namespace ui

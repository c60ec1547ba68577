#include "ui/interventions/intervention_controller.h"

#include "ui/engine/engine.h"
#include "ui/session/session_controller.h"

#include "core/common/error.h"

#include <QThread>

#include <algorithm>

namespace ui {

InterventionController::InterventionController(SessionController* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_engine(session->engine())
{
    registerInterventionMetaTypes();
    m_worker = new InterventionWorker(&m_cancel);
    m_worker->moveToThread(m_engine->workerThread());
    // The engine opens each model once, on its thread; the worker takes it from there.
    connect(m_engine, &Engine::modelOpened, m_worker, &InterventionWorker::adopt, Qt::DirectConnection);
    connect(m_engine, &Engine::stopping, this, [this] { m_cancel = true; });
    connect(session, &SessionController::loadStarted, this, [this] {
        m_cancel = true; // a running patching of the old model stops at its next pass
        QMetaObject::invokeMethod(
            m_worker, [this] { m_cancel = false; }, Qt::QueuedConnection);
    });
    // A new model keeps the entries that fit it.
    connect(session, &SessionController::modelLoaded, this, [this] {
        m_lastComparison = {};
        m_lastPatching = {};
        QString error;
        if (!m_list.empty() && !setSpecs(specs(), &error)) {
            clear();
            emit failed(tr("The interventions were removed: %1").arg(error));
        }
    });

    connect(m_worker, &InterventionWorker::compared, this, [this](quint64 job, const BeforeAfterSnapshot& s) {
        if (!isCurrent(job, Compare))
            return;
        m_lastComparison = s;
        emit compared(s);
    });
    connect(m_worker, &InterventionWorker::patched, this, [this](quint64 job, const PatchingSnapshot& s) {
        if (!isCurrent(job, Patch))
            return;
        m_lastPatching = s;
        emit patched(s);
    });
    connect(m_worker, &InterventionWorker::progress, this, [this](quint64 job, int done, int total) {
        if (isCurrent(job, Compare) || isCurrent(job, Patch))
            emit progress(done, total);
    });
    connect(m_worker, &InterventionWorker::failed, this, [this](quint64 job, const QString& message) {
        if (isCurrent(job, Compare) || isCurrent(job, Patch))
            emit failed(message);
    });
    connect(m_worker, &InterventionWorker::jobDone, this, &InterventionController::onJobDone);
}

InterventionController::~InterventionController()
{
    m_cancel = true;
    if (m_engine)
        disconnect(m_engine, nullptr, m_worker, nullptr);
    Engine::retire(m_engine, this, m_worker); // a running patching ends at its next pass (cancelled)
}

template <typename F> void InterventionController::post(F&& f)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

quint64 InterventionController::startJob(Action action)
{
    if (m_pending++ == 0)
        emit busyChanged(true);
    // An id from the window's one counter (a kind that supersedes nothing); a newer job of the same action
    // supersedes this one, a new model all of them.
    const quint64 job = m_engine->jobs().start(JobTracker::Kind::Decoding);
    m_validFrom[action] = job;
    return job;
}

bool InterventionController::isCurrent(quint64 job, Action action) const
{
    return m_engine && job >= m_validFrom[action] && m_engine->jobs().isCurrent(job, JobTracker::Kind::Load);
}

void InterventionController::onJobDone()
{
    if (m_pending > 0 && --m_pending == 0)
        emit busyChanged(false);
}

core::ModelConfig InterventionController::bounds() const
{
    core::ModelConfig c;
    const ModelInfo& info = m_session->model();
    c.nLayers = info.layers;
    c.nHeads = info.heads;
    c.maxPositions = info.context;
    c.dim = info.dim;
    c.headDim = info.headDim;
    return c;
}

QStringList InterventionController::specs() const
{
    QStringList out;
    for (const core::Intervention& i : m_list)
        out << QString::fromStdString(core::interventionSpec(i));
    return out;
}

QString InterventionController::listText() const { return QString::fromStdString(core::interventionListSpec(m_list)); }

bool InterventionController::contains(const core::Intervention& intervention) const
{
    return std::find(m_list.begin(), m_list.end(), intervention) != m_list.end();
}

bool InterventionController::add(const QString& spec, QString* error)
{
    if (!m_session || !m_session->hasModel()) {
        if (error)
            *error = tr("Open a model first: an intervention names its layers and heads.");
        return false;
    }
    try {
        return add(core::parseIntervention(spec.trimmed().toStdString(), bounds()), error);
    } catch (const core::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool InterventionController::add(const core::Intervention& intervention, QString* error)
{
    if (contains(intervention))
        return true;
    core::InterventionList list = m_list;
    list.push_back(intervention);
    try {
        core::validateInterventions(list, bounds()); // e.g. knockouts that leave a query no key
    } catch (const core::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    m_list = std::move(list);
    emit listChanged();
    return true;
}

bool InterventionController::setSpecs(const QStringList& specs, QString* error)
{
    core::InterventionList list;
    const core::ModelConfig config = bounds();
    for (int n = 0; n < specs.size(); ++n) {
        try {
            if (config.nLayers <= 0)
                throw core::Error("session", "model", "no model is loaded");
            const core::Intervention i = core::parseIntervention(specs[n].toStdString(), config);
            if (std::find(list.begin(), list.end(), i) == list.end())
                list.push_back(i);
        } catch (const core::Error& e) {
            if (error)
                *error = QStringLiteral("interventions[%1]: %2").arg(n).arg(QString::fromUtf8(e.what()));
            return false;
        }
    }
    try {
        core::validateInterventions(list, config);
    } catch (const core::Error& e) {
        if (error)
            *error = QStringLiteral("interventions: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
    if (list != m_list) {
        m_list = std::move(list);
        emit listChanged();
    }
    return true;
}

void InterventionController::remove(int index)
{
    if (index < 0 || index >= int(m_list.size()))
        return;
    m_list.erase(m_list.begin() + index);
    emit listChanged();
}

void InterventionController::clear()
{
    if (m_list.empty())
        return;
    m_list.clear();
    emit listChanged();
}

void InterventionController::compare(int newTokens)
{
    if (!m_session || !m_session->hasModel() || m_session->tokens().isEmpty()) {
        emit failed(tr("Open a model and type a prompt first: the comparison runs on the stepper's tokens."));
        return;
    }
    std::vector<std::int32_t> ids;
    for (const TokenInfo& t : m_session->tokens())
        ids.push_back(t.id);
    m_cancel = false;
    const quint64 job = startJob(Compare);
    post([this, job, ids, list = m_list, newTokens] { m_worker->compare(job, ids, list, newTokens); });
}

void InterventionController::patch(const PatchingRequest& request)
{
    if (!m_session || !m_session->hasModel()) {
        emit failed(tr("Open a model first."));
        return;
    }
    m_cancel = false;
    const quint64 job = startJob(Patch);
    post([this, job, request] { m_worker->patch(job, request); });
}

void InterventionController::cancel()
{
    if (isBusy())
        m_cancel = true;
}

} // namespace ui

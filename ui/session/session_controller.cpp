#include "ui/session/session_controller.h"

#include "ui/engine/engine.h"
#include "ui/session/session_worker.h"

#include <QMetaObject>
#include <QThread>

#include "core/loader/loaded_model.h"

#include <algorithm>

namespace ui {

namespace {
    JobTracker::Kind trackerKind(int kind)
    {
        constexpr JobTracker::Kind kinds[]
            = { JobTracker::Kind::Load, JobTracker::Kind::Prompt, JobTracker::Kind::Seek, JobTracker::Kind::Inspect };
        return kinds[kind];
    }
}

SessionController::SessionController(QObject* parent, Engine* engine)
    : QObject(parent)
    , m_engine(engine ? engine : new Engine(this))
{
    qRegisterMetaType<ui::ModelInfo>();
    qRegisterMetaType<ui::TokenList>();
    qRegisterMetaType<ui::StepSnapshot>();
    qRegisterMetaType<ui::FlashWalkInfo>();
    m_worker = new SessionWorker(&m_engine->jobs().validFrom(JobTracker::Kind::Seek), &m_cancel);
    m_worker->moveToThread(m_engine->workerThread());
    // The engine opens each model once, on its thread; the worker takes it from there (a direct call on that thread).
    connect(m_engine, &Engine::modelOpened, m_worker, &SessionWorker::adopt, Qt::DirectConnection);
    connect(m_engine, &Engine::loadProgress, m_worker, &SessionWorker::reportLoad, Qt::DirectConnection);
    connect(m_engine, &Engine::loadFailed, m_worker, &SessionWorker::reportLoadFailure, Qt::DirectConnection);
    m_worker->setEngine(m_engine);
    connect(m_engine, &Engine::stopping, this, [this] { m_cancel = true; });

    connect(m_worker, &SessionWorker::loadProgress, this, [this](quint64 job, int percent, const QString& what) {
        if (isCurrent(job, Kind::Load))
            emit loadProgress(percent, what);
    });
    connect(m_worker, &SessionWorker::modelLoaded, this, [this](quint64 job, const ModelInfo& info) {
        if (!isCurrent(job, Kind::Load))
            return;
        m_model = info;
        m_tokens.clear();
        m_current = StepSnapshot {};
        m_target = -1;
        emit modelLoaded(info);
    });
    connect(m_worker, &SessionWorker::tokensReady, this, [this](quint64 job, const TokenList& tokens) {
        if (!isCurrent(job, Kind::Prompt))
            return;
        m_tokens = tokens;
        emit tokensReady(tokens);
    });
    connect(m_worker, &SessionWorker::progress, this, [this](quint64 job, int done, int total) {
        if (isCurrent(job, Kind::Seek))
            emit progress(done, total);
    });
    connect(m_worker, &SessionWorker::passStarted, this, [this] { ++m_forwardPasses; });
    connect(m_worker, &SessionWorker::stepped, this, &SessionController::onStepped);
    connect(m_worker, &SessionWorker::flashWalked, this, [this](quint64 job, const FlashWalkInfo& walk) {
        if (isCurrent(job, Kind::Inspect))
            emit flashWalked(walk);
    });
    connect(m_worker, &SessionWorker::promptTooLong, this,
        [this](quint64 job, const QString& tail, int tokens, int context) {
            if (job == m_promptJob)
                emit promptTooLong(tail, tokens, context);
        });
    connect(m_worker, &SessionWorker::failed, this, [this](quint64 job, const QString& message) {
        // A failed prompt leaves no pass to step; a failed load leaves the previous model as it was.
        if (job == m_promptJob)
            m_target = m_current.cursor;
        emit failed(message);
    });
    connect(m_worker, &SessionWorker::jobDone, this, &SessionController::onJobDone);
}

SessionController::~SessionController()
{
    m_cancel = true;
    Engine::retire(m_engine, this, m_worker); // a job it is running ends at its next op (cancelled)
}

Engine* SessionController::engine() const { return m_engine; }

quint64 SessionController::startJob(Kind kind)
{
    const quint64 job = m_engine->jobs().start(trackerKind(int(kind)));
    if (kind == Kind::Load || kind == Kind::Prompt)
        m_promptJob = job;
    m_cancel = false;
    if (m_pending++ == 0)
        emit busyChanged(true);
    return job;
}

bool SessionController::isCurrent(quint64 job, Kind kind) const
{
    return m_engine && m_engine->jobs().isCurrent(job, trackerKind(int(kind)));
}

void SessionController::onStepped(quint64 job, const StepSnapshot& step)
{
    if (!isCurrent(job, Kind::Seek))
        return;
    const bool wasFinished = m_current.finished();
    m_current = step;
    m_target = step.cursor;
    emit stepped(step);
    if (step.finished() && step.prefill && !wasFinished)
        emit prefillFinished(step);
}

void SessionController::onJobDone(quint64)
{
    if (--m_pending == 0)
        emit busyChanged(false);
}

void SessionController::loadModel(const QString& path)
{
    const quint64 job = startJob(Kind::Load);
    emit loadStarted(path);
    m_engine->load(job, path);
    // The load's answers come from the worker (adopt / reportLoadFailure); this marks the job done after them.
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job] { emit w->jobDone(job); }, Qt::QueuedConnection);
}

void SessionController::setPrompt(const QString& text)
{
    const quint64 job = startJob(Kind::Prompt);
    m_target = -1;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, text] { w->setPrompt(job, text); }, Qt::QueuedConnection);
}

void SessionController::decodeNext(int tokenId)
{
    if (!canDecode())
        return;
    const quint64 job = startJob(Kind::Prompt); // a new pass, like a new prompt
    m_target = -1;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, tokenId] { w->decode(job, tokenId); }, Qt::QueuedConnection);
}

void SessionController::openDecodeStep(const QVector<int>& ids, int promptLength)
{
    if (!hasModel())
        return;
    const quint64 job = startJob(Kind::Prompt);
    m_target = -1;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, ids, promptLength] { w->replay(job, ids, promptLength); }, Qt::QueuedConnection);
}

void SessionController::seek(int cursor)
{
    if (!hasPass() && m_pending == 0)
        return;
    const int total = m_current.total > 0 ? m_current.total : int(m_model.plan.size());
    m_target = std::clamp(cursor, -1, total - 1);
    const quint64 job = startJob(Kind::Seek);
    const int target = m_target;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, target] { w->seek(job, target); }, Qt::QueuedConnection);
}

void SessionController::focusAttention(int layer, int head)
{
    if (!hasPass())
        return;
    if (isBusy()) { // a running prefill is not superseded by a click on a head: its last snapshot carries it
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, layer, head] { w->setFocus(layer, head); }, Qt::QueuedConnection);
        return;
    }
    const quint64 job = startJob(Kind::Seek);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, layer, head] { w->focusAttention(job, layer, head); }, Qt::QueuedConnection);
}

void SessionController::walkFlash(int layer, int head, int queryRow)
{
    if (!hasPass())
        return;
    const quint64 job = startJob(Kind::Inspect); // answered after the queued seeks, without superseding them
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, layer, head, queryRow] { w->walkFlash(job, layer, head, queryRow); },
        Qt::QueuedConnection);
}

void SessionController::stepForward() { seek(m_target + 1); }
void SessionController::stepBack() { seek(m_target - 1); }
void SessionController::restart() { seek(-1); }
void SessionController::runToEndOfPass() { seek(int(m_model.plan.size()) - 1); }
void SessionController::jumpToNode(int nodeIndex) { seek(nodeIndex); } // one event per node in a prefill pass

void SessionController::stepOverLayer()
{
    const int next = m_target + 1;
    if (next >= m_model.plan.size())
        return;
    const int layer = m_model.plan[next].layer;
    if (layer < 0) {
        seek(next);
        return;
    }
    seek(m_model.firstNodeOfLayer(layer + 1) - 1);
}

void SessionController::cancel() { m_cancel = true; }

} // namespace ui

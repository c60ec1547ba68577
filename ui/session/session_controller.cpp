#include "ui/session/session_controller.h"

#include "ui/session/session_worker.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>

namespace ui {

SessionController::SessionController(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<ui::ModelInfo>();
    qRegisterMetaType<ui::TokenList>();
    qRegisterMetaType<ui::StepSnapshot>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("session worker"));
    m_worker = new SessionWorker(&m_supersededBefore, &m_cancel);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

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
    connect(m_worker, &SessionWorker::stepped, this, &SessionController::onStepped);
    connect(m_worker, &SessionWorker::failed, this, [this](quint64 job, const QString& message) {
        // A failed prompt leaves no pass to step; a failed load leaves the previous model as it was.
        if (job == m_promptJob)
            m_target = m_current.cursor;
        emit failed(message);
    });
    connect(m_worker, &SessionWorker::jobDone, this, &SessionController::onJobDone);
    m_thread->start();
}

SessionController::~SessionController()
{
    m_cancel = true;
    m_thread->quit();
    m_thread->wait();
}

quint64 SessionController::startJob(Kind kind)
{
    const quint64 job = m_nextJob++;
    switch (kind) {
    case Kind::Load:
        m_loadJob = job;
        m_promptJob = job; // a new model makes any pass in flight meaningless
        m_seekJob = job;
        break;
    case Kind::Prompt:
        m_promptJob = job;
        m_seekJob = job;
        break;
    case Kind::Seek:
        m_seekJob = job;
        break;
    }
    m_supersededBefore = job;
    m_cancel = false;
    if (m_pending++ == 0)
        emit busyChanged(true);
    return job;
}

bool SessionController::isCurrent(quint64 job, Kind kind) const
{
    switch (kind) {
    case Kind::Load:
        return job == m_loadJob;
    case Kind::Prompt:
        return job == m_promptJob;
    case Kind::Seek:
        return job == m_seekJob;
    }
    return false;
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

void SessionController::loadModel(const QString& folder)
{
    const quint64 job = startJob(Kind::Load);
    emit loadStarted(folder);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, folder] { w->load(job, folder); }, Qt::QueuedConnection);
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
    if (!hasPass() && m_promptJob == m_seekJob && m_pending == 0)
        return;
    const int total = m_current.total > 0 ? m_current.total : int(m_model.plan.size());
    m_target = std::clamp(cursor, -1, total - 1);
    const quint64 job = startJob(Kind::Seek);
    const int target = m_target;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, target] { w->seek(job, target); }, Qt::QueuedConnection);
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

#include "ui/interp/interp_controller.h"

#include "ui/engine/engine.h"
#include "ui/interp/interp_worker.h"
#include "ui/session/session_controller.h"

#include <algorithm>

namespace ui {

InterpController::InterpController(SessionController* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_engine(session->engine())
{
    registerInterpMetaTypes();
    qRegisterMetaType<Analysis>();
    m_worker = new InterpWorker(&m_cancel);
    m_worker->moveToThread(m_engine->workerThread());
    // The engine opens each model once, on its thread; the worker takes it from there (a direct call on that thread).
    connect(m_engine, &Engine::modelOpened, m_worker, &InterpWorker::adopt, Qt::DirectConnection);
    connect(m_engine, &Engine::stopping, this, [this] { m_cancel = true; });

    connect(session, &SessionController::loadStarted, this, [this] {
        m_cancel = true; // a running head scan of the old model stops at its next pass
        forget();
    });
    connect(session, &SessionController::modelLoaded, this, [this] {
        m_hasModel = true;
        forget();
    });
    connect(session, &SessionController::tokensReady, this, [this](const TokenList& tokens) {
        std::vector<std::int32_t> ids;
        QStringList texts;
        for (const TokenInfo& t : tokens) {
            ids.push_back(t.id);
            texts << t.visibleText();
        }
        if (ids == m_tokens)
            return;
        // The stepper appending a token (F9) is a new context too: the analyses read the last position.
        m_tokens = std::move(ids);
        m_tokenTexts = texts;
        m_fresh.fill(false);
        emit contextChanged();
    });

    connect(m_worker, &InterpWorker::lensChanged, this, [this](quint64 job, const LensSnapshot& s) {
        if (!accepts(job, Analysis::Lens))
            return;
        m_lens = s;
        m_fresh[std::size_t(Analysis::Lens)] = true;
        emit lensChanged(s);
    });
    connect(m_worker, &InterpWorker::ropeVectorsReady, this, [this](quint64 job, const RopeVectors& v) {
        if (accepts(job, Analysis::RopeVectors))
            emit ropeVectorsReady(v);
    });
    connect(m_worker, &InterpWorker::lensTopReady, this, [this](quint64 job, const LensCellTop& top) {
        if (accepts(job, Analysis::LensTop))
            emit lensTopReady(top);
    });
    connect(m_worker, &InterpWorker::attributionReady, this, [this](quint64 job, const AttributionSnapshot& s) {
        if (!accepts(job, Analysis::Attribution))
            return;
        m_attribution = s;
        m_fresh[std::size_t(Analysis::Attribution)] = true;
        emit attributionChanged(s);
    });
    connect(m_worker, &InterpWorker::headsReady, this, [this](quint64 job, const HeadsSnapshot& s) {
        if (!accepts(job, Analysis::Heads))
            return;
        m_heads = s;
        m_fresh[std::size_t(Analysis::Heads)] = !s.cancelled;
        emit headsChanged(s);
    });
    connect(m_worker, &InterpWorker::progress, this, [this](quint64 job, int done, int total) {
        if (m_engine && m_engine->jobs().isCurrent(job, JobTracker::Kind::Analysis))
            emit progress(done, total);
    });
    connect(m_worker, &InterpWorker::failed, this, [this](quint64 job, const QString& message) {
        for (std::size_t a = 0; a < m_latest.size(); ++a)
            if (m_latest[a] == job && accepts(job, Analysis(a))) {
                m_fresh[a] = true; // the answer for this context is the refusal
                emit failed(Analysis(a), message);
            }
    });
    connect(m_worker, &InterpWorker::jobDone, this, &InterpController::onJobDone);
}

InterpController::~InterpController()
{
    m_cancel = true;
    if (m_engine)
        disconnect(m_engine, nullptr, m_worker, nullptr);
    Engine::retire(m_engine, this, m_worker); // a running head scan ends at its next forward pass
}

void InterpController::forget()
{
    m_tokens.clear();
    m_tokenTexts.clear();
    m_lens = {};
    m_attribution = {};
    m_heads = {};
    m_fresh.fill(false);
    emit contextChanged();
}

quint64 InterpController::start(Analysis analysis)
{
    if (m_pending++ == 0)
        emit busyChanged(true);
    const quint64 job = m_engine->jobs().start(JobTracker::Kind::Analysis);
    m_latest[std::size_t(analysis)] = job;
    return job;
}

bool InterpController::accepts(quint64 job, Analysis analysis) const
{
    return m_engine && m_engine->jobs().isCurrent(job, JobTracker::Kind::Analysis)
        && m_latest[std::size_t(analysis)] == job;
}

template <typename F> void InterpController::post(F&& f)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

void InterpController::onJobDone(quint64)
{
    if (m_pending > 0 && --m_pending == 0)
        emit busyChanged(false);
}

void InterpController::runLens(const QString& target)
{
    const quint64 job = start(Analysis::Lens);
    post([this, job, tokens = m_tokens, target] {
        m_cancel = m_cancelledUpTo >= job;
        m_worker->runLens(job, tokens, target);
    });
}

void InterpController::requestRopeVectors(int layer, int head, int posQ, int posK)
{
    const quint64 job = start(Analysis::RopeVectors);
    post([this, job, tokens = m_tokens, layer, head, posQ, posK] {
        m_worker->ropeVectors(job, tokens, layer, head, posQ, posK);
    });
}

void InterpController::requestLensTop(int site, int position, int n)
{
    const quint64 job = start(Analysis::LensTop);
    post([this, job, site, position, n] { m_worker->lensTop(job, site, position, n); });
}

void InterpController::runAttribution(const QString& target, const QString& minus)
{
    const quint64 job = start(Analysis::Attribution);
    post([this, job, tokens = m_tokens, target, minus] { m_worker->runAttribution(job, tokens, target, minus); });
}

void InterpController::runHeads(const QString& target, int attendPosition)
{
    m_cancel = true; // a head scan still running stops at its next pass; this one starts afresh
    const quint64 job = start(Analysis::Heads);
    post([this, job, tokens = m_tokens, target, attendPosition] {
        m_cancel = m_cancelledUpTo >= job;
        m_worker->runHeads(job, tokens, target, attendPosition);
    });
}

void InterpController::cancel()
{
    m_cancelledUpTo = std::max(m_latest[std::size_t(Analysis::Heads)], m_latest[std::size_t(Analysis::Lens)]);
    m_cancel = true;
}

} // namespace ui

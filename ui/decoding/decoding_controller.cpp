#include "ui/decoding/decoding_controller.h"

#include "ui/decoding/decoding_worker.h"
#include "ui/engine/engine.h"
#include "ui/session/session_controller.h"

#include <QThread>

namespace ui {

DecodingController::DecodingController(QObject* parent, Engine* engine)
    : QObject(parent)
    , m_engine(engine ? engine : new Engine(this))
    , m_ownsEngine(!engine)
{
    registerDecodingMetaTypes();
    m_options.maxNewTokens = 32;
    m_worker = new DecodingWorker(&m_cancel, &m_latestSampling);
    m_worker->setContextValidFrom(&m_engine->jobs().validFrom(JobTracker::Kind::DecodingContext));
    m_worker->moveToThread(m_engine->workerThread());
    // The engine opens each model once, on its thread; the worker takes it from there (a direct call on that thread),
    // and lends the stepper the KV cache of its generation.
    connect(m_engine, &Engine::modelOpened, m_worker, &DecodingWorker::adopt, Qt::DirectConnection);
    if (m_ownsEngine) // a shared engine's failures are reported by the stepper that asked for the model
        connect(m_engine, &Engine::loadFailed, m_worker, &DecodingWorker::reportLoadFailure, Qt::DirectConnection);
    connect(m_engine, &Engine::stopping, this, [this] { m_cancel = true; });
    m_engine->setCacheProvider([w = m_worker](const std::vector<std::int32_t>& context, core::KvCache& cache) {
        return w->cachedContext(context, cache);
    });

    connect(m_worker, &DecodingWorker::loaded, this,
        [this](quint64 job, const QString& name, int vocab, int context, const ModelDefaults& defaults) {
            if (!isCurrent(job))
                return;
            forgetModel(); // the snapshots of the old model go only now: a load that fails leaves them as they were
            m_hasModel = true;
            m_defaults = defaults;
            emit modelReady(name, vocab, context);
            emit modelDefaults(defaults);
        });
    connect(m_worker, &DecodingWorker::sampled, this, [this](quint64 job, const SamplingSnapshot& s) {
        if (!isCurrent(job))
            return;
        m_lastSampling = s;
        emit sampled(s);
    });
    connect(m_worker, &DecodingWorker::generationChanged, this, [this](quint64 job, const GenerationSnapshot& g) {
        if (!isCurrent(job))
            return;
        const bool penaltiesChanged = g.penalisedPositions != m_lastGeneration.penalisedPositions;
        m_lastGeneration = g;
        emit generationChanged(g);
        if (penaltiesChanged)
            emit penalisedPositions(g.penalisedPositions);
    });
    connect(m_worker, &DecodingWorker::beamChanged, this, [this](quint64 job, const BeamSnapshot& b) {
        if (!isCurrent(job))
            return;
        m_lastBeam = b;
        emit beamChanged(b);
    });
    connect(m_worker, &DecodingWorker::comparisonChanged, this, [this](quint64 job, const ComparisonSnapshot& c) {
        if (!isCurrent(job))
            return;
        m_lastComparison = c;
        emit comparisonChanged(c);
    });
    connect(m_worker, &DecodingWorker::contextMeasured, this, [this](quint64 job, const ContextCurve& c) {
        if (!isCurrent(job))
            return;
        m_lastCurve = c;
        emit contextMeasured(c);
    });
    connect(m_worker, &DecodingWorker::batchesMeasured, this, [this](quint64 job, const BatchCurve& c) {
        if (!isCurrent(job))
            return;
        m_lastBatches = c;
        emit batchesMeasured(c);
    });
    connect(m_worker, &DecodingWorker::progress, this, [this](quint64 job, int done, int total) {
        if (isCurrent(job))
            emit progress(done, total);
    });
    connect(m_worker, &DecodingWorker::failed, this, [this](quint64 job, const QString& message) {
        if (isCurrent(job))
            emit failed(message);
    });
    connect(m_worker, &DecodingWorker::jobDone, this, &DecodingController::onJobDone);
}

DecodingController::~DecodingController()
{
    m_cancel = true;
    if (m_engine) {
        m_engine->setCacheProvider({});
        disconnect(m_engine, nullptr, m_worker, nullptr);
    }
    Engine::retire(m_engine, this, m_worker); // a running generation ends at its next token (cancelled)
}

quint64 DecodingController::startJob(int kind)
{
    if (m_pending++ == 0)
        emit busyChanged(true);
    return m_engine->jobs().start(JobTracker::Kind(kind));
}

quint64 DecodingController::nextJob() { return startJob(int(JobTracker::Kind::Decoding)); }

bool DecodingController::isCurrent(quint64 job) const
{
    return m_engine && m_engine->jobs().isCurrent(job, JobTracker::Kind::Decoding);
}

void DecodingController::forgetModel()
{
    m_hasModel = false;
    m_lastSampling = {};
    m_lastGeneration = {};
    m_lastBeam = {};
    m_lastComparison = {};
    m_lastCurve = {};
    m_lastBatches = {};
}

void DecodingController::dropBeam()
{
    // The worker drops its search with a new prompt or new options (restartSession): so does the view.
    if (!m_lastBeam.isValid())
        return;
    m_lastBeam = {};
    emit beamChanged(m_lastBeam);
}

void DecodingController::onJobDone(quint64)
{
    if (m_pending > 0 && --m_pending == 0)
        emit busyChanged(false);
}

template <typename F> void DecodingController::post(F&& f)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

void DecodingController::follow(SessionController* session)
{
    // On one engine the model the session loads reaches this controller's worker by itself; a running generation
    // must stop. (On another engine, load it there.)
    connect(session, &SessionController::loadStarted, this, [this, session](const QString& path) {
        if (session->engine() != m_engine) {
            loadModel(path);
            return;
        }
        m_cancel = true; // a running generation of the old model stops; the new model reaches the worker by itself
        QMetaObject::invokeMethod(
            m_worker, [this] { m_cancel = false; }, Qt::QueuedConnection);
    });
    connect(session, &SessionController::tokensReady, this, [this](const TokenList& tokens) {
        std::vector<std::int32_t> ids;
        for (const auto& t : tokens)
            ids.push_back(t.id);
        // The explorer looking inside one step of this generation (F9 along it, or a generated token clicked)
        // leaves the generation as it is; any other context is a new prompt for the decoding views.
        if (!ids.empty() && generatedPrefixOf(ids) <= 0)
            setPrompt(ids);
    });
}

int DecodingController::generatedPrefixOf(const std::vector<std::int32_t>& context) const
{
    const GenerationSnapshot& g = m_lastGeneration;
    const int p = int(g.prompt.size());
    const int k = int(context.size()) - p;
    if (!g.isValid() || k < 0 || k > g.generated.size())
        return -1;
    for (int i = 0; i < int(context.size()); ++i)
        if (context[std::size_t(i)] != (i < p ? g.prompt[i].id : g.generated[i - p].id))
            return -1;
    return k;
}

void DecodingController::loadModel(const QString& path)
{
    m_cancel = true; // a running generation of the old model stops at its next token
    const quint64 job = startJob(int(JobTracker::Kind::Load));
    forgetModel();
    m_engine->load(job, path);
    post([this, job] {
        m_cancel = false;
        emit m_worker->jobDone(job); // after the load's answers
    });
}

void DecodingController::setPrompt(const std::vector<std::int32_t>& ids)
{
    m_cancel = true;
    dropBeam();
    const quint64 job = startJob(int(JobTracker::Kind::DecodingContext));
    post([this, job, ids] {
        m_cancel = false;
        m_worker->setPrompt(job, ids);
    });
}

void DecodingController::setSampling(const core::SamplingParameters& parameters, const QString& order)
{
    m_sampling = parameters;
    m_order = order;
    const quint64 job = nextJob();
    m_latestSampling = job;
    post([this, job, parameters, order] { m_worker->setSampling(job, parameters, order); });
}

void DecodingController::setOptions(const core::GenerationOptions& options)
{
    m_options = options;
    dropBeam();
    const quint64 job = nextJob();
    post([this, job, options] { m_worker->setOptions(job, options); });
}

void DecodingController::setInterventions(const core::InterventionList& list)
{
    dropBeam(); // the beams and the compared runs were those of the model before this change
    if (m_lastComparison.isValid()) {
        m_lastComparison = {};
        emit comparisonChanged(m_lastComparison);
    }
    const quint64 job = nextJob();
    post([this, job, list] { m_worker->setInterventions(job, list); });
}

void DecodingController::setTableRows(int rows)
{
    m_tableRows = rows;
    const quint64 job = nextJob();
    post([this, job, rows] { m_worker->setTableRows(job, rows); });
}

void DecodingController::stepToken()
{
    const quint64 job = nextJob();
    post([this, job] { m_worker->stepToken(job); });
}

void DecodingController::generate()
{
    m_cancel = false;
    const quint64 job = nextJob();
    post([this, job] { m_worker->generate(job); });
}

void DecodingController::stepBack()
{
    const quint64 job = nextJob();
    post([this, job] { m_worker->stepBack(job); });
}

void DecodingController::drawAgain()
{
    const quint64 job = nextJob();
    post([this, job] { m_worker->drawAgain(job); });
}

void DecodingController::restart()
{
    const quint64 job = nextJob();
    post([this, job] { m_worker->restart(job); });
}

void DecodingController::startBeam(const core::BeamSearchParameters& parameters)
{
    const quint64 job = nextJob();
    post([this, job, parameters] { m_worker->startBeam(job, parameters); });
}

void DecodingController::stepBeam()
{
    const quint64 job = nextJob();
    post([this, job] { m_worker->stepBeam(job); });
}

void DecodingController::runBeam()
{
    m_cancel = false;
    const quint64 job = nextJob();
    post([this, job] { m_worker->runBeam(job); });
}

void DecodingController::compare(int samples, int beams)
{
    m_cancel = false;
    const quint64 job = nextJob();
    post([this, job, samples, beams] { m_worker->compare(job, samples, beams); });
}

void DecodingController::measureContext()
{
    m_cancel = false;
    const quint64 job = nextJob();
    post([this, job] { m_worker->measureContext(job); });
}

void DecodingController::measureBatches()
{
    m_cancel = false;
    const quint64 job = nextJob();
    post([this, job] { m_worker->measureBatches(job); });
}

void DecodingController::cancel()
{
    m_cancel = true;
    emit cancelRequested();
}

} // namespace ui

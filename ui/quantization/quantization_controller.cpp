#include "ui/quantization/quantization_controller.h"

#include "ui/engine/engine.h"
#include "ui/quantization/quantization_worker.h"

#include <QThread>

namespace ui {

QuantizationController::QuantizationController(Engine* engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
{
    qRegisterMetaType<QuantizationSnapshot>();
    m_worker = new QuantizationWorker(&m_engine->jobs().validFrom(JobTracker::Kind::Quantization), &m_stop);
    m_worker->moveToThread(m_engine->workerThread());
    // The window's model reaches the worker on the engine thread, as it reaches the stepper's and decoding's workers.
    connect(m_engine, &Engine::modelOpened, m_worker, &QuantizationWorker::adopt, Qt::DirectConnection);
    connect(m_engine, &Engine::modelOpened, this, [this] { // a new reference: the old comparison no longer holds
        if (m_last.isValid()) {
            m_last = {};
            emit compared(m_last);
        }
    });
    connect(m_engine, &Engine::stopping, this, [this] { m_stop = true; });
    connect(m_worker, &QuantizationWorker::progress, this, [this](quint64 job, int stage, int percent) {
        if (isCurrent(job))
            emit progress(stage, percent);
    });
    connect(m_worker, &QuantizationWorker::compared, this, [this](quint64 job, const QuantizationSnapshot& s) {
        if (!isCurrent(job))
            return;
        m_last = s;
        emit compared(s);
    });
    connect(m_worker, &QuantizationWorker::failed, this, [this](quint64 job, const QString& message) {
        if (isCurrent(job))
            emit failed(message);
    });
    connect(m_worker, &QuantizationWorker::jobDone, this, [this] {
        if (m_pending > 0 && --m_pending == 0)
            emit busyChanged(false);
    });
}

QuantizationController::~QuantizationController()
{
    m_stop = true;
    if (m_engine)
        disconnect(m_engine, nullptr, m_worker, nullptr);
    Engine::retire(m_engine, this, m_worker);
}

bool QuantizationController::isCurrent(quint64 job) const
{
    return m_engine && m_engine->jobs().isCurrent(job, JobTracker::Kind::Quantization);
}

void QuantizationController::compare(const QString& otherPath, const QVector<int>& ids)
{
    if (!m_engine)
        return;
    const quint64 job = m_engine->jobs().start(JobTracker::Kind::Quantization);
    if (m_pending++ == 0)
        emit busyChanged(true);
    m_otherPath = otherPath;
    emit started(otherPath);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job, otherPath, ids] { w->compare(job, otherPath, ids); }, Qt::QueuedConnection);
}

void QuantizationController::cancel()
{
    if (m_engine)
        m_engine->jobs().start(JobTracker::Kind::Quantization); // the running comparison stops at its next op
}

} // namespace ui

#pragma once
// One engine per window: ONE worker thread, ONE loaded model, one job tracker. The stepper (SessionController) and
// the decoding views (DecodingController) both run on it: their workers live on the engine's thread and receive the
// model the engine opened (core::openModel, once), so a model is read, converted and held once, and the stepper can
// open a generation's decode step from the KV cache the decoding side already holds.
#include "ui/engine/job_tracker.h"

#include "core/exec/kv_cache.h"
#include "core/loader/loaded_model.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace ui {

class EngineLoader;

class Engine : public QObject {
    Q_OBJECT
public:
    explicit Engine(QObject* parent = nullptr);
    ~Engine() override;

    QThread* workerThread() const { return m_thread; }
    JobTracker& jobs() { return m_jobs; }
    const JobTracker& jobs() const { return m_jobs; }

    // Opens `path` on the worker thread as job `job` (of JobTracker::Kind::Load). Answers: modelOpened (on the worker
    // thread, for the workers), loadProgress, loadFailed.
    void load(quint64 job, const QString& path);
    // How many times a model was opened (for tests: the window loads each model once).
    int loadCount() const { return m_loads.load(); }

    // A KV cache for `context` (the decoding side's generation when it holds exactly that prefix): copies the rows
    // into `cache` and returns true. Worker thread only; registered by the decoding worker.
    using CacheProvider = std::function<bool(const std::vector<std::int32_t>& context, core::KvCache& cache)>;
    void setCacheProvider(CacheProvider provider) { m_cacheProvider = std::move(provider); }
    bool cachedContext(const std::vector<std::int32_t>& context, core::KvCache& cache) const
    {
        return m_cacheProvider && m_cacheProvider(context, cache);
    }

signals:
    // Emitted on the worker thread: connect worker-thread objects directly.
    void modelOpened(quint64 job, std::shared_ptr<const core::LoadedModel> model);
    void loadProgress(quint64 job, int percent, int stage, const QString& path); // stage: core::OpenStage
    void loadFailed(quint64 job, const QString& path, const QString& message);

private:
    QThread* m_thread = nullptr;
    EngineLoader* m_loader = nullptr;
    JobTracker m_jobs;
    std::atomic<int> m_loads { 0 };
    CacheProvider m_cacheProvider;
};

} // namespace ui

#include "ui/engine/engine.h"

#include "core/common/error.h"

#include <QThread>

namespace ui {

// Lives on the worker thread; opens models there.
class EngineLoader : public QObject {
public:
    explicit EngineLoader(Engine* engine)
        : m_engine(engine)
    {
    }

    void open(quint64 job, const QString& path, std::atomic<int>* loads)
    {
        try {
            ++*loads;
            auto model = core::openModel(path.toStdString(), [&](int percent, core::OpenStage stage) {
                emit m_engine->loadProgress(job, percent, int(stage), path);
            });
            emit m_engine->modelOpened(job, std::move(model));
        } catch (const std::exception& e) { // core::Error, and anything a broken file provokes
            emit m_engine->loadFailed(job, path, QString::fromUtf8(e.what()));
        }
    }

private:
    Engine* m_engine;
};

Engine::Engine(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const core::LoadedModel>>();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("engine worker"));
    m_loader = new EngineLoader(this);
    m_loader->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    m_thread->start();
}

Engine::~Engine()
{
    m_thread->quit();
    m_thread->wait();
}

void Engine::load(quint64 job, const QString& path)
{
    QMetaObject::invokeMethod(
        m_loader, [this, job, path] { m_loader->open(job, path, &m_loads); }, Qt::QueuedConnection);
}

} // namespace ui

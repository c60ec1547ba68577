#pragma once
// The quantization comparison's half on the engine thread: holds the model the engine opened (the reference) and the
// other file of it (opened here, kept for the next prompt), runs core::compareWeightFormats op by op and answers
// with signals. Jobs older than the controller's latest stop at their next op.
#include "ui/quantization/quantization_snapshot.h"

#include "core/loader/loaded_model.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace ui {

class QuantizationWorker : public QObject {
    Q_OBJECT
public:
    enum class Stage { Opening, Running };

    // `validFrom`: jobs below it are superseded (JobTracker::validFrom); `stop`: the engine is stopping.
    QuantizationWorker(const std::atomic<quint64>* validFrom, const std::atomic<bool>* stop);

    // On the engine thread (direct connection to Engine::modelOpened): the reference from now on.
    void adopt(quint64 loadJob, std::shared_ptr<const core::LoadedModel> model);
    // Opens `otherPath` (unless it is the one held) and compares it with the reference on `ids`.
    void compare(quint64 job, const QString& otherPath, const QVector<int>& ids);

signals:
    void progress(quint64 job, int stage, int percent); // stage: Stage
    void compared(quint64 job, const ui::QuantizationSnapshot& snapshot);
    void failed(quint64 job, const QString& message);
    void jobDone(quint64 job);

private:
    bool stopped(quint64 job) const { return m_stop->load() || job < m_validFrom->load(); }

    const std::atomic<quint64>* m_validFrom;
    const std::atomic<bool>* m_stop;
    std::shared_ptr<const core::LoadedModel> m_reference;
    std::shared_ptr<const core::LoadedModel> m_other;
    QString m_otherPath;
};

} // namespace ui

#pragma once
// The quantization comparison's door to the window's engine: the model the window has open is the reference; compare()
// opens another file of the same model (an F32 folder and a Q4_K_M GGUF, say) on the engine thread and runs the
// prompt through both. Results only as signals; a new comparison or a new model drops the older answers.
#include "ui/quantization/quantization_snapshot.h"

#include <QObject>
#include <QPointer>

#include <atomic>

namespace ui {

class Engine;
class QuantizationWorker;

class QuantizationController : public QObject {
    Q_OBJECT
public:
    explicit QuantizationController(Engine* engine, QObject* parent = nullptr);
    ~QuantizationController() override;

    // Compares `otherPath` (any format openModel reads) with the engine's model on the prompt `ids`.
    void compare(const QString& otherPath, const QVector<int>& ids);
    void cancel();

    bool isBusy() const { return m_pending > 0; }
    const QuantizationSnapshot& last() const { return m_last; }
    QString otherPath() const { return m_otherPath; } // of the latest request

signals:
    void started(const QString& otherPath);
    void progress(int stage, int percent); // stage: QuantizationWorker::Stage
    void compared(const ui::QuantizationSnapshot& snapshot);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    bool isCurrent(quint64 job) const;

    QPointer<Engine> m_engine; // the window's (owned by its session controller)
    QuantizationWorker* m_worker = nullptr;
    std::atomic<bool> m_stop { false };
    int m_pending = 0;
    QuantizationSnapshot m_last;
    QString m_otherPath;
};

} // namespace ui

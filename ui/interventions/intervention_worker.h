#pragma once
// Lives on the engine's worker thread (ui/engine/engine.h) with the engine's model: runs the comparisons of a run
// with and without interventions, and activation patching. Every call takes a job id; every answer is a signal
// carrying it. core::Error never leaves a call: it becomes failed().
#include "ui/interventions/intervention_snapshot.h"

#include "core/exec/intervention.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace core {
struct LoadedModel;
}

namespace ui {

struct PatchingRequest {
    QString clean = QStringLiteral("The capital of France is");
    QString corrupted = QStringLiteral("The capital of Italy is");
    QString target = QStringLiteral(" Paris"); // one token's text, or "#id"
    QString minus = QStringLiteral(" Rome"); // "" = the metric is logit(target) alone
};

class InterventionWorker : public QObject {
    Q_OBJECT
public:
    // `cancel` stops a running generation or patching at its next pass.
    explicit InterventionWorker(const std::atomic<bool>* cancel);
    ~InterventionWorker() override;

    // All run on the worker thread (the controller queues them).
    void adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model);
    // The next-token distribution of `prompt` without and with `list`, and `newTokens` greedy tokens of each.
    void compare(
        quint64 job, const std::vector<std::int32_t>& prompt, const core::InterventionList& list, int newTokens);
    void patch(quint64 job, const PatchingRequest& request);

    // The one token `text` names: "#id", or a text that encodes to exactly one token. Throws core::Error naming
    // `field` otherwise.
    std::int32_t tokenOf(const QString& text, const char* field) const;

signals:
    void loaded(quint64 job);
    void compared(quint64 job, const ui::BeforeAfterSnapshot& snapshot);
    void patched(quint64 job, const ui::PatchingSnapshot& snapshot);
    void progress(quint64 job, int done, int total);
    void failed(quint64 job, const QString& message);
    void jobDone(quint64 job);

private:
    template <typename F> void guarded(quint64 job, F&& body);
    QString pieceText(std::int32_t id) const;
    std::vector<std::int32_t> greedy(
        const std::vector<std::int32_t>& prompt, const core::InterventionList& list, int newTokens) const;

    const std::atomic<bool>* m_cancel;
    std::shared_ptr<const core::LoadedModel> m_loaded;
};

} // namespace ui

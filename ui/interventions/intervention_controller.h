#pragma once
// The window's intervention list and the runs that compare with it, on the UI thread. The list is data
// (core/exec/intervention.h): entries are added by their spec ("blk.1.head.2", "blk.0.mlp", "blk.1.head.2:8->4"),
// checked against the loaded model, shown by the diagram and the status line, saved with a session. The work runs
// on the window's engine thread (InterventionWorker): a before / after comparison of the stepper's context, and
// activation patching of two prompts, with progress and cancel. Answers from before the current model are dropped.
#include "ui/interventions/intervention_snapshot.h"
#include "ui/interventions/intervention_worker.h"

#include "core/exec/intervention.h"

#include <QObject>
#include <QPointer>

#include <atomic>

namespace ui {

class Engine;
class SessionController;

class InterventionController : public QObject {
    Q_OBJECT
public:
    // Works on `session`'s engine and model; compares on its context.
    explicit InterventionController(SessionController* session, QObject* parent = nullptr);
    ~InterventionController() override;

    // The list.
    const core::InterventionList& list() const { return m_list; }
    QStringList specs() const; // core::interventionSpec of each entry
    QString listText() const; // "blk.1.head.2, blk.0.mlp" ("" when empty)
    // Adds one entry (no duplicates). False, and `error` says why (naming the spec), for bad syntax, a layer / head /
    // position outside the model, or no model.
    bool add(const QString& spec, QString* error = nullptr);
    bool add(const core::Intervention& intervention, QString* error = nullptr);
    // Replaces the whole list, all or nothing; `error` names the field "interventions[i]" of the bad entry.
    bool setSpecs(const QStringList& specs, QString* error = nullptr);
    bool contains(const core::Intervention& intervention) const;
    void remove(int index);
    void clear();

    // Runs (asynchronous; answers arrive as signals).
    void compare(int newTokens = 8); // the session's context without / with the list
    void patch(const PatchingRequest& request);
    void cancel();
    bool isBusy() const { return m_pending > 0; }
    const BeforeAfterSnapshot& lastComparison() const { return m_lastComparison; }
    const PatchingSnapshot& lastPatching() const { return m_lastPatching; }

signals:
    void listChanged();
    void compared(const ui::BeforeAfterSnapshot& snapshot);
    void patched(const ui::PatchingSnapshot& snapshot);
    void progress(int done, int total);
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    enum Action { Compare, Patch, ActionCount };
    quint64 startJob(Action action);
    bool isCurrent(quint64 job, Action action) const;
    void onJobDone();
    core::ModelConfig bounds() const; // what a spec is checked against: the session's model's sizes
    template <typename F> void post(F&& f);

    QPointer<SessionController> m_session;
    QPointer<Engine> m_engine;
    InterventionWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel { false };
    quint64 m_validFrom[ActionCount] = {};
    int m_pending = 0;
    core::InterventionList m_list;
    BeforeAfterSnapshot m_lastComparison;
    PatchingSnapshot m_lastPatching;
};

} // namespace ui

#pragma once
// The window's one door to the engine. Lives on the UI thread, owns ONE worker thread, and talks to it only by
// queued calls; results come back only as signals. Each request gets a job id; a newer request supersedes older
// ones of the same kind (their results are dropped, a running loop stops at the next op). Stepping is a cursor over
// the recorded events of the pass: stepping back never recomputes.
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"
#include "ui/session/token_info.h"

#include <QObject>

#include <atomic>

class QThread;

namespace ui {

class SessionWorker;

class SessionController : public QObject {
    Q_OBJECT
public:
    explicit SessionController(QObject* parent = nullptr);
    ~SessionController() override;

    // Actions (asynchronous; answers arrive as signals).
    void loadModel(const QString& folder); // a model folder (or a file inside it)
    void setPrompt(const QString& text); // tokenizes and prepares the prefill pass (cursor before the first op)
    void stepForward(); // one op
    void stepBack(); // one op back (no recomputation)
    void stepOverLayer(); // to the last op of the layer the next op belongs to
    void runToEndOfPass(); // every remaining op of the pass
    void restart(); // cursor before the first op
    void seek(int cursor); // to op `cursor` of the pass (-1 = before the first)
    void jumpToNode(int nodeIndex); // to the op of plan node `nodeIndex`
    // After a finished pass: appends `tokenId` (-1 = the most likely one) to the context and prepares the decode
    // pass of that one token (cursor before its first op): the single new query row attends over the cached keys.
    void decodeNext(int tokenId = -1);
    // A context of ids[0, promptLength) as the prompt and the tokens after it as generated ones, with the last
    // token's decode pass prepared (cursor before its first op): one step of a generation, to step through.
    void openDecodeStep(const QVector<int>& ids, int promptLength);
    void cancel(); // abandon the running job

    // State as of the last accepted signal.
    const ModelInfo& model() const { return m_model; }
    const TokenList& tokens() const { return m_tokens; }
    const StepSnapshot& current() const { return m_current; }
    bool hasModel() const { return m_model.isValid(); }
    bool hasPass() const { return m_current.total > 0; }
    bool isBusy() const { return m_pending > 0; }
    int cursor() const { return m_current.cursor; }
    int opCount() const { return m_current.total; }
    bool canDecode() const { return hasPass() && m_current.finished() && !m_current.predictions.isEmpty(); }

signals:
    void loadStarted(const QString& folder);
    void loadProgress(int percent, const QString& what);
    void modelLoaded(const ui::ModelInfo& info);
    void tokensReady(const ui::TokenList& tokens);
    void progress(int done, int total);
    void stepped(const ui::StepSnapshot& step);
    void prefillFinished(const ui::StepSnapshot& step);
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    enum class Kind { Load, Prompt, Seek };
    quint64 startJob(Kind kind);
    bool isCurrent(quint64 job, Kind kind) const;
    void onStepped(quint64 job, const StepSnapshot& step);
    void onJobDone(quint64 job);

    QThread* m_thread = nullptr;
    SessionWorker* m_worker = nullptr;
    std::atomic<quint64> m_supersededBefore { 0 }; // seek jobs below this id stop at the next op
    std::atomic<bool> m_cancel { false };
    quint64 m_nextJob = 1;
    quint64 m_loadJob = 0;
    quint64 m_promptJob = 0;
    quint64 m_seekJob = 0;
    int m_pending = 0;
    int m_target = -1; // where the cursor will be once queued seeks are done
    ModelInfo m_model;
    TokenList m_tokens;
    StepSnapshot m_current;
};

} // namespace ui

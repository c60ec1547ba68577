#pragma once
// The stepper's door to the window's engine (ui/engine/engine.h). Lives on the UI thread; its worker lives on the
// engine's one worker thread and is talked to only by queued calls; results come back only as signals. Each request
// gets a job id from the engine's JobTracker; a newer request supersedes older ones (their results are dropped, a
// running loop stops at the next op). Stepping is a cursor over
// the pass: stepping back recomputes the op from its layer's checkpoint (core::Stepper), bit for bit.
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"
#include "ui/session/token_info.h"

#include <QPointer>

#include <QObject>

#include <atomic>

namespace ui {

class Engine;
class SessionWorker;

class SessionController : public QObject {
    Q_OBJECT
public:
    // Runs on `engine` (shared with the window's decoding views), or on an engine of its own when none is given.
    explicit SessionController(QObject* parent = nullptr, Engine* engine = nullptr);
    ~SessionController() override;

    // Actions (asynchronous; answers arrive as signals).
    void loadModel(const QString& folder); // a model folder (or a file inside it)
    void setPrompt(const QString& text); // tokenizes and prepares the prefill pass (cursor before the first op)
    void stepForward(); // one op
    void stepBack(); // one op back (recomputed from its layer's checkpoint, bit-identical)
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
    // The head whose full matrix the snapshots carry (the attention view's enlarged one); answered by stepped().
    void focusAttention(int layer, int head);
    // FlashAttention on a head whose softmax ran, tile by tile, for the query block holding position `queryRow`.
    void walkFlash(int layer, int head, int queryRow);

    // State as of the last accepted signal.
    const ModelInfo& model() const { return m_model; }
    const TokenList& tokens() const { return m_tokens; }
    const StepSnapshot& current() const { return m_current; }
    bool hasModel() const { return m_model.isValid(); }
    bool hasPass() const { return m_current.total > 0; }
    bool isBusy() const { return m_pending > 0; }
    int cursor() const { return m_current.cursor; }
    int opCount() const { return m_current.total; }
    Engine* engine() const;
    // Forward passes begun by the stepper since it was made (for tests: opening a generated token's step must not
    // run the prompt again).
    int forwardPasses() const { return m_forwardPasses; }
    bool canDecode() const { return hasPass() && m_current.finished() && !m_current.predictions.isEmpty(); }

signals:
    void loadStarted(const QString& folder);
    void loadProgress(int percent, const QString& what);
    void modelLoaded(const ui::ModelInfo& info);
    void tokensReady(const ui::TokenList& tokens);
    void progress(int done, int total);
    void stepped(const ui::StepSnapshot& step);
    void flashWalked(const ui::FlashWalkInfo& walk);
    void prefillFinished(const ui::StepSnapshot& step);
    void failed(const QString& message);
    void promptTooLong(const QString& tail, int tokens, int context); // just before failed: the end that fits
    void busyChanged(bool busy);

private:
    enum class Kind { Load, Prompt, Seek, Inspect };
    quint64 startJob(Kind kind);
    bool isCurrent(quint64 job, Kind kind) const;
    void onStepped(quint64 job, const StepSnapshot& step);
    void onJobDone(quint64 job);

    QPointer<Engine> m_engine;
    SessionWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel { false };
    int m_pending = 0;
    int m_target = -1; // where the cursor will be once queued seeks are done
    int m_forwardPasses = 0;
    quint64 m_promptJob = 0; // the pass a failure leaves without a cursor
    ModelInfo m_model;
    TokenList m_tokens;
    StepSnapshot m_current;
};

} // namespace ui

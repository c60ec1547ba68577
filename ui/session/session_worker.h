#pragma once
// Lives on the session's worker thread and owns everything core: the model, its plan, the tokenizer, the KV cache,
// the executor and the stepper (checkpoints, thumbnails) of the current pass. Every slot takes a job id; every result
// is a signal carrying that id (the controller drops stale ones). core::Error never leaves a slot: it becomes failed().
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"
#include "ui/session/token_info.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace core {
struct LoadedModel;
struct Phase;
class Model;
class ExecutionPlan;
class Executor;
class KvCache;
class Stepper;
class Tokenizer;
}

namespace ui {

class Engine;

class SessionWorker : public QObject {
    Q_OBJECT
public:
    // `supersededBefore`: jobs with an id below it are abandoned at the next op; `cancel`: abandon the running job.
    SessionWorker(const std::atomic<quint64>* supersededBefore, const std::atomic<bool>* cancel);
    ~SessionWorker() override;

    void setEngine(Engine* engine) { m_engine = engine; }

public slots:
    // The engine opened a model (job `job`): it becomes this worker's model. Called on the worker thread.
    void adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model);
    void reportLoad(quint64 job, int percent, int stage, const QString& path);
    void reportLoadFailure(quint64 job, const QString& path, const QString& message);
    void setPrompt(quint64 job, const QString& text);
    // Moves the cursor to op `target` of the current pass (-1 = before the first), executing ops not yet run.
    void seek(quint64 job, int target);
    // After a finished pass: appends `tokenId` (-1 = the most likely next token) to the context and prepares a
    // decode pass for it (one query row over the cached keys), cursor before its first op. The ops of the
    // finished pass are forgotten; its keys and values stay in the KV cache.
    void decode(quint64 job, int tokenId);
    // A fresh context: ids[0, promptLength) as the prompt and the tokens after it as generated ones; prepares the
    // last one's decode pass, cursor before its first op. The KV cache of the context before it comes from the
    // decoding views' generation when it holds that context (no forward pass), else it is recomputed.
    void replay(quint64 job, const QVector<int>& ids, int promptLength);
    // The head whose full probability matrix snapshots carry (the attention view's enlarged head); answers with a
    // snapshot at the current cursor. Recomputed from its layer's checkpoint, not kept for every head.
    void focusAttention(quint64 job, int layer, int head);
    void setFocus(int layer, int head) // the same without answering (taken by the next snapshot)
    {
        m_focusLayer = layer;
        m_focusHead = head;
    }
    // FlashAttention on head `head` of layer `layer`, walked over the key tiles of the query block holding position
    // `queryRow`.
    void walkFlash(quint64 job, int layer, int head, int queryRow);

signals:
    void loadProgress(quint64 job, int percent, const QString& what);
    void modelLoaded(quint64 job, const ui::ModelInfo& info);
    void tokensReady(quint64 job, const ui::TokenList& tokens);
    void progress(quint64 job, int done, int total);
    void stepped(quint64 job, const ui::StepSnapshot& step);
    void flashWalked(quint64 job, const ui::FlashWalkInfo& walk);
    void failed(quint64 job, const QString& message);
    // The prompt was longer than the context (failed follows): `tail` is its end that fits (core::promptTail).
    void promptTooLong(quint64 job, const QString& tail, int tokens, int context);
    void jobDone(quint64 job);
    void passStarted(); // a forward pass began (Executor::begin), for counting

private:
    void offerPromptTail(quint64 job, const QByteArray& utf8, const std::vector<std::int32_t>& ids, int context);
    struct Loaded; // the engine's model and its description
    bool abandoned(quint64 job) const;
    TokenInfo tokenInfo(int id) const;
    static core::Phase decodePhase(int step);
    // The executor holds a new pass (prepared, not run): forget the old one's events and announce the new one.
    void publishPass(quint64 job, TokenList tokens, int decodeSteps);
    void recordNext();
    StepSnapshot snapshot(int cursor);
    void releasePass(); // the old pass's executor, cache and checkpoints go before a new one is made

    const std::atomic<quint64>* m_supersededBefore;
    const std::atomic<bool>* m_cancel;
    Engine* m_engine = nullptr;
    std::unique_ptr<Loaded> m_loaded;
    std::unique_ptr<core::KvCache> m_cache;
    std::unique_ptr<core::Executor> m_exec;
    std::unique_ptr<core::Stepper> m_stepper; // the pass: checkpoints, recomputation, attention thumbnails
    QVector<AttentionMatrix> m_thumbnails; // converted as softmax ops run (shared with every snapshot)
    AttentionMatrix m_focus; // the focused head's full matrix, once computed for this pass
    AttentionMatrix m_focusPreview;
    int m_focusLayer = -1;
    int m_focusHead = -1;
    QVector<Prediction> m_predictions;
    TokenList m_tokens; // the context: prompt, then the tokens appended by decode passes
    int m_decodeSteps = 0; // decode passes begun since the prompt
    int m_total = 0;
    int m_positions = 0;
    int m_cursor = -1; // of the last snapshot
};

} // namespace ui

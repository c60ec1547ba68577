#include "ui/session/session_worker.h"

#include "ui/session/stored_weight.h"

#include "core/analysis/tensor_stats.h"
#include "core/analysis/top_predictions.h"
#include "core/common/error.h"
#include "core/exec/executor.h"
#include "core/exec/kv_cache.h"
#include "core/exec/stepper.h"
#include "core/exec/trace.h"
#include "core/loader/loaded_model.h"
#include "core/model/model.h"
#include "core/plan/execution_plan.h"
#include "core/tokenizer/prompt_tail.h"
#include "core/tokenizer/tokenizer.h"
#include "ui/engine/engine.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

namespace ui {

struct SessionWorker::Loaded {
    std::shared_ptr<const core::LoadedModel> shared; // the engine's, also held by the decoding views
    const core::Model* model = nullptr;
    const core::ExecutionPlan* plan = nullptr;
    const std::optional<core::Tokenizer>* tokenizerSlot = nullptr;
    ModelInfo info;
};

SessionWorker::SessionWorker(const std::atomic<quint64>* supersededBefore, const std::atomic<bool>* cancel)
    : m_supersededBefore(supersededBefore)
    , m_cancel(cancel)
{
}

SessionWorker::~SessionWorker() = default;

bool SessionWorker::abandoned(quint64 job) const { return job < m_supersededBefore->load() || m_cancel->load(); }

void SessionWorker::reportLoad(quint64 job, int percent, int stage, const QString& path)
{
    switch (core::OpenStage(stage)) {
    case core::OpenStage::Reading:
        emit loadProgress(job, percent, tr("Reading %1").arg(QFileInfo(path).fileName()));
        break;
    case core::OpenStage::CompilingPlan:
        emit loadProgress(job, percent, tr("Compiling the execution plan"));
        break;
    case core::OpenStage::LoadingTokenizer:
        emit loadProgress(job, percent, tr("Loading the tokenizer"));
        break;
    case core::OpenStage::Done:
        emit loadProgress(job, percent, tr("Loaded"));
        break;
    }
}

void SessionWorker::reportLoadFailure(quint64 job, const QString& path, const QString& message)
{
    emit failed(job, tr("Could not load %1: %2").arg(path, message));
}

void SessionWorker::adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model)
{
    auto next = std::make_unique<Loaded>();
    next->model = model->model.get();
    next->plan = &model->plan;
    next->tokenizerSlot = &model->tokenizer;
    next->info = ModelInfo::from(*model);
    next->shared = std::move(model);
    // The new model is complete: only now does it replace the old one (a bad file leaves it usable).
    releasePass();
    m_total = 0;
    m_loaded = std::move(next);
    try { // a list made for another model goes (the window keeps what fits and sends it again)
        core::validateInterventions(m_interventions, m_loaded->model->config());
    } catch (const core::Error&) {
        m_interventions.clear();
    }
    emit modelLoaded(job, m_loaded->info);
}

void SessionWorker::setPrompt(quint64 job, const QString& text)
{
    if (!m_loaded) {
        emit failed(job, tr("No model is loaded."));
        emit jobDone(job);
        return;
    }
    try {
        TokenList tokens;
        std::vector<std::int32_t> ids;
        const QByteArray utf8 = text.toUtf8();
        if ((*m_loaded->tokenizerSlot)) {
            const core::Tokenizer& tok = *(*m_loaded->tokenizerSlot);
            const core::Encoding enc = tok.encode(std::string_view(utf8.constData(), std::size_t(utf8.size())));
            ids = enc.ids;
            for (std::size_t i = 0; i < enc.ids.size(); ++i) {
                TokenInfo t = tokenInfo(enc.ids[i]);
                t.byteBegin = int(enc.spans[i].begin);
                t.byteEnd = int(enc.spans[i].end);
                tokens.push_back(t);
            }
        } else {
            // No tokenizer.json: the prompt is a list of token ids.
            const QStringList parts = text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
            for (const QString& p : parts) {
                bool ok = false;
                const int id = p.toInt(&ok);
                if (!ok)
                    throw core::Error(tr("prompt").toStdString(), "",
                        tr("this model has no tokenizer.json: type token ids separated by spaces").toStdString());
                ids.push_back(id);
                TokenInfo t;
                t.id = id;
                t.display = t.piece = p;
                tokens.push_back(t);
            }
        }
        if (ids.empty())
            throw core::Error(tr("prompt").toStdString(), "", tr("the prompt has no tokens").toStdString());
        const core::ModelConfig& c = m_loaded->model->config();
        if (int(ids.size()) > c.maxPositions) {
            offerPromptTail(job, utf8, ids, c.maxPositions);
            throw core::Error(tr("prompt").toStdString(), "",
                tr("%1 tokens exceed the context length %2").arg(ids.size()).arg(c.maxPositions).toStdString());
        }
        releasePass(); // a shorter prompt must not keep the longer one's memory
        // Room for the prompt and what decode passes may add; not more (a 4096-position cache of a large model
        // is hundreds of MB).
        const int capacity = std::min(c.maxPositions, int(ids.size()) + 256);
        auto cache = std::make_unique<core::KvCache>(c, capacity);
        auto exec = std::make_unique<core::Executor>(*m_loaded->model, *m_loaded->plan);
        exec->setInterventions(m_interventions); // validated against this model (core::Error names the entry)
        exec->begin(ids, *cache, core::Phase {}, core::LogitRows::Last);
        emit passStarted();
        m_cache = std::move(cache);
        m_exec = std::move(exec);
        publishPass(job, std::move(tokens), 0);
    } catch (const core::Error& e) {
        // The old pass goes too: a step after this error must not run the previous prompt's tokens, and no view
        // may keep showing them as if they were this prompt's.
        m_exec.reset();
        m_cache.reset();
        m_tokens.clear();
        emit tokensReady(job, m_tokens);
        emit stepped(job, StepSnapshot {});
        emit failed(job, tr("Could not run the prompt: %1").arg(QString::fromUtf8(e.what())));
    }
    emit jobDone(job);
}

TokenInfo SessionWorker::tokenInfo(int id) const
{
    TokenInfo t;
    t.id = id;
    if (!m_loaded || !(*m_loaded->tokenizerSlot)) {
        t.display = t.piece = QString::number(id);
        return t;
    }
    const core::Tokenizer& tok = *(*m_loaded->tokenizerSlot);
    t.display = QString::fromStdString(tok.displayPiece(id));
    t.piece = QString::fromStdString(tok.tokenString(id));
    const std::string bytes = tok.pieceBytes(id);
    t.bytes = QByteArray(bytes.data(), qsizetype(bytes.size()));
    t.special = tok.isSpecial(id);
    return t;
}

void SessionWorker::offerPromptTail(
    quint64 job, const QByteArray& utf8, const std::vector<std::int32_t>& ids, int context)
{
    std::optional<std::string> tail;
    if (*m_loaded->tokenizerSlot) {
        tail = core::promptTail(
            **m_loaded->tokenizerSlot, std::string_view(utf8.constData(), std::size_t(utf8.size())), context);
    } else { // typed ids: keep the last ones
        std::string kept;
        for (std::size_t i = ids.size() - std::size_t(context); i < ids.size(); ++i) {
            if (!kept.empty())
                kept += ' ';
            kept += std::to_string(ids[i]);
        }
        tail = kept;
    }
    if (tail)
        emit promptTooLong(job, QString::fromStdString(*tail), int(ids.size()), context);
}

core::Phase SessionWorker::decodePhase(int step)
{
    core::Phase phase;
    phase.kind = core::PhaseKind::Decode;
    phase.step = step;
    return phase;
}

void SessionWorker::releasePass()
{
    m_stepper.reset();
    m_exec.reset();
    m_cache.reset();
    m_thumbnails.clear();
    m_focus = AttentionMatrix {};
}

void SessionWorker::publishPass(quint64 job, TokenList tokens, int decodeSteps)
{
    m_stepper = std::make_unique<core::Stepper>(*m_exec);
    m_thumbnails.clear();
    m_focus = AttentionMatrix {};
    m_total = int(m_loaded->plan->size());
    m_predictions.clear();
    m_tokens = std::move(tokens);
    m_decodeSteps = decodeSteps;
    m_positions = m_exec->positions();
    emit tokensReady(job, m_tokens);
    emit stepped(job, snapshot(-1));
}

void SessionWorker::decode(quint64 job, int tokenId)
{
    try {
        if (!m_exec || !m_exec->finished())
            throw core::Error(
                tr("decode pass").toStdString(), "", tr("run the current pass to its end first (F5)").toStdString());
        if (tokenId < 0) {
            if (m_predictions.isEmpty())
                throw core::Error(
                    tr("decode pass").toStdString(), "", tr("the finished pass has no prediction").toStdString());
            tokenId = m_predictions.front().id;
        }
        const int vocab = m_loaded->model->config().vocab;
        if (tokenId >= vocab)
            throw core::Error(tr("decode pass").toStdString(), "token",
                tr("id %1 is outside the vocabulary (%2)").arg(tokenId).arg(vocab).toStdString());
        if (m_cache->length() >= m_cache->capacity())
            throw core::Error(tr("decode pass").toStdString(), "context",
                tr("the context is full (%1 positions)").arg(m_cache->capacity()).toStdString());
        const std::int32_t id = tokenId;
        const core::Phase phase = decodePhase(m_decodeSteps + 1);
        m_exec->begin(std::span<const std::int32_t>(&id, 1), *m_cache, phase, core::LogitRows::Last);
        emit passStarted();
        TokenList tokens = m_tokens;
        tokens.push_back(tokenInfo(tokenId));
        tokens.back().decodeStep = phase.step;
        publishPass(job, std::move(tokens), phase.step);
    } catch (const core::Error& e) {
        emit failed(job, tr("Could not start the decode pass: %1").arg(QString::fromUtf8(e.what())));
    }
    emit jobDone(job);
}

void SessionWorker::replay(quint64 job, const QVector<int>& ids, int promptLength)
{
    try {
        if (!m_loaded)
            throw core::Error(tr("decode step").toStdString(), "", tr("no model is loaded").toStdString());
        const int n = int(ids.size());
        if (promptLength < 1 || promptLength >= n)
            throw core::Error(tr("decode step").toStdString(), "",
                tr("needs a prompt and at least one generated token").toStdString());
        const core::ModelConfig& c = m_loaded->model->config();
        const std::vector<std::int32_t> v(ids.begin(), ids.end());
        TokenList tokens;
        for (int i = 0; i < n; ++i) {
            if (v[std::size_t(i)] < 0 || v[std::size_t(i)] >= c.vocab)
                throw core::Error(tr("decode step").toStdString(), "token",
                    tr("id %1 is outside the vocabulary (%2)").arg(v[std::size_t(i)]).arg(c.vocab).toStdString());
            TokenInfo t = tokenInfo(v[std::size_t(i)]);
            t.decodeStep = i >= promptLength ? i - promptLength + 1 : 0;
            tokens.push_back(t);
        }
        auto cache = std::make_unique<core::KvCache>(c, c.maxPositions);
        auto exec = std::make_unique<core::Executor>(*m_loaded->model, *m_loaded->plan);
        exec->setInterventions(m_interventions); // validated against this model (core::Error names the entry)
        // The context before the last token: from the generation that made it when the decoding views hold it,
        // else recomputed (prefill, then one decode pass per token, unrecorded).
        const std::vector<std::int32_t> before(v.begin(), v.end() - 1);
        if (!m_engine || !m_engine->cachedContext(before, *cache)) {
            exec->begin(std::span(v.data(), std::size_t(promptLength)), *cache, core::Phase {}, core::LogitRows::Last);
            emit passStarted();
            exec->run();
            for (int i = promptLength; i < n - 1; ++i) {
                if (abandoned(job)) {
                    emit jobDone(job);
                    return;
                }
                exec->begin(
                    std::span(v.data() + i, 1), *cache, decodePhase(i - promptLength + 1), core::LogitRows::Last);
                emit passStarted();
                exec->run();
            }
        }
        exec->begin(std::span(v.data() + n - 1, 1), *cache, decodePhase(n - promptLength), core::LogitRows::Last);
        emit passStarted();
        m_cache = std::move(cache);
        m_exec = std::move(exec);
        publishPass(job, std::move(tokens), n - promptLength);
    } catch (const core::Error& e) {
        emit failed(job, tr("Could not prepare the decode step: %1").arg(QString::fromUtf8(e.what())));
    }
    emit jobDone(job);
}

void SessionWorker::recordNext()
{
    m_stepper->advance();
    const int index = m_stepper->frontier();
    const core::PlanNode& node = (*m_loaded->plan)[std::size_t(index)];
    if (node.kind == core::OpKind::Softmax) {
        const core::AttentionThumbnail& t = m_stepper->thumbnails().back();
        AttentionMatrix a;
        a.layer = t.layer;
        a.head = t.head;
        a.rows = t.rows;
        a.cols = t.cols;
        a.fullRows = t.fullRows;
        a.fullCols = t.fullCols;
        a.posBegin = m_exec->positionBegin();
        a.values = QVector<float>(t.values.begin(), t.values.end());
        m_thumbnails.push_back(std::move(a));
    }
    if (node.kind == core::OpKind::OutputSoftmax) {
        const core::TensorView probs = m_exec->outputOf(index);
        if (probs.rows > 0) {
            // The most likely next tokens of the last position.
            const float* row = probs.data + std::size_t(probs.rows - 1) * probs.stride;
            m_predictions.clear();
            for (const core::RankedToken& top : core::topPredictions({ row, std::size_t(probs.cols) }, 10)) {
                Prediction p;
                p.id = top.id;
                p.probability = top.probability;
                TokenInfo shown; // spelled as the token strip spells it ("␣Paris")
                shown.display = (*m_loaded->tokenizerSlot)
                    ? QString::fromStdString((*m_loaded->tokenizerSlot)->displayPiece(p.id))
                    : QString::number(p.id);
                p.text = shown.visibleText();
                m_predictions.push_back(p);
            }
        }
    }
}

void SessionWorker::seek(quint64 job, int target)
{
    if (!m_exec) {
        emit jobDone(job);
        return;
    }
    target = std::clamp(target, -1, m_total - 1);
    const int toRun = target - m_stepper->frontier();
    int ran = 0;
    while (m_stepper->frontier() < target && !m_stepper->finished()) {
        if (abandoned(job))
            break;
        recordNext();
        ++ran;
        if (toRun > 8 && (ran % 8 == 0 || ran == toRun))
            emit progress(job, ran, toRun);
    }
    const int cursor = std::min(target, m_stepper->frontier());
    emit stepped(job, snapshot(cursor));
    emit jobDone(job);
}

void SessionWorker::focusAttention(quint64 job, int layer, int head)
{
    setFocus(layer, head);
    if (m_stepper && !abandoned(job))
        emit stepped(job, snapshot(m_cursor));
    emit jobDone(job);
}

void SessionWorker::walkFlash(quint64 job, int layer, int head, int queryRow)
{
    const int softmax = m_stepper ? m_stepper->softmaxNode(layer, head) : -1;
    if (softmax >= 0 && softmax <= m_cursor && !abandoned(job)) {
        const int rows = m_exec->positions();
        queryRow = std::clamp(queryRow - m_exec->positionBegin(), 0, rows - 1);
        // Tiles small enough that a short prompt still shows several; the fast path's 64 for long ones.
        const int tile = std::clamp((m_exec->positionBegin() + rows + 7) / 8, 2, core::ops::kFlashTile);
        const core::ops::FlashWalk w = m_stepper->flashWalk(layer, head, queryRow, tile);
        FlashWalkInfo info;
        info.layer = layer;
        info.head = head;
        info.posBegin = m_exec->positionBegin();
        info.queryBegin = w.queryBegin;
        info.queryEnd = w.queryEnd;
        info.tile = w.tile;
        info.headDim = w.headDim;
        for (const core::ops::FlashTileState& st : w.steps) {
            FlashWalkInfo::Step step;
            step.keyBegin = st.keyBegin;
            step.keyEnd = st.keyEnd;
            step.runningMax = QVector<float>(st.runningMax.begin(), st.runningMax.end());
            step.runningSum = QVector<float>(st.runningSum.begin(), st.runningSum.end());
            step.partialOut = QVector<float>(st.partialOut.begin(), st.partialOut.end());
            info.steps.push_back(std::move(step));
        }
        emit flashWalked(job, info);
    } else if (!abandoned(job)) {
        emit flashWalked(job, FlashWalkInfo {}); // that head has not run yet
    }
    emit jobDone(job);
}

StepSnapshot SessionWorker::snapshot(int cursor)
{
    m_cursor = cursor;
    StepSnapshot s;
    s.cursor = cursor;
    s.total = m_total;
    s.prefill = m_decodeSteps == 0;
    s.decodeStep = m_decodeSteps;
    s.positions = m_positions;
    s.context = m_exec ? m_exec->positionBegin() + m_exec->positions() : m_positions;
    s.heldBytes = m_stepper ? qint64(m_stepper->bytesHeld() + m_exec->workspaceBytes()) : 0;
    if (cursor < 0 || !m_stepper)
        return s;
    const PlanNodeInfo& node = m_loaded->info.plan[cursor];
    s.nodeIndex = cursor;
    s.prefill = m_exec->phase().kind == core::PhaseKind::Prefill;
    s.decodeStep = m_exec->phase().step;
    s.opKind = node.opKind;
    s.part = node.part;
    s.norm = node.norm;
    s.activation = node.activation;
    s.positional = node.positional;
    s.variant = node.variant;
    s.kind = node.kind;
    s.name = node.name;
    s.label = node.label;
    s.coreLabel = node.coreLabel;
    s.shape = node.shape;
    s.layer = node.layer;
    s.head = node.head;
    s.posBegin = m_exec->positionBegin();
    // QK-norm and soft-cap rewrite their tensor in place: its value before them is the output of the op that last
    // wrote the same buffer (for the same head), shown first and copied.
    if (node.opKind == core::OpKind::HeadNorm || node.opKind == core::OpKind::SoftCap) {
        const auto& plan = m_exec->plan();
        const core::PlanNode& op = plan[std::size_t(cursor)];
        for (int j = cursor - 1; j >= 0; --j) {
            const core::PlanNode& prev = plan[std::size_t(j)];
            if (prev.output != op.output || (op.head >= 0 && prev.head != op.head))
                continue;
            const core::TensorView in = m_stepper->show(j);
            s.before.resize(qsizetype(in.rows) * in.cols);
            for (int r = 0; r < in.rows; ++r)
                std::copy_n(in.data + std::int64_t(r) * in.stride, in.cols, s.before.data() + qsizetype(r) * in.cols);
            if (const core::TensorStats t = core::tensorStats({ s.before.constData(), std::size_t(s.before.size()) });
                t.count > 0)
                s.beforeStats = { t.min, t.max, t.mean, t.std };
            break;
        }
    }
    // The op's output: live in the executor's buffers, or recomputed from its layer's checkpoint.
    const core::TensorView out = m_stepper->show(cursor);
    s.rows = out.rows;
    s.cols = out.cols;
    s.values.resize(qsizetype(out.rows) * out.cols);
    for (int r = 0; r < out.rows; ++r)
        std::copy_n(out.data + std::int64_t(r) * out.stride, out.cols, s.values.data() + qsizetype(r) * out.cols);
    // Statistics of the shown tensor; -inf entries (masked scores) are left out.
    if (const core::TensorStats t = core::tensorStats({ s.values.constData(), std::size_t(s.values.size()) });
        t.count > 0)
        s.stats = { t.min, t.max, t.mean, t.std };
    if (s.before.size() != s.values.size())
        s.before.clear(); // not the same tensor after all (never expected)
    s.preview = tensorPreview(s.rows, s.cols, s.values); // a (T, T) score matrix: coloured from 1024 x 1024 blocks
    for (const AttentionMatrix& a : m_thumbnails) {
        if (m_stepper->softmaxNode(a.layer, a.head) > cursor)
            break;
        s.attention.push_back(a);
    }
    // The focused head in full: the current op's head once its softmax ran, else the one the view asked for.
    if (node.head >= 0 && m_stepper->softmaxNode(node.layer, node.head) >= 0
        && m_stepper->softmaxNode(node.layer, node.head) <= cursor) {
        m_focusLayer = node.layer;
        m_focusHead = node.head;
    }
    const int focusNode = m_focusLayer >= 0 ? m_stepper->softmaxNode(m_focusLayer, m_focusHead) : -1;
    if (focusNode >= 0 && focusNode <= cursor) {
        if (m_focus.layer != m_focusLayer || m_focus.head != m_focusHead || m_focus.values.isEmpty()) {
            const core::TensorView p = m_stepper->attention(m_focusLayer, m_focusHead);
            m_focus = AttentionMatrix {};
            m_focus.layer = m_focusLayer;
            m_focus.head = m_focusHead;
            m_focus.rows = m_focus.fullRows = p.rows;
            m_focus.cols = m_focus.fullCols = p.cols;
            m_focus.posBegin = m_exec->positionBegin();
            m_focus.values = QVector<float>(p.data, p.data + std::size_t(p.rows) * p.cols);
            m_focusPreview = attentionPreview(m_focus);
        }
        s.focus = m_focus;
        s.focusPreview = m_focusPreview;
    }
    if (s.opKind == core::OpKind::OutputSoftmax)
        s.predictions = m_predictions;
    s.weight = StoredWeight::of(*m_loaded->shared, (*m_loaded->plan)[std::size_t(cursor)]);
    return s;
}

} // namespace ui

#include "ui/interp/interp_worker.h"

#include "core/analysis/rope_inputs.h"

#include "core/analysis/head_detectors.h"
#include "core/analysis/logit_attribution.h"
#include "core/analysis/logit_lens.h"
#include "core/analysis/prompt_pass.h"
#include "core/analysis/target_token.h"
#include "core/common/error.h"
#include "core/loader/loaded_model.h"

#include <algorithm>

namespace ui {

InterpWorker::InterpWorker(const std::atomic<bool>* cancel)
    : m_cancel(cancel)
{
    registerInterpMetaTypes();
}

InterpWorker::~InterpWorker() = default;

template <typename F> void InterpWorker::guarded(quint64 job, F&& body)
{
    try {
        if (!m_loaded)
            throw core::Error("interpretability", "model", "no model is loaded");
        body();
    } catch (const std::exception& e) {
        emit failed(job, QString::fromUtf8(e.what()));
    }
    emit jobDone(job);
}

void InterpWorker::adopt(quint64, std::shared_ptr<const core::LoadedModel> model)
{
    // Not a job of this worker's controller (the engine's load is): no jobDone here.
    m_lens.reset();
    m_loaded = std::move(model);
}

QString InterpWorker::pieceText(std::int32_t id) const
{
    const auto& tok = m_loaded->tokenizer;
    if (tok && tok->isValidId(id))
        return QString::fromStdString(tok->displayPiece(id));
    return QStringLiteral("#%1").arg(id);
}

std::int32_t InterpWorker::tokenOf(const QString& text, const char* field) const
{
    if (text.isEmpty())
        return -1;
    const QByteArray utf8 = text.toUtf8();
    return core::targetToken(m_loaded->tokenizer ? &*m_loaded->tokenizer : nullptr, m_loaded->config().vocab,
        std::string_view(utf8.constData(), std::size_t(utf8.size())), field);
}

std::int32_t InterpWorker::mostLikely(const std::vector<std::int32_t>& tokens) const
{
    const std::vector<float> logits = core::promptLogits(*m_loaded->model, m_loaded->plan, tokens);
    return std::int32_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

void InterpWorker::runLens(quint64 job, const std::vector<std::int32_t>& tokens, const QString& target)
{
    guarded(job, [&] {
        const std::int32_t targetId = tokenOf(target, "target");
        LensSnapshot s;
        for (const core::LensSite& site : core::lensSites(m_loaded->plan))
            s.sites.push_back({ QString::fromStdString(site.name), site.layer, site.afterAttention, site.nodeIndex });
        for (std::int32_t id : tokens)
            s.tokens << pieceText(id);
        s.targetId = targetId;
        s.targetText = targetId >= 0 ? pieceText(targetId) : QString();
        const int sites = int(s.sites.size()), positions = int(tokens.size());
        s.cells.resize(qsizetype(sites) * positions);
        s.filled.fill(false, sites);

        // Each site's row is read out as the pass reaches it: the view grows row by row.
        const core::LogitLens* live = nullptr;
        int done = 0;
        auto onRow = [&](int site) {
            if (m_cancel->load())
                return;
            for (int p = 0; p < positions; ++p) {
                const core::LensCell& c = live->cell(site, p);
                s.cells[qsizetype(site) * positions + p]
                    = { c.topId, pieceText(c.topId), c.topProb, c.targetProb, c.targetRank };
            }
            s.filled[site] = true;
            s.complete = ++done == sites;
            emit lensChanged(job, s);
            emit progress(job, done, sites);
        };
        core::LogitLensRecorder recorder(*m_loaded->model, m_loaded->plan, targetId, onRow);
        live = &recorder.lens();
        core::promptLogits(*m_loaded->model, m_loaded->plan, tokens, {}, &recorder);
        m_lens = std::make_unique<core::LogitLens>(recorder.lens());
    });
}

void InterpWorker::ropeVectors(
    quint64 job, const std::vector<std::int32_t>& tokens, int layer, int head, int posQ, int posK)
{
    guarded(job, [&] {
        const core::RopeInputs in = core::ropeInputs(*m_loaded->model, m_loaded->plan, tokens, layer, head, posQ, posK);
        emit ropeVectorsReady(job, RopeVectors { layer, head, posQ, posK, in.kvHead, in.q, in.k });
    });
}

void InterpWorker::lensTop(quint64 job, int site, int position, int n)
{
    guarded(job, [&] {
        if (!m_lens)
            throw core::Error("logit lens", "cell", "no lens has been computed for this model");
        LensCellTop top { site, position, {} };
        for (const core::RankedToken& t :
            core::lensCellTop(*m_loaded->model, m_loaded->plan, *m_lens, site, position, n))
            top.top.push_back({ t.id, pieceText(t.id), t.probability });
        emit lensTopReady(job, top);
    });
}

void InterpWorker::runAttribution(
    quint64 job, const std::vector<std::int32_t>& tokens, const QString& target, const QString& minus)
{
    guarded(job, [&] {
        std::int32_t targetId = tokenOf(target, "target");
        const std::int32_t minusId = tokenOf(minus, "minus");
        if (targetId < 0)
            targetId = mostLikely(tokens);
        const core::LogitAttribution a
            = core::attributeLogit(*m_loaded->model, m_loaded->plan, tokens, targetId, minusId);
        AttributionSnapshot s;
        s.targetId = a.target;
        s.targetText = pieceText(a.target);
        s.minusId = a.minus;
        s.minusText = a.minus >= 0 ? pieceText(a.minus) : QString();
        s.position = a.position;
        s.logit = a.logit;
        s.sum = a.sum;
        s.finalScale = a.finalScale;
        for (const core::AttributionPart& p : a.parts)
            s.parts.push_back({ AttributionSnapshot::Kind(int(p.kind)), p.layer, p.head, QString::fromStdString(p.name),
                p.nodeIndex, p.value });
        emit attributionReady(job, s);
    });
}

void InterpWorker::runHeads(quint64 job, const std::vector<std::int32_t>& tokens, const QString& target, int position)
{
    guarded(job, [&] {
        core::HeadDetectorOptions o;
        o.target = tokenOf(target, "target");
        if (o.target < 0)
            o.target = mostLikely(tokens);
        o.attendPosition = position;
        o.progress = [&](int done, int total) { emit progress(job, done, total); };
        o.cancel = m_cancel;
        const core::HeadDetectorResult r = core::detectHeads(*m_loaded->model, m_loaded->plan, tokens, o);
        HeadsSnapshot s;
        s.layers = m_loaded->config().nLayers;
        s.heads = m_loaded->config().nHeads;
        for (const core::HeadScores& h : r.heads)
            s.rows.push_back({ h.layer, h.head, h.sink, h.previous, h.induction, h.attentionTo, h.ablationDelta });
        s.targetId = o.target;
        s.targetText = pieceText(o.target);
        s.attendPosition = position;
        s.attendText
            = position >= 0 && position < int(tokens.size()) ? pieceText(tokens[std::size_t(position)]) : QString();
        s.baselineTargetProb = r.baselineTargetProb;
        s.cancelled = r.cancelled;
        emit headsReady(job, s);
    });
}

} // namespace ui

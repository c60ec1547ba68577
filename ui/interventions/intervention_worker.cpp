#include "ui/interventions/intervention_worker.h"

#include "ui/decoding/decoding_snapshot.h"

#include "core/analysis/activation_patching.h"
#include "core/analysis/distribution_shift.h"
#include "core/analysis/prompt_pass.h"
#include "core/common/error.h"
#include "core/decoding/generation_session.h"
#include "core/loader/loaded_model.h"
#include "core/sampling/stage_order.h"

#include <algorithm>
#include <cmath>

namespace ui {

InterventionWorker::InterventionWorker(const std::atomic<bool>* cancel)
    : m_cancel(cancel)
{
    registerInterventionMetaTypes();
}

InterventionWorker::~InterventionWorker() = default;

template <typename F> void InterventionWorker::guarded(quint64 job, F&& body)
{
    try {
        if (!m_loaded)
            throw core::Error("interventions", "model", "no model is loaded");
        body();
    } catch (const std::exception& e) { // core::Error included
        emit failed(job, QString::fromUtf8(e.what()));
    }
    emit jobDone(job);
}

void InterventionWorker::adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model)
{
    m_loaded = std::move(model); // the engine's load, not a job of this worker: no jobDone
    emit loaded(job);
}

QString InterventionWorker::pieceText(std::int32_t id) const
{
    const auto& tokenizer = m_loaded->tokenizer;
    if (tokenizer && tokenizer->isValidId(id))
        return visiblePiece(QString::fromStdString(tokenizer->displayPiece(id)));
    return QStringLiteral("#%1").arg(id);
}

std::int32_t InterventionWorker::tokenOf(const QString& text, const char* field) const
{
    const int vocab = m_loaded->config().vocab;
    if (text.size() > 1 && text.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const int id = text.mid(1).toInt(&ok);
        if (!ok || id < 0 || id >= vocab)
            throw core::Error(field, text.toStdString(), "expected one token id below " + std::to_string(vocab));
        return id;
    }
    if (!m_loaded->tokenizer)
        throw core::Error(field, text.toStdString(), "the model has no tokenizer: give the token as #id");
    const auto ids = m_loaded->tokenizer->encodeIds(text.toStdString(), false);
    if (ids.size() != 1) {
        std::string pieces;
        for (auto id : ids)
            pieces += (pieces.empty() ? "\"" : " \"") + pieceText(id).toStdString() + "\"";
        throw core::Error(field, "\"" + text.toStdString() + "\"",
            "is " + std::to_string(ids.size()) + " tokens (" + pieces + "); give a single-token text or #id");
    }
    return ids[0];
}

std::vector<std::int32_t> InterventionWorker::greedy(
    const std::vector<std::int32_t>& prompt, const core::InterventionList& list, int newTokens) const
{
    const core::LoadedModel& m = *m_loaded;
    core::GenerationSession session(*m.model, m.tokenizer ? &*m.tokenizer : nullptr, &m.plan);
    core::GenerationOptions options;
    options.maxNewTokens = newTokens;
    session.setOptions(options);
    core::SamplingParameters greedy;
    greedy.temperature = 0; // only the argmax survives
    session.setSampling(greedy, core::StageOrder::huggingFace());
    session.setInterventions(list);
    session.start(prompt);
    std::vector<std::int32_t> out;
    while (!session.finished() && !m_cancel->load())
        out.push_back(session.step().id);
    return out;
}

void InterventionWorker::compare(
    quint64 job, const std::vector<std::int32_t>& prompt, const core::InterventionList& list, int newTokens)
{
    guarded(job, [&] {
        const core::LoadedModel& m = *m_loaded;
        // Validated against this model (throws core::Error naming the entry) before any pass runs.
        core::validateInterventions(list, m.config());
        const std::vector<float> before = core::promptLogits(*m.model, m.plan, prompt);
        const std::vector<float> after = core::promptLogits(*m.model, m.plan, prompt, list);
        const core::DistributionShift shift = core::distributionShift(before, after, 10);

        BeforeAfterSnapshot s;
        s.interventions = QString::fromStdString(core::interventionListSpec(list));
        for (auto id : prompt)
            s.promptPieces << pieceText(id);
        s.kl = shift.klBeforeAfter;
        for (const core::TokenShift& t : shift.tokens)
            s.tokens << TokenShiftRow { t.id, pieceText(t.id), t.logitBefore, t.logitAfter, t.probBefore, t.probAfter,
                t.rankBefore, t.rankAfter };
        emit progress(job, 1, 3);
        const std::vector<std::int32_t> genBefore = greedy(prompt, {}, newTokens);
        emit progress(job, 2, 3);
        const std::vector<std::int32_t> genAfter = greedy(prompt, list, newTokens);
        emit progress(job, 3, 3);
        for (auto id : genBefore)
            s.generatedBefore << pieceText(id);
        for (auto id : genAfter)
            s.generatedAfter << pieceText(id);
        if (m.tokenizer) {
            s.textBefore = QString::fromStdString(m.tokenizer->decode(genBefore));
            s.textAfter = QString::fromStdString(m.tokenizer->decode(genAfter));
        }
        for (std::size_t i = 0; i < std::max(genBefore.size(), genAfter.size()) && s.divergesAt < 0; ++i)
            if (i >= genBefore.size() || i >= genAfter.size() || genBefore[i] != genAfter[i])
                s.divergesAt = int(i);
        emit compared(job, s);
    });
}

void InterventionWorker::patch(quint64 job, const PatchingRequest& request)
{
    guarded(job, [&] {
        const core::LoadedModel& m = *m_loaded;
        if (!m.tokenizer)
            throw core::Error(m.path, "tokenizer", "missing: patching reads the two prompts as text");
        const auto clean = m.tokenizer->encodeIds(request.clean.toStdString());
        const auto corrupted = m.tokenizer->encodeIds(request.corrupted.toStdString());
        core::PatchingOptions o;
        o.target = tokenOf(request.target, "target");
        o.minus = request.minus.isEmpty() ? -1 : tokenOf(request.minus, "minus");
        o.cancel = m_cancel;
        o.progress = [this, job](int done, int total) { emit progress(job, done, total); };
        const core::PatchingResult r = core::runActivationPatching(*m.model, m.plan, clean, corrupted, o);

        PatchingSnapshot s;
        for (auto id : clean)
            s.cleanPieces << pieceText(id);
        for (auto id : corrupted)
            s.corruptedPieces << pieceText(id);
        s.target = pieceText(o.target);
        s.minus = o.minus >= 0 ? pieceText(o.minus) : QString();
        s.layers = r.layers;
        s.positions = r.positions;
        s.heads = r.heads;
        s.cleanMetric = r.cleanMetric;
        s.corruptedMetric = r.corruptedMetric;
        s.residual = QVector<double>(r.residual.begin(), r.residual.end());
        s.head = QVector<double>(r.head.begin(), r.head.end());
        s.cancelled = r.cancelled;
        emit patched(job, s);
    });
}

} // namespace ui

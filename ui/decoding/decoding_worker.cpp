#include "ui/decoding/decoding_worker.h"

#include "core/exec/executor.h"
#include "core/exec/kv_cache.h"
#include "core/loader/loaded_model.h"
#include "core/ops/flash_attention.h"

#include "core/bench/bandwidth.h"
#include "core/bench/batch_throughput.h"
#include "core/common/error.h"
#include "core/decoding/comparison.h"
#include "core/decoding/engine_beam_backend.h"
#include "core/decoding/generation_session.h"
#include "core/model/model.h"
#include "core/sampling/penalty_window.h"
#include "core/tokenizer/tokenizer.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace ui {

DecodingWorker::DecodingWorker(const std::atomic<bool>* cancel, const std::atomic<quint64>* latestSampling)
    : m_cancel(cancel)
    , m_latestSampling(latestSampling)
{
    m_options.maxNewTokens = 32;
}

DecodingWorker::~DecodingWorker() = default;

template <typename F> void DecodingWorker::guarded(quint64 job, F&& body)
{
    try {
        body();
    } catch (const core::Error& e) {
        emit failed(job, QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        emit failed(job, QString::fromUtf8(e.what()));
    }
    emit jobDone(job);
}

void DecodingWorker::adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model)
{
    // Not a job of this worker's controller (the engine's load is): no jobDone here.
    m_session.reset();
    m_beam.reset();
    m_beamBackend.reset();
    m_loaded = std::move(model);
    m_model = m_loaded->model.get();
    try { // a list made for another model goes (the window keeps what fits and sends it again)
        core::validateInterventions(m_interventions, m_model->config());
    } catch (const core::Error&) {
        m_interventions.clear();
    }
    m_tokenizer = m_loaded->tokenizer ? &*m_loaded->tokenizer : nullptr;
    m_prompt.clear();
    const core::ModelConfig& config = m_model->config();
    ModelDefaults defaults { core::samplingDefaults(config), {} };
    QStringList stated; // in generation_config.json's own words: its keys are what the user can look up
    if (config.doSample)
        stated
            << QStringLiteral("do_sample: %1").arg(*config.doSample ? QStringLiteral("true") : QStringLiteral("false"));
    if (config.doSample != false) {
        if (config.defaultTemperature)
            stated << QStringLiteral("temperature: %1").arg(*config.defaultTemperature);
        if (config.defaultTopK)
            stated << QStringLiteral("top_k: %1").arg(*config.defaultTopK);
        if (config.defaultTopP)
            stated << QStringLiteral("top_p: %1").arg(*config.defaultTopP);
    }
    defaults.stated = stated.join(QStringLiteral(", "));
    emit loaded(
        job, QFileInfo(QString::fromStdString(m_loaded->path)).fileName(), config.vocab, config.maxPositions, defaults);
}

void DecodingWorker::reportLoadFailure(quint64 job, const QString& path, const QString& message)
{
    Q_UNUSED(path); // the message names the file
    emit failed(job, message);
}

bool DecodingWorker::cachedContext(const std::vector<std::int32_t>& context, core::KvCache& cache) const
{
    if (!m_session || context.empty())
        return false;
    const core::KvCache& held = m_session->cache();
    const auto& tokens = m_session->tokens();
    if (int(context.size()) > held.length() || context.size() > tokens.size()
        || !std::equal(context.begin(), context.end(), tokens.begin()) || held.rowWidth() != cache.rowWidth()
        || held.layers() != cache.layers() || int(context.size()) > cache.capacity())
        return false;
    const std::size_t n = context.size() * std::size_t(held.rowWidth());
    for (int l = 0; l < held.layers(); ++l) {
        std::copy_n(held.keys(l), n, cache.keys(l));
        std::copy_n(held.values(l), n, cache.values(l));
    }
    cache.setLength(int(context.size()));
    return true;
}

void DecodingWorker::restartSession()
{
    m_beam.reset();
    m_beamBackend.reset();
    m_session.reset();
    if (!m_model || m_prompt.empty())
        return;
    auto s = std::make_unique<core::GenerationSession>(*m_model, m_tokenizer, &m_loaded->plan);
    s->setOptions(m_options);
    s->setSampling(m_parameters, m_order);
    s->setInterventions(m_interventions);
    s->start(m_prompt);
    if (!s->finished())
        s->resample();
    m_session = std::move(s);
}

void DecodingWorker::emitState(quint64 job)
{
    if (!m_session)
        return;
    if (!m_session->finished())
        emit sampled(job, samplingSnapshot());
    emit generationChanged(job, generationSnapshot());
}

void DecodingWorker::setPrompt(quint64 job, const std::vector<std::int32_t>& ids)
{
    if (m_contextValidFrom && job < m_contextValidFrom->load()) { // a newer context is queued: this one is stale
        emit jobDone(job);
        return;
    }
    guarded(job, [&] {
        if (!m_model)
            throw core::Error("decoding", "model", "no model is loaded");
        m_prompt = ids;
        // The stepper appending a token (F9) continues the context: only the new token is run.
        if (m_session && !m_beam && m_session->extendPrompt(ids)) {
            if (!m_session->finished())
                m_session->resample();
        } else {
            restartSession();
        }
        emitState(job);
    });
}

void DecodingWorker::setSampling(quint64 job, const core::SamplingParameters& parameters, const QString& order)
{
    if (job < m_latestSampling->load()) { // a newer slider position is queued behind us
        emit jobDone(job);
        return;
    }
    guarded(job, [&] {
        const core::StageOrder o = core::StageOrder::fromName(order.toStdString());
        if (m_model)
            parameters.validate(m_model->config().vocab);
        const bool reseed = parameters.seed != m_parameters.seed;
        m_parameters = parameters;
        m_order = o;
        if (!m_session)
            return;
        if (reseed) { // the seed picks the random numbers of the whole run: start it again
            restartSession();
        } else {
            m_session->setSampling(m_parameters, m_order);
            if (!m_session->finished())
                m_session->resample(); // the same logits, no forward pass
        }
        emitState(job);
    });
}

void DecodingWorker::setOptions(quint64 job, const core::GenerationOptions& options)
{
    guarded(job, [&] {
        m_options = options;
        restartSession();
        emitState(job);
    });
}

void DecodingWorker::setInterventions(quint64 job, const core::InterventionList& list)
{
    guarded(job, [&] {
        m_interventions = list;
        restartSession();
        emitState(job);
    });
}

void DecodingWorker::setTableRows(quint64 job, int rows)
{
    guarded(job, [&] {
        m_tableRows = std::max(1, rows);
        if (m_session && !m_session->finished())
            emit sampled(job, samplingSnapshot());
    });
}

void DecodingWorker::restart(quint64 job)
{
    guarded(job, [&] {
        restartSession();
        emitState(job);
    });
}

void DecodingWorker::stepToken(quint64 job)
{
    guarded(job, [&] {
        if (!m_session)
            throw core::Error("decoding", "prompt", "no prompt to continue");
        if (m_session->finished()) {
            emit generationChanged(job, generationSnapshot());
            return;
        }
        m_session->commit(); // the token the table shows
        if (!m_session->finished())
            m_session->resample();
        emitState(job);
    });
}

void DecodingWorker::generate(quint64 job)
{
    guarded(job, [&] {
        if (!m_session)
            throw core::Error("decoding", "prompt", "no prompt to continue");
        const int total = m_options.maxNewTokens;
        if (!m_session->finished()) {
            // The shown token first (so "Generate" continues exactly what the table promised), then the rest.
            m_session->commit();
            emit progress(job, int(m_session->generated().size()), total);
            m_session->runToEnd(m_cancel, [&](const core::GeneratedToken&) {
                const int done = int(m_session->generated().size());
                emit progress(job, done, total);
                if (done % 8 == 0)
                    emit generationChanged(job, generationSnapshot());
            });
        }
        if (!m_session->finished())
            m_session->resample();
        emitState(job);
    });
}

void DecodingWorker::stepBack(quint64 job)
{
    guarded(job, [&] {
        if (!m_session)
            return;
        m_session->stepBack();
        m_session->resample();
        emitState(job);
    });
}

void DecodingWorker::drawAgain(quint64 job)
{
    guarded(job, [&] {
        if (!m_session || m_session->finished())
            return;
        m_session->drawAgain();
        emitState(job);
    });
}

void DecodingWorker::startBeam(quint64 job, const core::BeamSearchParameters& parameters)
{
    guarded(job, [&] {
        if (!m_model || m_prompt.empty())
            throw core::Error("beam search", "prompt", "no prompt to continue");
        core::BeamSearchParameters p = parameters;
        const int context = m_model->config().maxPositions;
        p.maxNewTokens = std::min(p.maxNewTokens, context - int(m_prompt.size()));
        if (p.maxNewTokens < 1)
            throw core::Error("beam search", "prompt", "the prompt fills the whole context: no room to generate");
        p.numReturnSequences = std::clamp(p.numReturnSequences, 1, p.numBeams);
        if (p.eosTokenIds.empty()) {
            if (m_session)
                p.eosTokenIds.assign(m_session->eosIds().begin(), m_session->eosIds().end());
            else
                for (int id : m_model->config().eosIds)
                    p.eosTokenIds.push_back(id);
        }
        m_beam.reset();
        m_beamBackend = std::make_unique<core::EngineBeamBackend>(
            *m_model, p.numBeams, int(m_prompt.size()) + p.maxNewTokens, &m_loaded->plan);
        m_beamBackend->setInterventions(m_interventions);
        m_beam = std::make_unique<core::BeamSearch>(*m_beamBackend, p);
        m_beam->start(m_prompt);
        emit beamChanged(job, beamSnapshot());
    });
}

void DecodingWorker::stepBeam(quint64 job)
{
    guarded(job, [&] {
        if (!m_beam)
            throw core::Error("beam search", "state", "start a beam search first");
        if (!m_beam->finished())
            m_beam->step();
        emit beamChanged(job, beamSnapshot());
    });
}

void DecodingWorker::runBeam(quint64 job)
{
    guarded(job, [&] {
        if (!m_beam)
            throw core::Error("beam search", "state", "start a beam search first");
        const int total = m_beam->parameters().maxNewTokens;
        while (!m_beam->finished() && !m_cancel->load()) {
            m_beam->step();
            emit progress(job, m_beam->stepCount(), total);
            emit beamChanged(job, beamSnapshot());
        }
    });
}

void DecodingWorker::compare(quint64 job, int samples, int beams)
{
    guarded(job, [&] {
        if (!m_model || m_prompt.empty())
            throw core::Error("comparison", "prompt", "no prompt to continue");
        core::ComparisonOptions o;
        o.generation = m_options;
        o.sampling = m_parameters;
        o.order = m_order;
        o.beamWidth = beams;
        o.samples = samples;
        o.interventions = m_interventions; // the intervened model, as generation uses it
        const core::Comparison c
            = core::compareDecodings(*m_model, m_tokenizer, m_prompt, o, m_cancel, &m_loaded->plan);
        ComparisonSnapshot out;
        for (const core::ComparedRun& r : c.runs) {
            ComparisonRun run;
            switch (r.kind) {
            case core::ComparedKind::Greedy:
                run.label = tr("greedy");
                break;
            case core::ComparedKind::Beam:
                run.label = tr("beam search (%1 beams)").arg(r.beamWidth);
                break;
            case core::ComparedKind::Sample:
                run.label = tr("sample, seed %1").arg(r.seed);
                break;
            }
            for (std::size_t i = 0; i < r.tokens.size(); ++i) {
                GeneratedPiece piece;
                piece.id = r.tokens[i];
                piece.text = pieceText(r.tokens[i]);
                piece.probability = r.probabilities[i]; // the model's, before any stage
                piece.special = m_tokenizer && m_tokenizer->isSpecial(r.tokens[i]);
                run.tokens << piece;
            }
            run.sumLogProb = r.sumLogProb;
            run.stopReason = QString::fromLatin1(core::stopReasonName(r.stopReason));
            run.divergesAt = r.divergesAt;
            out.runs << run;
        }
        out.firstDivergence = c.firstDivergence;
        out.interventions = m_interventions;
        emit comparisonChanged(job, out);
    });
}

void DecodingWorker::measureContext(quint64 job)
{
    guarded(job, [&] {
        if (!m_model || m_prompt.empty())
            throw core::Error("metrics", "prompt", "no prompt to continue");
        const auto& c = m_model->config();
        core::GenerationSession s(*m_model, m_tokenizer, &m_loaded->plan);
        core::GenerationOptions o;
        o.maxNewTokens = c.maxPositions - int(m_prompt.size());
        o.stopAtEos = false;
        if (o.maxNewTokens < 1)
            throw core::Error("metrics", "prompt", "the prompt fills the whole context");
        s.setOptions(o);
        core::SamplingParameters greedy;
        greedy.temperature = 0;
        s.setSampling(greedy, core::StageOrder::huggingFace());
        s.start(m_prompt);
        ContextCurve curve;
        curve.limit = c.maxPositions;
        s.runToEnd(m_cancel, [&](const core::GeneratedToken& t) {
            const int n = int(s.tokens().size());
            curve.context << n;
            curve.seconds << t.seconds;
            curve.kvBytes << double(s.cache().bytesPerToken()) * n;
            curve.naiveAttentionBytes << double(core::naiveAttentionBytes(c.nLayers, c.nHeads, n));
            curve.flashAttentionBytes << core::ops::flashAttentionBytes(n, core::threadCount());
            if (n % 16 == 0)
                emit progress(job, n, c.maxPositions);
        });
        emit contextMeasured(job, curve);
    });
}

// Bounded memory: every sequence caches only the prompt's last kBatchPromptTokens tokens plus the steps timed
// (32 sequences of the 110M-shaped model: about 30 MB), whatever the prompt's length; the bandwidth is read over a
// 256 MiB buffer (far beyond the caches, far below the weights of the models where it matters).
void DecodingWorker::measureBatches(quint64 job)
{
    guarded(job, [&] {
        if (!m_model || m_prompt.empty())
            throw core::Error("metrics", "prompt", "no prompt to continue");
        constexpr int kBatchPromptTokens = 8;
        core::BatchThroughputOptions options;
        const int room = m_model->config().maxPositions - options.steps;
        if (room < 1)
            throw core::Error("metrics", "context", "the context is shorter than the steps measured");
        const int keep = std::min({ kBatchPromptTokens, int(m_prompt.size()), room });
        const std::vector<std::int32_t> prompt(m_prompt.end() - keep, m_prompt.end());
        const int total = int(options.sizes.size()) * options.repeats + 1;
        emit progress(job, 0, total);
        BatchCurve curve;
        curve.bandwidth = core::measureReadBandwidth(std::size_t(256) << 20, 3);
        curve.promptTokens = keep;
        curve.steps = options.steps;
        emit progress(job, 1, total);
        const auto points = core::measureBatchThroughput(*m_model, m_loaded->plan, prompt, options, curve.bandwidth,
            m_cancel, [&](int done, int) { emit progress(job, done + 1, total); });
        for (const core::BatchThroughputPoint& p : points) {
            curve.sequences << p.sequences;
            curve.msPerStep << p.msPerStep;
            curve.tokensPerS << p.tokensPerS;
            curve.bytesPerStep << p.bytesPerStep;
            curve.limitTokensPerS << p.limitTokensPerS;
        }
        emit batchesMeasured(job, curve);
    });
}

} // namespace ui

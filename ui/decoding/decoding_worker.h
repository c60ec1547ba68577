#pragma once
// Lives on the engine's worker thread (ui/engine/engine.h) and owns everything core of a generation on the engine's
// model: one GenerationSession and, on request, a beam search. Every call
// takes a job id; every answer is a signal carrying it. core::Error never leaves a call: it becomes failed().
#include "ui/decoding/decoding_snapshot.h"

#include "core/decoding/beam_search.h"
#include "core/decoding/generation_session.h"
#include "core/exec/intervention.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_order.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace core {
struct LoadedModel;
class KvCache;
class Model;
class Tokenizer;
class EngineBeamBackend;
}

namespace ui {

class DecodingWorker : public QObject {
    Q_OBJECT
public:
    // `cancel`: stops a running generation or beam search at the next token / step. `latestSampling`: a
    // sampling job below it is skipped (a newer slider position is already queued).
    DecodingWorker(const std::atomic<bool>* cancel, const std::atomic<quint64>* latestSampling);
    ~DecodingWorker() override;

    // Prompts of jobs below this id are stale (a newer context is queued behind them) and skipped.
    void setContextValidFrom(const std::atomic<quint64>* validFrom) { m_contextValidFrom = validFrom; }

    // All run on the worker thread (the controller queues them).
    // The engine opened a model (job `job`): the generation starts over on it.
    void adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model);
    void reportLoadFailure(quint64 job, const QString& path, const QString& message);
    // The KV cache of `context` when this generation holds it (its prompt and first generated tokens).
    bool cachedContext(const std::vector<std::int32_t>& context, core::KvCache& cache) const;
    void setPrompt(quint64 job, const std::vector<std::int32_t>& ids);
    void setSampling(quint64 job, const core::SamplingParameters& parameters, const QString& order);
    void setOptions(quint64 job, const core::GenerationOptions& options);
    void setTableRows(quint64 job, int rows);
    // The window's intervention list (ui/interventions): the generation starts over with it.
    void setInterventions(quint64 job, const core::InterventionList& list);
    void stepToken(quint64 job);
    void generate(quint64 job);
    void stepBack(quint64 job);
    void drawAgain(quint64 job);
    void restart(quint64 job);
    void startBeam(quint64 job, const core::BeamSearchParameters& parameters);
    void stepBeam(quint64 job);
    void runBeam(quint64 job);
    // Greedy, beam search (`beams` wide) and `samples` seeded samples with the current parameters, side by side.
    void compare(quint64 job, int samples, int beams);
    // Greedy generation from the prompt to the context limit (EOS ignored), recording the cost of every token.
    void measureContext(quint64 job);
    // Batched decode at 1, 2, 4, 8, 16, 32 sequences from the prompt's last tokens (core::measureBatchThroughput),
    // beside the bandwidth limit measured just before.
    void measureBatches(quint64 job);

signals:
    void loaded(quint64 job, const QString& name, int vocab, int context, const ui::ModelDefaults& defaults);
    void sampled(quint64 job, const ui::SamplingSnapshot& snapshot);
    void generationChanged(quint64 job, const ui::GenerationSnapshot& snapshot);
    void progress(quint64 job, int done, int total);
    void beamChanged(quint64 job, const ui::BeamSnapshot& snapshot);
    void comparisonChanged(quint64 job, const ui::ComparisonSnapshot& snapshot);
    void contextMeasured(quint64 job, const ui::ContextCurve& curve);
    void batchesMeasured(quint64 job, const ui::BatchCurve& curve);
    void failed(quint64 job, const QString& message);
    void jobDone(quint64 job);

private:
    template <typename F> void guarded(quint64 job, F&& body);
    void restartSession();
    void emitState(quint64 job);
    SamplingSnapshot samplingSnapshot() const;
    GenerationSnapshot generationSnapshot() const;
    BeamSnapshot beamSnapshot() const;
    QString pieceText(std::int32_t id) const;

    const std::atomic<bool>* m_cancel;
    const std::atomic<quint64>* m_latestSampling;
    const std::atomic<quint64>* m_contextValidFrom = nullptr;
    std::shared_ptr<const core::LoadedModel> m_loaded;
    const core::Model* m_model = nullptr; // m_loaded's
    const core::Tokenizer* m_tokenizer = nullptr; // m_loaded's, or null
    std::unique_ptr<core::GenerationSession> m_session;
    std::vector<std::int32_t> m_prompt;
    core::SamplingParameters m_parameters;
    core::StageOrder m_order;
    core::GenerationOptions m_options;
    core::InterventionList m_interventions;
    int m_tableRows = 12;
    std::unique_ptr<core::EngineBeamBackend> m_beamBackend;
    std::unique_ptr<core::BeamSearch> m_beam;
};

} // namespace ui

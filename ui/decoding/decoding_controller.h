#pragma once
// The decoding views' door to the window's engine (generation, sampling lab, beam search). Lives on the UI thread;
// its worker (with the GenerationSession) lives on the engine's one worker thread and works on the engine's model.
// Actions are asynchronous and answers arrive only as signals with copied snapshots. Each action gets a job id from
// the engine's JobTracker; answers from before the current model / prompt are dropped, and a slider that moves
// faster than the sampler runs only re-samples for its latest position.
#include "ui/decoding/decoding_snapshot.h"

#include "core/decoding/beam_search.h"
#include "core/decoding/generation_session.h"
#include "core/exec/intervention.h"
#include "core/sampling/sampling_parameters.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <vector>

namespace ui {

class DecodingWorker;
class Engine;
class SessionController;

class DecodingController : public QObject {
    Q_OBJECT
public:
    // Runs on `engine` (the window's, shared with the stepper), or on an engine of its own when none is given.
    explicit DecodingController(QObject* parent = nullptr, Engine* engine = nullptr);
    ~DecodingController() override;

    // Follows the explorer's session: its prompt's token ids, and (on the same engine) the model it loads.
    void follow(SessionController* session);

    void loadModel(const QString& folder);
    void setPrompt(const std::vector<std::int32_t>& ids); // prefill, then the first distribution
    // Re-runs the sampler on the current logits (no forward pass); a new seed restarts the generation.
    void setSampling(const core::SamplingParameters& parameters, const QString& order = QStringLiteral("hf"));
    void setOptions(const core::GenerationOptions& options); // restarts the generation
    void setTableRows(int rows);
    // The window's intervention list: every generation from now on runs with it (the current one starts over).
    void setInterventions(const core::InterventionList& list);
    void stepToken(); // commit the shown token, then the next distribution
    void generate(); // to a stop condition (progress, cancellable)
    void stepBack();
    void drawAgain(); // a new random number for the same distribution
    void restart(); // back to just after the prefill
    void startBeam(const core::BeamSearchParameters& parameters);
    void stepBeam();
    void runBeam(); // to the end (progress, cancellable)
    void compare(int samples = 3, int beams = 4); // greedy, beam and seeded samples side by side
    void measureContext(); // generate to the context limit, recording time and memory per token
    void measureBatches(); // batched decode at 1 .. 32 sequences beside the bandwidth limit (progress, cancellable)
    void cancel();

    const core::SamplingParameters& sampling() const { return m_sampling; }
    const QString& order() const { return m_order; }
    const core::GenerationOptions& options() const { return m_options; }
    const ModelDefaults& defaults() const { return m_defaults; } // the loaded model's generation_config.json
    const SamplingSnapshot& lastSampling() const { return m_lastSampling; }
    const GenerationSnapshot& lastGeneration() const { return m_lastGeneration; }
    const BeamSnapshot& lastBeam() const { return m_lastBeam; }
    const ComparisonSnapshot& lastComparison() const { return m_lastComparison; }
    const ContextCurve& lastCurve() const { return m_lastCurve; }
    const BatchCurve& lastBatches() const { return m_lastBatches; }
    int forwardPasses() const { return m_lastGeneration.forwardPasses; }
    bool hasModel() const { return m_hasModel; }
    bool isBusy() const { return m_pending > 0; }
    int tableRows() const { return m_tableRows; }
    // k when `context` is this generation's prompt followed by its first k generated tokens; -1 otherwise.
    int generatedPrefixOf(const std::vector<std::int32_t>& context) const;

signals:
    void modelReady(const QString& name, int vocab, int context);
    void modelDefaults(const ui::ModelDefaults& defaults); // right after modelReady
    void sampled(const ui::SamplingSnapshot& snapshot);
    void generationChanged(const ui::GenerationSnapshot& snapshot);
    void beamChanged(const ui::BeamSnapshot& snapshot);
    void comparisonChanged(const ui::ComparisonSnapshot& snapshot);
    void contextMeasured(const ui::ContextCurve& curve);
    void batchesMeasured(const ui::BatchCurve& curve);
    void progress(int done, int total);
    void penalisedPositions(const QVector<int>& positions); // for a token strip: inside the penalty window
    void busyChanged(bool busy);
    void failed(const QString& message);
    void cancelRequested(); // cancel() was called (the views say "cancelled" next to a partial result)

private:
    quint64 nextJob(); // an action on the current context
    quint64 startJob(int kind); // a JobTracker::Kind
    bool isCurrent(quint64 job) const;
    void forgetModel(); // the snapshots of the old model go
    void dropBeam(); // a new context or new options: the beam tree of the old one goes
    void onJobDone(quint64 job);
    template <typename F> void post(F&& f);

    QPointer<Engine> m_engine;
    bool m_ownsEngine = false;
    DecodingWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel { false };
    std::atomic<quint64> m_latestSampling { 0 };
    int m_pending = 0;
    bool m_hasModel = false;
    int m_tableRows = 12;
    core::SamplingParameters m_sampling;
    QString m_order = QStringLiteral("hf");
    core::GenerationOptions m_options;
    ModelDefaults m_defaults;
    SamplingSnapshot m_lastSampling;
    GenerationSnapshot m_lastGeneration;
    BeamSnapshot m_lastBeam;
    ComparisonSnapshot m_lastComparison;
    ContextCurve m_lastCurve;
    BatchCurve m_lastBatches;
};

} // namespace ui

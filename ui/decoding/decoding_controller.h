#pragma once
// The decoding views' door to the engine (generation, sampling lab, beam search). Lives on the UI thread, owns ONE
// worker thread with its own GenerationSession; actions are asynchronous and answers arrive only as signals with
// copied snapshots. Each action gets a job id; answers from before the current model / prompt are dropped, and a
// slider that moves faster than the sampler runs only re-samples for its latest position.
#include "ui/decoding/decoding_snapshot.h"

#include "core/decoding/beam_search.h"
#include "core/decoding/generation_session.h"
#include "core/sampling/sampling_parameters.h"

#include <QObject>

#include <atomic>
#include <vector>

class QThread;

namespace ui {

class DecodingWorker;
class SessionController;

class DecodingController : public QObject {
    Q_OBJECT
public:
    explicit DecodingController(QObject* parent = nullptr);
    ~DecodingController() override;

    // Follows the explorer's session: its model (loaded again here, an mmap) and its prompt's token ids.
    void follow(SessionController* session);

    void loadModel(const QString& folder);
    void setPrompt(const std::vector<std::int32_t>& ids); // prefill, then the first distribution
    // Re-runs the sampler on the current logits (no forward pass); a new seed restarts the generation.
    void setSampling(const core::SamplingParameters& parameters, const QString& order = QStringLiteral("hf"));
    void setOptions(const core::GenerationOptions& options); // restarts the generation
    void setTableRows(int rows);
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
    void cancel();

    const core::SamplingParameters& sampling() const { return m_sampling; }
    const QString& order() const { return m_order; }
    const core::GenerationOptions& options() const { return m_options; }
    const SamplingSnapshot& lastSampling() const { return m_lastSampling; }
    const GenerationSnapshot& lastGeneration() const { return m_lastGeneration; }
    const BeamSnapshot& lastBeam() const { return m_lastBeam; }
    const ComparisonSnapshot& lastComparison() const { return m_lastComparison; }
    const ContextCurve& lastCurve() const { return m_lastCurve; }
    int forwardPasses() const { return m_lastGeneration.forwardPasses; }
    bool hasModel() const { return m_hasModel; }
    bool isBusy() const { return m_pending > 0; }
    int tableRows() const { return m_tableRows; }
    // k when `context` is this generation's prompt followed by its first k generated tokens; -1 otherwise.
    int generatedPrefixOf(const std::vector<std::int32_t>& context) const;

signals:
    void modelReady(const QString& name, int vocab, int context);
    void sampled(const ui::SamplingSnapshot& snapshot);
    void generationChanged(const ui::GenerationSnapshot& snapshot);
    void beamChanged(const ui::BeamSnapshot& snapshot);
    void comparisonChanged(const ui::ComparisonSnapshot& snapshot);
    void contextMeasured(const ui::ContextCurve& curve);
    void progress(int done, int total);
    void penalisedPositions(const QVector<int>& positions); // for a token strip: inside the penalty window
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    quint64 nextJob();
    bool isCurrent(quint64 job) const { return job >= m_validFrom; }
    void onJobDone(quint64 job);
    template <typename F> void post(F&& f);

    QThread* m_thread = nullptr;
    DecodingWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel { false };
    std::atomic<quint64> m_latestSampling { 0 };
    quint64 m_nextJob = 1;
    quint64 m_validFrom = 0; // answers of older jobs belong to an earlier model or prompt
    int m_pending = 0;
    bool m_hasModel = false;
    int m_tableRows = 12;
    core::SamplingParameters m_sampling;
    QString m_order = QStringLiteral("hf");
    core::GenerationOptions m_options;
    SamplingSnapshot m_lastSampling;
    GenerationSnapshot m_lastGeneration;
    BeamSnapshot m_lastBeam;
    ComparisonSnapshot m_lastComparison;
    ContextCurve m_lastCurve;
};

} // namespace ui

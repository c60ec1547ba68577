#pragma once
// The interpretability views' door to the window's engine. Lives on the UI thread; its worker lives on the engine's
// one worker thread and works on the model the stepper opened, with the stepper's prompt (it follows a
// SessionController). Each analysis gets a job id from the engine's JobTracker (Kind::Analysis); an answer is kept
// only while it is the latest of its analysis and no newer model was opened.
#include "ui/interp/interp_snapshot.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace ui {

class Engine;
class InterpWorker;
class SessionController;

class InterpController : public QObject {
    Q_OBJECT
public:
    enum class Analysis { Lens, LensTop, Attribution, Heads, RopeVectors, Count };

    // Runs on `session`'s engine, on its model and prompt.
    explicit InterpController(SessionController* session, QObject* parent = nullptr);
    ~InterpController() override;

    // Each answers with its signal, or failed(analysis, message). Targets are typed text of one token or "#id".
    void runLens(const QString& target); // "" = no target column
    void requestLensTop(int site, int position, int n = 10); // of the last lens
    void runAttribution(const QString& target, const QString& minus = {}); // target "" = the most likely token
    void runHeads(const QString& target, int attendPosition); // progress, cancellable; -1 = no attention-to column
    void cancel();
    // One head's q and k at two prompt positions as layer `layer`'s RoPE receives them (the RoPE view).
    void requestRopeVectors(int layer, int head, int posQ, int posK);

    bool hasModel() const { return m_hasModel; }
    const std::vector<std::int32_t>& tokens() const { return m_tokens; }
    // The prompt position's texts (for choosers).
    const QStringList& tokenTexts() const { return m_tokenTexts; }
    bool isBusy() const { return m_pending > 0; }
    // Whether the last answer of `analysis` is for the current model and prompt.
    bool isFresh(Analysis analysis) const { return m_fresh[std::size_t(analysis)]; }
    const LensSnapshot& lastLens() const { return m_lens; }
    const AttributionSnapshot& lastAttribution() const { return m_attribution; }
    const HeadsSnapshot& lastHeads() const { return m_heads; }
    SessionController* session() const { return m_session; }

signals:
    void contextChanged(); // a new model or prompt: shown results are stale
    void lensChanged(const ui::LensSnapshot& lens); // also while the lens grows row by row
    void lensTopReady(const ui::LensCellTop& top);
    void attributionChanged(const ui::AttributionSnapshot& attribution);
    void headsChanged(const ui::HeadsSnapshot& heads);
    void ropeVectorsReady(const ui::RopeVectors& vectors);
    void progress(int done, int total);
    void failed(ui::InterpController::Analysis analysis, const QString& message);
    void busyChanged(bool busy);

private:
    quint64 start(Analysis analysis);
    bool accepts(quint64 job, Analysis analysis) const;
    template <typename F> void post(F&& f);
    void onJobDone(quint64 job);
    void forget();

    SessionController* m_session;
    QPointer<Engine> m_engine;
    InterpWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel { false };
    std::atomic<quint64> m_cancelledUpTo { 0 }; // cancel() stops the jobs started before it, even those still queued
    std::array<quint64, std::size_t(Analysis::Count)> m_latest {};
    std::array<bool, std::size_t(Analysis::Count)> m_fresh {};
    int m_pending = 0;
    bool m_hasModel = false;
    std::vector<std::int32_t> m_tokens;
    QStringList m_tokenTexts;
    LensSnapshot m_lens;
    AttributionSnapshot m_attribution;
    HeadsSnapshot m_heads;
};

} // namespace ui

Q_DECLARE_METATYPE(ui::InterpController::Analysis)

#pragma once
// Lives on the engine's worker thread (ui/engine/engine.h) and runs the interpretability analyses of core/analysis
// on the engine's model: the logit lens (row by row as the pass reaches each site), one lens cell's top tokens, the
// direct logit attribution and the head detectors. Every call takes a job id; every answer is a signal carrying it.
// core::Error never leaves a call: it becomes failed().
#include "ui/interp/interp_snapshot.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace core {
struct LoadedModel;
struct LogitLens;
}

namespace ui {

class InterpWorker : public QObject {
    Q_OBJECT
public:
    // `cancel`: the head detectors stop at their next forward pass, the lens stops reporting rows.
    explicit InterpWorker(const std::atomic<bool>* cancel);
    ~InterpWorker() override;

    // All run on the worker thread (the controller queues them).
    void adopt(quint64 job, std::shared_ptr<const core::LoadedModel> model);
    // The lens of `tokens`; `target` ("" for none) is typed text of one token or "#id".
    void runLens(quint64 job, const std::vector<std::int32_t>& tokens, const QString& target);
    void lensTop(quint64 job, int site, int position, int n);
    // The last position's logit of `target` ("" = the most probable next token), minus that of `minus` if given.
    void runAttribution(
        quint64 job, const std::vector<std::int32_t>& tokens, const QString& target, const QString& minus);
    // Every head's scores; `target` ("" = the most probable next token) for the ablation column, `position` (-1:
    // none) for the attention-to column.
    void runHeads(quint64 job, const std::vector<std::int32_t>& tokens, const QString& target, int position);
    // Query head `head`'s q at posQ and its K/V head's k at posK, as layer `layer`'s RoPE receives them.
    void ropeVectors(quint64 job, const std::vector<std::int32_t>& tokens, int layer, int head, int posQ, int posK);

signals:
    void lensChanged(quint64 job, const ui::LensSnapshot& lens);
    void lensTopReady(quint64 job, const ui::LensCellTop& top);
    void attributionReady(quint64 job, const ui::AttributionSnapshot& attribution);
    void headsReady(quint64 job, const ui::HeadsSnapshot& heads);
    void ropeVectorsReady(quint64 job, const ui::RopeVectors& vectors);
    void progress(quint64 job, int done, int total);
    void failed(quint64 job, const QString& message);
    void jobDone(quint64 job);

private:
    template <typename F> void guarded(quint64 job, F&& body);
    std::int32_t tokenOf(const QString& text, const char* field) const; // -1 for ""
    std::int32_t mostLikely(const std::vector<std::int32_t>& tokens) const;
    QString pieceText(std::int32_t id) const;

    const std::atomic<bool>* m_cancel;
    std::shared_ptr<const core::LoadedModel> m_loaded;
    std::unique_ptr<core::LogitLens> m_lens; // the last lens run (its residual rows give a cell's top tokens)
};

} // namespace ui

#pragma once
// What the decoding views show, as copied values (never pointers into core): safe to pass between threads in
// queued signals. One snapshot per answer of the decoding worker.
#include "core/decoding/beam_tree.h"
#include "core/decoding/run_metrics.h"
#include "core/decoding/stop_reason.h"
#include "core/exec/intervention.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/sampling_record.h"

#include <QMetaType>

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace ui {

// The probability table of one decode step: rows best first, one cell per pipeline column.
struct SamplingSnapshot {
    core::SamplingTable table; // columns, settings, rows (token, cells, cumulative), chosen token
    QStringList stageKinds; // (columns,) "input", "temperature", "top_k", ... (names, for display and export)
    QVector<std::optional<core::SamplerStageKind>> stages; // (columns,) the stage of each column; empty: the input
    QStringList rowText; // (rows,) visible text of each row's token ("␣Paris")
    QVector<bool> rowSpecial; // (rows,)
    QVector<int> keptPerColumn; // (columns,) candidates of the whole vocabulary alive after each column
    QString chosenText;
    int step = 0; // which generated token this distribution decides (0 = the first)
    int forwardPasses = 0; // of the session, when this snapshot was made
    bool isValid() const { return !table.columns.empty(); }
};

struct GeneratedPiece {
    int id = 0;
    QString text; // visible text
    double probability = 0; // in the final distribution it was drawn from
    double seconds = 0; // sampling + its forward pass
    bool special = false;
};

// A per-layer picture of the KV cache: the first `shownWidth` columns of every stored row.
struct KvCacheSnapshot {
    int layers = 0;
    int length = 0; // positions stored
    int capacity = 0;
    int rowWidth = 0; // nKvHeads * headDim
    int shownWidth = 0;
    quint64 bytesUsed = 0;
    quint64 bytesReserved = 0;
    QVector<QVector<float>> keys; // (layers,) each (length, shownWidth) row-major
    QVector<QVector<float>> values; // (layers,)
};

struct GenerationSnapshot {
    QVector<GeneratedPiece> prompt;
    QVector<GeneratedPiece> generated;
    QString text; // generated text (a matched stop sequence and what follows removed)
    QString rawText; // generated text as decoded
    QString stopReason; // core::stopReasonName(): "none", "eos", "stop_sequence", "max_new_tokens", ... (shown)
    core::StopReason stop = core::StopReason::None;
    QString stopDetail; // human words: "EOS token <|im_end|>", "stop sequence \"\\n\" matched", ...
    QString stopSequence;
    int stopBegin = -1; // the match, in characters of rawText
    int stopEnd = -1;
    bool finished = false;
    int maxNewTokens = 0;
    QVector<int> penalisedPositions; // positions (prompt + generated) inside the active penalty window
    core::RunMetrics metrics;
    KvCacheSnapshot cache;
    int forwardPasses = 0;
    bool isValid() const { return !prompt.isEmpty(); }
};

struct BeamHypothesisInfo {
    int rank = 0;
    int node = -1;
    QString text;
    double sumLogProb = 0;
    int length = 0;
    double score = 0;
    bool eos = false;
};

struct BeamSnapshot {
    std::vector<core::BeamNode> nodes; // the recorded tree, node id = index
    QStringList nodeText; // (nodes,) visible token text ("prompt" for the root)
    QVector<BeamHypothesisInfo> hypotheses; // the finished set, best first
    QVector<int> live;
    int steps = 0;
    int numBeams = 0;
    int forwardPasses = 0;
    int weightPasses = 0; // passes over the weights: the beams of a step decode as one batch
    bool finished = false;
    QString stopReason;
    core::InterventionList interventions; // what every beam ran with (empty: none)
    bool isValid() const { return !nodes.empty(); }
};

// One way of continuing the prompt, for the comparison view. Token probabilities are the model's own (softmax of
// the logits, before any sampling stage), so every run is coloured on the same scale.
struct ComparisonRun {
    QString label; // "greedy", "beam (4)", "sample seed 1"
    QVector<GeneratedPiece> tokens;
    double sumLogProb = 0; // sum of log p(token) under the model
    QString stopReason;
    int divergesAt = -1; // first position where it differs from the first run (-1: never)
};

struct ComparisonSnapshot {
    QVector<ComparisonRun> runs;
    int firstDivergence = -1; // first position where the runs do not all agree
    core::InterventionList interventions; // what every run ran with (empty: none)
    bool isValid() const { return !runs.isEmpty(); }
};

// Cost against context length, measured by generating to the context limit: per generated token, the context
// length after it, its time, the KV cache bytes and the bytes all attention score matrices would take.
struct ContextCurve {
    QVector<int> context;
    QVector<double> seconds;
    QVector<double> kvBytes;
    QVector<double> naiveAttentionBytes;
    QVector<double> flashAttentionBytes; // FlashAttention's working memory over the same context
    int limit = 0;
    bool isValid() const { return !context.isEmpty(); }
};

// Batched decode measured for the loaded model (core::measureBatchThroughput): per batch size, the best time per
// step, the tokens per second of all sequences together, and the bandwidth limit (sequences × bandwidth / bytes a
// step reads); cancelled: the sizes measured before the cancel.
struct BatchCurve {
    QVector<int> sequences;
    QVector<double> msPerStep;
    QVector<double> tokensPerS;
    QVector<double> bytesPerStep;
    QVector<double> limitTokensPerS;
    double bandwidth = 0; // bytes per second, measured in the same run
    int promptTokens = 0; // each sequence's cached prompt
    int steps = 0; // decode steps timed per batch size
    bool isValid() const { return !sequences.isEmpty(); }
};

// The sampling a model's generation_config.json asks for (core::samplingDefaults), and what it stated, e.g.
// "do_sample: false" or "temperature: 0.6, top_p: 0.9" (empty: it states nothing and the lab keeps its settings).
struct ModelDefaults {
    core::SamplingParameters sampling;
    QString stated;
};

// " " -> "␣", "\n" -> "↵", "\t" -> "⇥" so a token's whitespace can be seen.
QString visiblePiece(const QString& piece);
void registerDecodingMetaTypes();

} // namespace ui

Q_DECLARE_METATYPE(ui::SamplingSnapshot)
Q_DECLARE_METATYPE(ui::GenerationSnapshot)
Q_DECLARE_METATYPE(ui::BeamSnapshot)
Q_DECLARE_METATYPE(ui::ComparisonSnapshot)
Q_DECLARE_METATYPE(ui::ContextCurve)
Q_DECLARE_METATYPE(ui::BatchCurve)
Q_DECLARE_METATYPE(ui::ModelDefaults)

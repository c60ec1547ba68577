#pragma once
// Where the stepper stands and what the current op produced: copied values, safe across threads.
#include "core/model/model_config.h"
#include "core/plan/execution_plan.h"
#include "core/plan/op_kind.h"

#include "ui/session/stored_weight.h"
#include <QMetaType>

#include <QString>
#include <QVector>

namespace ui {

// One attention probability matrix (a per-head Softmax op): full rows = queries of this pass, full cols = keys
// (ctx). A thumbnail stores it smaller (block maxima, core::downsampleMax); exact when rows == fullRows.
struct AttentionMatrix {
    int layer = 0;
    int head = 0;
    int rows = 0; // stored
    int cols = 0;
    int fullRows = 0; // the matrix's own (T, ctx)
    int fullCols = 0;
    int posBegin = 0; // position of query row 0 (0 for prefill)
    QVector<float> values; // rows * cols, row-major
    float at(int r, int c) const { return values[qsizetype(r) * cols + c]; }
    int shownRows() const { return fullRows > 0 ? fullRows : rows; } // the full size (stored size if unset)
    int shownCols() const { return fullCols > 0 ? fullCols : cols; }
    bool downsampled() const { return rows != shownRows() || cols != shownCols(); }
    // The value at full-size cell (r, c): exact, or the block maximum a thumbnail keeps for it.
    float valueAt(int r, int c) const
    {
        return downsampled() ? at(int(std::int64_t(r) * rows / shownRows()), int(std::int64_t(c) * cols / shownCols()))
                             : at(r, c);
    }
};

// The matrix as at most `side` x `side` block maxima (core::downsampleMax), for drawing a long prompt's head: made on
// the worker thread, so the UI thread only maps colours. Empty when the matrix is already that small.
constexpr int kAttentionPreviewSide = 768; // about the pixels a full-HD window gives the enlarged matrix
AttentionMatrix attentionPreview(const AttentionMatrix& full, int side = kAttentionPreviewSide);

// A big tensor made small on the worker thread, for the heatmap to colour without touching every value on the UI
// thread: blocks of at most kTensorPreviewSide a side, each its signed extreme (core::downsampleExtreme). The exact
// values still travel beside it (hover, zoom).
constexpr int kTensorPreviewSide = 1024;
struct TensorPreview {
    int rows = 0;
    int cols = 0;
    QVector<float> values; // rows * cols, row-major; empty: the tensor is small enough to draw as it is
    bool isEmpty() const { return values.isEmpty(); }
};
// Empty for a tensor within kTensorPreviewSide a side and for a single row (drawn as bars from the exact values).
TensorPreview tensorPreview(int rows, int cols, const QVector<float>& values, int side = kTensorPreviewSide);

// FlashAttention on one head, walked over the key tiles of one query block (core::ops::FlashWalk as values).
struct FlashWalkInfo {
    struct Step {
        int keyBegin = 0; // the tile's keys [keyBegin, keyEnd)
        int keyEnd = 0;
        QVector<float> runningMax; // per query row of the block
        QVector<float> runningSum;
        QVector<float> partialOut; // (rows, headDim), already divided by the running sum
    };
    int layer = -1;
    int head = -1;
    int posBegin = 0; // position of the pass's query row 0
    int queryBegin = 0; // the block's query rows [queryBegin, queryEnd) of the pass
    int queryEnd = 0;
    int tile = 0;
    int headDim = 0;
    QVector<Step> steps;
    bool isValid() const { return layer >= 0 && !steps.isEmpty(); }
};

struct TensorStats {
    float min = 0;
    float max = 0;
    float mean = 0;
    float std = 0;
};

struct Prediction {
    int id = 0;
    QString text;
    float probability = 0;
};

struct StepSnapshot {
    int cursor = -1; // index of the last executed op in this pass; -1 = before the first op
    int total = 0; // ops in this pass
    int nodeIndex = -1;
    bool prefill = true;
    int decodeStep = 0;
    int positions = 0; // T of this pass
    int context = 0; // ctx = cached positions + T
    // The current op (meaningful from the first op on; empty kind before it). As in PlanNodeInfo: the enums are
    // what the UI decides by, the strings are for showing.
    core::OpKind opKind = core::OpKind::Embed;
    core::NodePart part = core::NodePart::TokenEmbedding;
    core::NormKind norm = core::NormKind::LayerNorm;
    core::Activation activation = core::Activation::Relu;
    core::Positional positional = core::Positional::Rope;
    core::NodeVariant variant;
    QString kind; // opKindName(opKind)
    QString name;
    QString label; // in the interface language (ui::opLabel)
    QString coreLabel; // core's English label
    QString shape;
    int layer = -1;
    int head = -1;
    int rows = 0;
    int cols = 0;
    int posBegin = 0;
    QVector<float> values; // rows * cols, row-major
    TensorPreview preview; // of values, when they are too many to colour on the UI thread
    TensorStats stats;
    // An op that rewrites its tensor in place (QK-norm, soft-cap): the tensor before it, same shape as values, so
    // the tensor view can show before and after. Empty for every other op.
    QVector<float> before;
    TensorStats beforeStats;
    // Every head whose softmax ran so far in this pass, in execution order, as thumbnails (exact up to 64 x 64).
    QVector<AttentionMatrix> attention;
    // One head in full (the current op's once its softmax ran, else the one the attention view asked for).
    AttentionMatrix focus;
    AttentionMatrix focusPreview; // its attentionPreview (empty for a small matrix)
    qint64 heldBytes = 0; // what the stepper holds for this pass besides weights and KV cache
    // After the output softmax: the most likely next tokens.
    QVector<Prediction> predictions;
    StoredWeight weight; // the op's weight when the file stores it block-quantized (its first blocks taken apart)

    bool isValid() const { return cursor >= 0; }
    bool finished() const { return total > 0 && cursor == total - 1; }
    QString phaseText() const; // "Prefill" / "Decode 3"
    QString statusText() const; // "Prefill · layer 2 · head 1 · attention scores (6×6)"
    float at(int r, int c) const { return values[r * cols + c]; }
};

} // namespace ui

Q_DECLARE_METATYPE(ui::StepSnapshot)
Q_DECLARE_METATYPE(ui::FlashWalkInfo)

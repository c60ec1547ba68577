#pragma once
// Where the stepper stands and what the current op produced: copied values, safe across threads.
#include "core/model/model_config.h"
#include "core/plan/execution_plan.h"
#include "core/plan/op_kind.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace ui {

// One attention probability matrix (a per-head Softmax event): rows = queries of this pass, cols = keys (ctx).
struct AttentionMatrix {
    int layer = 0;
    int head = 0;
    int rows = 0;
    int cols = 0;
    int posBegin = 0; // position of query row 0 (0 for prefill)
    QVector<float> values; // rows * cols, row-major
    float at(int r, int c) const { return values[r * cols + c]; }
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
    TensorStats stats;
    // Every attention matrix executed so far in this pass, in execution order.
    QVector<AttentionMatrix> attention;
    // After the output softmax: the most likely next tokens.
    QVector<Prediction> predictions;

    bool isValid() const { return cursor >= 0; }
    bool finished() const { return total > 0 && cursor == total - 1; }
    QString phaseText() const; // "Prefill" / "Decode 3"
    QString statusText() const; // "Prefill · layer 2 · head 1 · attention scores (6×6)"
    float at(int r, int c) const { return values[r * cols + c]; }
};

} // namespace ui

Q_DECLARE_METATYPE(ui::StepSnapshot)

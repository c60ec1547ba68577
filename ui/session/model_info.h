#pragma once
// What the window knows about a loaded model: copied values (never pointers into core), safe to pass between
// threads in queued signals. The plan is copied too, so the diagram and the op list draw from the same nodes
// the executor runs.
#include "core/model/model_config.h"
#include "core/plan/execution_plan.h"
#include "core/plan/op_kind.h"

#include <QMetaType>
#include <QPair>
#include <QString>
#include <QVector>

namespace core {
class Model;
class ExecutionPlan;
struct LoadedModel;
}

namespace ui {

// One plan node. The enums are what the UI decides by (compare these, never the strings); the strings are for
// showing and for resource keys.
struct PlanNodeInfo {
    core::OpKind opKind = core::OpKind::Embed;
    core::NodePart part = core::NodePart::TokenEmbedding;
    // The variant (meaningful for the parts that have one: norms, the activation, the positional encoding).
    core::NormKind norm = core::NormKind::LayerNorm;
    core::Activation activation = core::Activation::Relu;
    core::Positional positional = core::Positional::Rope;
    core::NodeVariant variant; // window, soft-cap, partial rotary, fused weight... (core/plan/execution_plan.h)
    QString kind; // opKindName(opKind): "attn_scores", ... (shown, and the file name of its explanation)
    QString name; // "blk.3.head.2.scores"
    QString label; // "layer 3 · head 2 · attention scores", in the interface language (ui::opLabel)
    QString coreLabel; // core's English label
    int layer = -1;
    int head = -1;
    QString shape; // "(T, ctx)"
    bool endsBlock = false;
};

struct ModelInfo {
    QString folder;
    QString displayName; // folder name
    QString arch; // "gpt2", "llama", ...
    QString modelType;
    QString dtype;
    QString positional;
    QString norm;
    QString placement;
    QString activation;
    qint64 parameters = 0;
    quint64 weightBytes = 0;
    quint64 storedBytes = 0;
    int vocab = 0;
    int dim = 0;
    int hidden = 0;
    int layers = 0;
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
    int context = 0;
    // Parts of today's small models, for the explanations' formulas.
    int qDim = 0; // heads * headDim (not always dim: qwen3, gemma)
    int rotaryDim = 0; // RoPE dimensions per head
    int window = 0; // sliding window (0: none)
    QVector<int> layerWindows; // per layer: its sliding window, 0 for a global layer
    double attnSoftcap = 0;
    double finalSoftcap = 0;
    bool tiedEmbeddings = false;
    bool hasTokenizer = false;
    QString format; // "Hugging Face folder", "GGUF", "llama2.c"
    QString quantization; // "Q4_K x 13, Q6_K x 3, F32 x 5 · 5.04 bits/weight · 1.0 MiB on disk, 6.5 MiB as F32"
    QString tokenizerFile; // where the tokenizer came from (tokenizer.json, the GGUF file, tokenizer.bin)
    QVector<QPair<QString, QString>> metadata; // the file's key metadata ("general.name", ...), GGUF and llama2.c
    // The chat layout the model's template maps to ("Llama 3"), the notice when it was not recognised ("" when it
    // was), and one user turn laid out in it, special tokens and all (what a chat prompt will look like).
    QString chatLayout;
    QString chatNotice;
    QString chatExample;
    QVector<PlanNodeInfo> plan;
    core::ModelConfig config; // the whole config, for the views that compute from it (RoPE, grouped-query map)
    // Learned or sin/cos models: the first positionRows rows of the position table (positionRows x dim), the vectors
    // added to the embeddings, for the positions view to show on their own. Empty for RoPE models.
    static constexpr int kPositionRowsShown = 256;
    QVector<float> positionTable;
    int positionRows = 0;

    bool isValid() const { return layers > 0; }
    // Index of the first node of `layer` (the first node after the blocks for layer == layers).
    int firstNodeOfLayer(int layer) const;
    static ModelInfo from(const core::Model& model, const core::ExecutionPlan& plan);
    // The above plus what openModel learnt about the file: format, quantization, tokenizer, metadata.
    static ModelInfo from(const core::LoadedModel& loaded);
};

} // namespace ui

Q_DECLARE_METATYPE(ui::ModelInfo)

#pragma once
// The weight the current op multiplies by, when the file stores it block-quantized (a GGUF Q4_K_M, say): a few of
// its blocks taken apart (core::quant::decodeBlock) into the scale(s), the k-quants' sub-block scales and mins, the
// integer codes and the values they stand for. Copied values for the tensor panel; made on the engine thread.
#include <QMetaType>
#include <QString>
#include <QVector>

namespace core {
struct LoadedModel;
struct PlanNode;
}

namespace ui {

struct StoredBlock {
    float d = 0; // the block's scale (k-quants: super-block scale)
    bool hasMin = false;
    float min = 0; // Q4_1 / Q5_1 m, k-quant dmin
    struct SubBlock {
        int first = 0;
        int count = 0;
        int scale = 0; // as stored (small integer)
        int min = -1; // as stored; -1: the format has none
    };
    QVector<SubBlock> subBlocks; // k-quants only
    QVector<int> codes; // per value, as stored (empty for Q3_K)
    int codeOffset = 0; // subtracted from a code before scaling (Q4_0 8, Q5_0 16, Q6_K 32)
    QVector<float> values;
};

struct StoredWeight {
    QString tensor; // "blk.0.attn_q.weight"
    QString type; // "Q4_K"
    qint64 rows = 0;
    qint64 cols = 0;
    int row = 0; // the row the blocks come from
    int blocksPerRow = 0;
    QVector<StoredBlock> blocks; // the first blocks of `row`

    bool isValid() const { return !blocks.isEmpty(); }
    // The weight `node` reads, if the file stores it block-quantized; `maxBlocks` of row `row`.
    static StoredWeight of(const core::LoadedModel& model, const core::PlanNode& node, int row = 0, int maxBlocks = 8);
};

} // namespace ui

Q_DECLARE_METATYPE(ui::StoredWeight)

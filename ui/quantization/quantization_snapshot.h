#pragma once
// What the quantization comparison shows, as plain values copied off the engine thread: the two files, the prompt,
// the residual stream's relative error after each layer, the KL divergence of the next-token distributions and how
// the top 10 moved (core::WeightFormatComparison with token texts).
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace core {
struct LoadedModel;
struct WeightFormatComparison;
class Tokenizer;
}

namespace ui {

struct QuantizationRankRow {
    int id = 0;
    QString text; // the token as the token strip shows it
    int referenceRank = 0; // 1-based
    int otherRank = 0;
    double referenceProbability = 0;
    double otherProbability = 0;
};

struct QuantizationSnapshot {
    QString referencePath;
    QString otherPath;
    QString referenceStorage; // "F32 x 21 · 32.00 bits/weight · …" (core::QuantSummary::describe)
    QString otherStorage;
    QStringList prompt; // the prompt's tokens (the reference's tokenizer; both runs read these ids)
    QVector<double> layerRelativeError; // ||x_other − x_ref|| / ||x_ref|| after each layer
    double logitsRelativeError = 0;
    double klDivergence = 0; // nats
    QVector<QuantizationRankRow> rows; // every token of either top 10, the reference's order first

    bool isValid() const { return !otherPath.isEmpty(); }

    // The snapshot of `c`, the comparison of `other` against `reference` on `ids`.
    static QuantizationSnapshot from(const core::LoadedModel& reference, const core::LoadedModel& other,
        const QVector<int>& ids, const core::WeightFormatComparison& c);
};

} // namespace ui

Q_DECLARE_METATYPE(ui::QuantizationSnapshot)

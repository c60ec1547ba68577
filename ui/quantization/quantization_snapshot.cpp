#include "ui/quantization/quantization_snapshot.h"

#include "core/analysis/weight_format_comparison.h"
#include "core/loader/loaded_model.h"

namespace ui {

QuantizationSnapshot QuantizationSnapshot::from(const core::LoadedModel& reference, const core::LoadedModel& other,
    const QVector<int>& ids, const core::WeightFormatComparison& c)
{
    const auto piece = [&](int id) {
        return reference.tokenizer ? QString::fromStdString(reference.tokenizer->displayPiece(id))
                                   : QStringLiteral("#%1").arg(id);
    };
    QuantizationSnapshot s;
    s.referencePath = QString::fromStdString(reference.path);
    s.otherPath = QString::fromStdString(other.path);
    s.referenceStorage = QString::fromStdString(reference.quantization.describe());
    s.otherStorage = QString::fromStdString(other.quantization.describe());
    for (int id : ids)
        s.prompt << piece(id);
    for (double e : c.blockRelativeError)
        s.layerRelativeError << e;
    s.logitsRelativeError = c.logitsRelativeError;
    s.klDivergence = c.klDivergence;
    for (const core::RankChange& r : c.changes)
        s.rows.push_back(
            { r.id, piece(r.id), r.referenceRank, r.otherRank, r.referenceProbability, r.otherProbability });
    return s;
}

} // namespace ui

#pragma once
// What the interventions' worker sends to the UI thread, as copied values: a before / after comparison of the
// next-token distribution and of a greedy generation (core/analysis/distribution_shift.h), and an activation
// patching result (core/analysis/activation_patching.h) with the pieces of both prompts.
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ui {

// One token of core::DistributionShift, with its piece made visible.
struct TokenShiftRow {
    int id = 0;
    QString piece;
    float logitBefore = 0, logitAfter = 0;
    double probBefore = 0, probAfter = 0;
    int rankBefore = 0, rankAfter = 0; // 0 = most probable
};

struct BeforeAfterSnapshot {
    QString interventions; // core::interventionListSpec of the list the "after" run used
    QStringList promptPieces;
    double kl = 0; // KL(before || after), nats
    QVector<TokenShiftRow> tokens; // the union of both top-10 lists, most probable before first
    QStringList generatedBefore; // greedy continuation without / with the interventions (pieces)
    QStringList generatedAfter;
    QString textBefore; // the same continuations decoded to text
    QString textAfter;
    int divergesAt = -1; // first generated position where the two differ (-1: never)
    bool isValid() const { return !promptPieces.isEmpty(); }
};

struct PatchingSnapshot {
    QStringList cleanPieces; // per position
    QStringList corruptedPieces;
    QString target; // the pieces of the metric's tokens
    QString minus; // "" when the metric is logit(target) alone
    int layers = 0, positions = 0, heads = 0;
    double cleanMetric = 0, corruptedMetric = 0;
    QVector<double> residual; // layers x positions, row-major: restored fraction (NaN where no pass ran)
    QVector<double> head; // layers x heads, row-major
    bool cancelled = false;
    bool isValid() const { return layers > 0; }
};

void registerInterventionMetaTypes();

} // namespace ui

Q_DECLARE_METATYPE(ui::BeforeAfterSnapshot)
Q_DECLARE_METATYPE(ui::PatchingSnapshot)

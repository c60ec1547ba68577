#pragma once
// What the interpretability views show, copied out of core on the engine's thread (safe across threads): the logit
// lens grid, one lens cell's top tokens, a direct logit attribution and the head detector table.
#include "ui/session/step_snapshot.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cmath>

namespace ui {

// A token's text with its whitespace made visible, as the token strip writes it ("␣Paris").
inline QString visibleToken(QString text)
{
    return text.replace(QLatin1Char(' '), QChar(0x2423)).replace(QLatin1Char('\n'), QChar(0x21B5));
}

// What a target field's text means: "␣" typed (or pasted from a view) stands for a space ("␣Paris" = " Paris").
inline QString typedToken(QString text) { return text.replace(QChar(0x2423), QLatin1Char(' ')); }

// core::LensCell with the token's text.
struct LensCellInfo {
    int topId = 0;
    QString topText;
    float topProb = 0;
    float targetProb = 0;
    int targetRank = -1; // 0 = the most probable token; -1 without a target
};

// core::LogitLens as values. Rows are sites (the embedding, then after each attention sub-layer and each block, in
// forward order), columns the prompt's positions. It grows row by row while the pass runs.
struct LensSnapshot {
    struct Site {
        QString name; // "embed", "blk.3.attn", "blk.3"
        int layer = -1;
        bool afterAttention = false;
        int nodeIndex = 0;
    };
    QVector<Site> sites;
    QStringList tokens; // the prompt's pieces
    int targetId = -1;
    QString targetText;
    QVector<LensCellInfo> cells; // sites x positions, row-major
    QVector<bool> filled; // per site
    bool complete = false; // every site filled

    int positions() const { return int(tokens.size()); }
    bool isValid() const { return !sites.isEmpty() && positions() > 0; }
    const LensCellInfo& cell(int site, int position) const { return cells[qsizetype(site) * positions() + position]; }
};

// The top tokens of one lens cell (clicked).
struct LensCellTop {
    int site = -1;
    int position = -1;
    QVector<Prediction> top;
};

// core::LogitAttribution as values.
struct AttributionSnapshot {
    enum class Kind { Embedding, Head, AttentionBias, Mlp, OutputBias }; // core::AttributionPartKind
    struct Part {
        Kind kind = Kind::Embedding;
        int layer = -1;
        int head = -1;
        QString name; // "embed", "blk.1.head.2", "blk.1.mlp", ...
        int nodeIndex = 0; // the plan node that produced it (the stepper can jump there)
        double value = 0;
    };
    int targetId = -1;
    QString targetText;
    int minusId = -1; // -1: the target's logit alone
    QString minusText;
    int position = 0;
    double logit = 0; // the model's own logit (difference)
    double sum = 0; // of the parts
    double finalScale = 1;
    QVector<Part> parts; // in forward order

    bool isValid() const { return targetId >= 0; }
};

// core::HeadDetectorResult as values.
struct HeadsSnapshot {
    struct Head {
        int layer = 0;
        int head = 0;
        double sink = 0;
        double previous = 0;
        double induction = 0;
        double attentionTo = std::nan(""); // NaN without a chosen position
        double ablationDelta = std::nan(""); // NaN without a target
    };
    int layers = 0;
    int heads = 0;
    QVector<Head> rows; // layer-major
    int targetId = -1;
    QString targetText;
    int attendPosition = -1;
    QString attendText;
    double baselineTargetProb = 0;
    bool cancelled = false;

    bool isValid() const { return !rows.isEmpty(); }
};

// One head's q and k as its layer's RoPE receives them (core::ropeInputs), for the RoPE view.
struct RopeVectors {
    int layer = -1;
    int head = -1;
    int posQ = 0;
    int posK = 0;
    int kvHead = 0;
    std::vector<float> q; // headDim values
    std::vector<float> k;
};

void registerInterpMetaTypes();

} // namespace ui

Q_DECLARE_METATYPE(ui::LensSnapshot)
Q_DECLARE_METATYPE(ui::LensCellTop)
Q_DECLARE_METATYPE(ui::AttributionSnapshot)
Q_DECLARE_METATYPE(ui::HeadsSnapshot)
Q_DECLARE_METATYPE(ui::RopeVectors)

#pragma once
// Where a saved session or a lesson step puts the explorer window: each field that is set is applied, in this
// order (the model first, the views last). WindowDriver (window_driver.h) applies it and waits for the engine.
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace ui {

struct WindowTarget {
    std::optional<QString> model; // a model folder (or file); loaded unless it is the one on screen
    // The intervention list (core specs, "blk.1.head.2:mean"), set once the model is there, before the prompt's pass.
    std::optional<QStringList> interventions;
    std::optional<QString> prompt; // tokenized and prefilled (cursor before the first op)
    // Instead of `prompt`'s tokens: this context, the first promptTokens as the prompt and the rest appended, with
    // the decode pass of the last one prepared (SessionController::openDecodeStep).
    std::optional<QVector<int>> context;
    int promptTokens = 0;
    // The cursor: "start" (before the first op), "end" (the whole pass run), a plan node's name ("blk.3.head.1.probs")
    // or its op kind with `layer` ("attn_probs" — the first op of that kind in that layer, or anywhere when layer < 0).
    std::optional<QString> op;
    int opLayer = -1;
    std::optional<int> cursor; // or the op index in the pass (-1 = before the first)
    std::optional<int> token; // the selected position (-1 = none)
    std::optional<QPair<int, int>> head; // layer, head shown in the attention view
    std::optional<QString> sampling; // "temperature=0.8,top_k=5" (SamplingLab::applySettings)
    std::optional<QString> view; // a view name of view_names.h
};

} // namespace ui

#pragma once
// A saved demo: everything needed to put the window back to the same numbers (the engine is deterministic), as a
// small versioned JSON file. The format, field by field (version 1):
//
//   format           "inference-explorer-session"
//   version          1 (a newer file is refused with its version; an older one has no other version to be)
//   model            { "path": folder, "fingerprint": modelFingerprint(folder) }
//   prompt           the prompt text
//   tokens           the context's token ids; the first prompt_tokens are the prompt, the rest were appended (F9)
//   prompt_tokens    0 .. tokens.length
//   cursor           { "phase": "prefill" | "decode", "op": -1 (before the first op) .. ops of the pass - 1 }
//   selected_token   -1 (none) or a position < tokens.length
//   head             { "layer", "head" } shown in the attention view
//   sampling         SamplingParameters::toJson() (the stage table's keys, seed included) + "order"
//   generation       { "max_new_tokens", "stop_sequences": [..], "stop_at_eos" }
//   beam             { "num_beams", "length_penalty", "early_stopping", "max_new_tokens", "num_return_sequences" }
//   view             a view name of view_names.h ("tensor", "attention", "sampling", ...)
//   zoom             the interface zoom (1 = 100 %)
//   interventions    the intervention list in the core's text form (core/exec/intervention.h), in order:
//                    ["blk.1.head.2", "blk.1.head.2:mean", "blk.0.mlp", "blk.1.attn", "blk.1.head.2:8->4"]; each
//                    entry's syntax is checked here, its layer / head / positions against the model when restored
//
// Reading is bounded: the file is at most kMaxSessionBytes, every number is range-checked, and any problem is
// one core::Error naming the file and the field.
#include "core/decoding/beam_search.h"
#include "core/decoding/generation_session.h"
#include "core/sampling/sampling_parameters.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace ui {

struct SessionState {
    static constexpr int kVersion = 1;
    static constexpr std::uint64_t kMaxSessionBytes = 4ull << 20;

    QString modelPath;
    QString modelFingerprint;
    QString prompt;
    QVector<int> tokens;
    int promptTokens = 0;
    bool prefill = true; // the cursor's pass: the prompt's prefill, or the decode pass of the last token
    int cursor = -1;
    int selectedToken = -1;
    int headLayer = 0;
    int head = 0;
    core::SamplingParameters sampling;
    QString order = QStringLiteral("hf");
    core::GenerationOptions generation;
    core::BeamSearchParameters beam;
    QString view = QStringLiteral("tensor");
    double zoom = 1.0;
    QStringList interventions; // specs, e.g. "blk.1.head.2:mean"

    std::string toJsonText() const;
    // Throws core::Error(fileName, field, ...) for anything malformed, out of range or of another version.
    static SessionState fromJsonText(const std::string& text, const std::string& fileName);

    void save(const QString& path) const; // throws core::Error when the file cannot be written
    static SessionState load(const QString& path); // readRegularFile (bounded) + fromJsonText
};

// A short hash of a model folder's files (names, sizes and their first and last MiB), so a session notices a model
// that was replaced or retrained without reading gigabytes. "" when the folder cannot be read.
QString modelFingerprint(const QString& modelPath);

} // namespace ui

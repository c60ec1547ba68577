#pragma once
// A small seeded random model folder for UI tests (config.json, model.safetensors, byte-level tokenizer.json).
#include "core/model/random_model.h"

#include <QString>
#include <QTemporaryDir>

namespace testing {

inline QString makeRandomModel(const QTemporaryDir& dir, const QString& name = QStringLiteral("model"), const char* arch = "gpt2", int layers = 2, int heads = 4)
{
    core::RandomModelSpec spec;
    spec.arch = arch;
    spec.dim = 32;
    spec.layers = layers;
    spec.heads = heads;
    spec.vocab = 256;
    spec.context = 64;
    const QString folder = dir.filePath(name);
    core::writeRandomModel(spec, folder.toStdString());
    return folder;
}

} // namespace testing

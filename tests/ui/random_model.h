#pragma once
// A small seeded random model folder for UI tests (config.json, model.safetensors, byte-level tokenizer.json).
#include "core/model/random_model.h"

#include <QString>
#include <QTemporaryDir>

namespace testing {

inline QString makeRandomModel(const QTemporaryDir& dir, const QString& name = QStringLiteral("model"),
    const char* arch = "gpt2", int layers = 2, int heads = 4)
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

// A random model big enough (dim 256, 6 layers, 8 heads) that long runs take a noticeable time: for cancel and
// responsiveness tests.
inline QString makeSlowRandomModel(const QTemporaryDir& dir, const QString& name, int context)
{
    core::RandomModelSpec spec;
    spec.arch = "gpt2";
    spec.dim = 256;
    spec.layers = 6;
    spec.heads = 8;
    spec.vocab = 256;
    spec.context = context;
    const QString folder = dir.filePath(name);
    core::writeRandomModel(spec, folder.toStdString());
    return folder;
}

} // namespace testing

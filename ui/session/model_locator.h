#pragma once
// Finds the shipped sample models: next to an installed executable (../share/inference-explorer/sample_models),
// in the source tree the program was built from, or below the current directory.
#include <QString>
#include <QStringList>

namespace ui {

class ModelLocator {
public:
    static QString sampleModelsDir(); // empty when none is found
    static QStringList sampleModels(); // absolute folders holding a config.json
    static QStringList sampleGgufFiles(); // the shipped GGUF files (sample_models/gguf/*.gguf)
    static QString defaultModel(); // sample_models/tiny-gpt2, or empty
    static QStringList searchedPlaces(); // for the "not found" message
    // What a file or folder the user picked (dialog, drop) opens: a GGUF or llama2.c *.bin file itself, a folder
    // itself, any other file its folder (config.json, model.safetensors, ... stand for their model folder).
    static QString modelPathFor(const QString& chosen);
};

} // namespace ui

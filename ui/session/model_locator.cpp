#include "ui/session/model_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ui {

QStringList ModelLocator::searchedPlaces()
{
    QStringList places;
    const QString env = qEnvironmentVariable("IE_SAMPLE_MODELS");
    if (!env.isEmpty())
        places << env;
    const QString app = QCoreApplication::applicationDirPath();
    if (!app.isEmpty()) {
        places << QDir(app).filePath(QStringLiteral("../share/inference-explorer/sample_models"));
        // Build trees: build/app/gui/inference-explorer → source/sample_models
        QDir d(app);
        for (int up = 0; up < 5; ++up) {
            places << d.filePath(QStringLiteral("sample_models"));
            if (!d.cdUp())
                break;
        }
    }
#ifdef IE_SOURCE_DIR
    places << QStringLiteral(IE_SOURCE_DIR "/sample_models");
#endif
    places << QDir::current().filePath(QStringLiteral("sample_models"));
    for (QString& p : places)
        p = QDir::cleanPath(QDir(p).absolutePath());
    places.removeDuplicates();
    return places;
}

QString ModelLocator::modelPathFor(const QString& chosen)
{
    const QFileInfo f(chosen);
    if (f.isDir() || f.suffix().compare(QLatin1String("gguf"), Qt::CaseInsensitive) == 0
        || (f.suffix() == QLatin1String("bin")
            && !QFileInfo::exists(f.absolutePath() + QStringLiteral("/config.json"))))
        return f.absoluteFilePath();
    return f.absolutePath();
}

QString ModelLocator::sampleModelsDir()
{
    for (const QString& p : searchedPlaces())
        if (QFileInfo::exists(p + QStringLiteral("/tiny-gpt2/config.json")))
            return p;
    for (const QString& p : searchedPlaces())
        if (QFileInfo(p).isDir() && !QDir(p).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty())
            return p;
    return {};
}

QStringList ModelLocator::sampleModels()
{
    QStringList models;
    const QString dir = sampleModelsDir();
    if (dir.isEmpty())
        return models;
    for (const QString& name : QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = QDir(dir).filePath(name);
        if (QFileInfo::exists(folder + QStringLiteral("/config.json")))
            models << folder;
    }
    return models;
}

QStringList ModelLocator::sampleGgufFiles()
{
    const QString dir = sampleModelsDir();
    QStringList files;
    if (dir.isEmpty())
        return files;
    const QDir gguf(QDir(dir).filePath(QStringLiteral("gguf")));
    for (const QString& name : gguf.entryList({ QStringLiteral("*.gguf") }, QDir::Files, QDir::Name))
        files << gguf.filePath(name);
    return files;
}

QString ModelLocator::defaultModel()
{
    const QString dir = sampleModelsDir();
    const QString tiny = dir + QStringLiteral("/tiny-gpt2");
    if (!dir.isEmpty() && QFileInfo::exists(tiny + QStringLiteral("/config.json")))
        return tiny;
    return {};
}

} // namespace ui

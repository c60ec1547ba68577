#include "ui/lessons/lesson_library.h"

#include <QDir>
#include <QStandardPaths>

namespace ui {

QString LessonLibrary::userFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lessons");
}

static QStringList jsonFiles(const QString& folder)
{
    QStringList files;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files | QDir::Readable, QDir::Name))
        files << dir.filePath(name);
    return files;
}

QStringList LessonLibrary::builtIn() { return jsonFiles(QStringLiteral(":/lessons")); }

QStringList LessonLibrary::user() { return jsonFiles(userFolder()); }

} // namespace ui

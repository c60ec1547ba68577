#pragma once
// Where lessons are found: the built-in ones (resources/lessons/, embedded as :/lessons/) and the user's folder,
// where teachers drop their own lesson files (same format, resources/lessons/README.md).
#include <QString>
#include <QStringList>

namespace ui {

struct LessonLibrary {
    static QString userFolder(); // <app data>/lessons (created on demand by Help ▸ Lessons ▸ Open lessons folder)
    static QStringList builtIn(); // ":/lessons/01-….json", sorted by name (the chapter order)
    static QStringList user(); // *.json in userFolder(), sorted by name
};

} // namespace ui

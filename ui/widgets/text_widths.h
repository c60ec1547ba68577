#pragma once
// Widths of many short texts, each distinct text measured once. A long prompt's labels repeat (a 4096-token
// context has a few hundred distinct pieces), and shaping text is what made the UI thread stall when a view laid
// out every token of it on each paint or step.
#include <QFontMetrics>
#include <QHash>
#include <QString>
#include <QStringList>

namespace ui {

class TextWidths {
public:
    // `measure(fm, text)` is what one text takes; the cache is for one font: clear() when it changes.
    template <class Measure> int of(const QString& text, const QFontMetrics& fm, Measure measure)
    {
        auto it = m_widths.constFind(text);
        if (it == m_widths.constEnd())
            it = m_widths.insert(text, measure(fm, text));
        return *it;
    }
    int advance(const QString& text, const QFontMetrics& fm)
    {
        return of(text, fm, [](const QFontMetrics& m, const QString& t) { return m.horizontalAdvance(t); });
    }
    void clear() { m_widths.clear(); }

private:
    QHash<QString, int> m_widths;
};

// The widest of `texts` by horizontal advance, each distinct text measured once (no cache kept).
int widestText(const QStringList& texts, const QFontMetrics& fm);

} // namespace ui

#pragma once
// Export of what a view shows, for slides and scripts: the view's own paint code drawn into a PNG (at 1×, 2× or 4×
// the screen size, for projectors and print) or into an SVG through QSvgGenerator (vector shapes and real <text>
// elements), and the numbers behind it as CSV. One place decides a file's kind from its extension, so the menu,
// the context menu and `inference-explorer --export VIEW --out FILE` write the same thing.
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QWidget;

namespace ui {

// A table as text: what a CSV file holds (the header first).
struct CsvTable {
    QStringList header;
    QList<QStringList> rows;
    bool isEmpty() const { return header.isEmpty() && rows.isEmpty(); }
};

namespace ViewExport {

    enum class Kind { Png, Svg, Csv, Json }; // Json: the window's whole state (state_export.h), not one view
    inline constexpr double kScales[] = { 1.0, 2.0, 4.0 }; // the PNG scales the menus offer
    inline constexpr double kMaxScale = 4.0;

    // The kind a file name asks for (".png", ".svg", ".csv", ".json", any case); false for another extension.
    bool kindOf(const QString& file, Kind* kind);

    // `widget` and its children painted at `scale` × their size (text and shapes drawn at that resolution, not
    // upscaled pixels). Empty for a widget of no size or a scale outside [1, kMaxScale].
    QImage renderImage(QWidget* widget, double scale = 1.0);
    // The same paint code through QSvgGenerator: an SVG document of the widget's size titled `title`.
    QByteArray renderSvg(QWidget* widget, const QString& title);

    // Every row and column of `model` (its DisplayRole text; the horizontal header as the first row; line breaks
    // in headers become spaces). Hidden columns of a view are the caller's choice, not the model's.
    CsvTable tableFromModel(const QAbstractItemModel* model);
    // RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, lines end in CRLF.
    QString toCsv(const CsvTable& table);
    // The reverse of toCsv (also reads LF line ends); for tests and for reading a table back.
    QList<QStringList> parseCsv(const QString& text);

    // Writes `file` by its extension: PNG at `scale`, SVG, or `table` as CSV (UTF-8). On failure returns false
    // and says why in `error` (the file named).
    bool write(const QString& file, QWidget* widget, const CsvTable& table, double scale, const QString& title,
        QString* error);

    // Writes `bytes` to `file` atomically; false with the reason (the file named) in `error`.
    bool writeBytes(const QString& file, const QByteArray& bytes, QString* error);

    // Puts the widget's picture (at the screen's resolution) on the clipboard.
    void copyImage(QWidget* widget);

} // namespace ViewExport

} // namespace ui

#pragma once
// The window's export surface: File ▸ Export (the view in front as PNG 1×/2×/4×, SVG, its table as CSV, Copy image)
// and a right-click menu on every view with the same entries. What a view exports — its widget and its table —
// is decided here once (exportTarget), so the menus and `inference-explorer --export` write the same files.
#include "ui/widgets/view_export.h"
#include "ui/widgets/view_names.h"

#include <QObject>

#include <functional>

class QMenu;
class QWidget;

namespace ui {

class MainWindow;

struct ExportTarget {
    QWidget* widget = nullptr; // drawn into PNG / SVG
    CsvTable table; // the numbers behind it (empty: the view has no table)
    QString title; // the SVG's title: the view's name
};

// What `view` of `window` exports, as it is now (call after showView so tabs and modes are in place).
ExportTarget exportTarget(MainWindow* window, View view);
// Shows `view` and writes `file` (.png at `scale`, .svg, .csv; .json: the whole state); false with the reason in
// `error`.
bool exportView(MainWindow* window, View view, const QString& file, double scale, QString* error);

class ExportMenu : public QObject {
    Q_OBJECT
public:
    // Adds "Export" to `fileMenu` and the right-click menu to every view of `window`.
    ExportMenu(MainWindow* window, QMenu* fileMenu);

    QMenu* menu() const { return m_menu; }
    // The right-click menu for `view` (also what the tests open).
    QMenu* contextMenu(View view, QWidget* parent);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fillMenu(QMenu* menu, std::function<View()> which);
    void saveAs(View view, ViewExport::Kind kind, double scale);

    MainWindow* m_window;
    QMenu* m_menu;
};

} // namespace ui

#include "ui/widgets/export_menu.h"

#include "ui/decoding/beam_hypothesis_model.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interventions/before_after_view.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/interventions/patching_heatmap.h"
#include "ui/interventions/patching_view.h"
#include "ui/quantization/quantization_view.h"
#include "ui/quantization/quantization_workbench.h"
#include "ui/quantization/rank_change_model.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/beam_panel.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/metrics_view.h"
#include "ui/widgets/sampling_lab.h"
#include "ui/widgets/state_export.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"

#include <QAbstractItemModel>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>

namespace ui {

namespace {

    // The columns a table view shows (the sampling lab hides stages that are off).
    CsvTable visibleTable(const QTableView* view)
    {
        const CsvTable all = ViewExport::tableFromModel(view->model());
        CsvTable shown;
        for (int c = 0; c < all.header.size(); ++c)
            if (!view->isColumnHidden(c))
                shown.header << all.header[c];
        for (const QStringList& row : all.rows) {
            QStringList cells;
            for (int c = 0; c < row.size(); ++c)
                if (!view->isColumnHidden(c))
                    cells << row[c];
            shown.rows << cells;
        }
        return shown;
    }

    // rows × cols values with a label column: the tensor heatmap and an attention head's matrix.
    CsvTable matrixTable(const QString& corner, const QStringList& columns, const QStringList& rowLabels, int rows,
        int cols, const QVector<float>& values)
    {
        CsvTable t;
        if (rows <= 0 || cols <= 0 || values.size() < qsizetype(rows) * cols)
            return t;
        t.header << corner << columns;
        for (int r = 0; r < rows; ++r) {
            QStringList row { r < rowLabels.size() ? rowLabels[r] : QString::number(r) };
            for (int c = 0; c < cols; ++c)
                row << QString::number(values[qsizetype(r) * cols + c], 'g', 7);
            t.rows << row;
        }
        return t;
    }

    QStringList numbered(int n)
    {
        QStringList s;
        for (int i = 0; i < n; ++i)
            s << QString::number(i);
        return s;
    }

    CsvTable seriesTable(const QList<QLineSeries*>& series)
    {
        CsvTable t;
        t.header << QStringLiteral("series") << QStringLiteral("x") << QStringLiteral("y");
        for (const QLineSeries* s : series)
            for (const QPointF& p : s->points())
                t.rows << QStringList { s->name(), QString::number(p.x(), 'g', 9), QString::number(p.y(), 'g', 9) };
        return t.rows.isEmpty() ? CsvTable {} : t;
    }

} // namespace

ExportTarget exportTarget(MainWindow* window, View view)
{
    ExportTarget target;
    target.widget = window->viewWidget(view);
    target.title = QStringLiteral("Inference Explorer — %1").arg(viewName(view));
    switch (view) {
    case View::Tensor: {
        const TensorHeatmap* h = window->tensorPanel()->heatmap();
        target.table = matrixTable(
            QStringLiteral("row"), numbered(h->cols()), h->rowLabels(), h->rows(), h->cols(), h->values());
        break;
    }
    case View::Attention:
    case View::Lines:
        if (const AttentionMatrix* m = window->attentionPanel()->view()->selectedMatrix()) {
            const QStringList& tokens = window->attentionPanel()->view()->tokens();
            QStringList keys, queries;
            for (int c = 0; c < m->cols; ++c)
                keys << tokens.value(c, QString::number(c));
            for (int r = 0; r < m->rows; ++r)
                queries << tokens.value(m->posBegin + r, QString::number(m->posBegin + r));
            target.table = matrixTable(QStringLiteral("layer %1 head %2: query \\ key").arg(m->layer).arg(m->head),
                keys, queries, m->rows, m->cols, m->values);
        }
        break;
    case View::Sampling:
        target.table = visibleTable(window->decoding()->samplingLab()->table());
        break;
    case View::Beam:
        target.table = ViewExport::tableFromModel(window->decoding()->beamPanel()->hypothesisModel());
        break;
    case View::Metrics: {
        const MetricsView* m = window->decoding()->metricsView();
        target.table = seriesTable({ m->timeSeries(), m->kvSeries(), m->naiveSeries() });
        break;
    }
    case View::Lens:
    case View::Attribution:
    case View::Heads:
        target.table = window->interp()->table(view);
        break;
    case View::Interventions:
        target.table = visibleTable(window->interventions()->beforeAfterView()->table());
        break;
    case View::Patching: { // the residual grid (layers x positions), then the heads grid below it
        const PatchingHeatmap* r = window->interventions()->patchingView()->residualMap();
        const PatchingHeatmap* h = window->interventions()->patchingView()->headMap();
        auto floats = [](const QVector<double>& v) { return QVector<float>(v.begin(), v.end()); };
        target.table = matrixTable(QStringLiteral("residual: layer \\ position"), r->colLabels(), r->rowLabels(),
            r->rows(), r->cols(), floats(r->values()));
        const CsvTable heads = matrixTable(QStringLiteral("heads: layer \\ head"), h->colLabels(), h->rowLabels(),
            h->rows(), h->cols(), floats(h->values()));
        if (!heads.header.isEmpty())
            target.table.rows << heads.header << heads.rows;
        break;
    }
    case View::Quantization: // the rank table, once a comparison ran
        if (window->quantization()->view()->rankModel()->rowCount() > 0)
            target.table = ViewExport::tableFromModel(window->quantization()->view()->rankModel());
        break;
    case View::Model:
    case View::Ops:
        if (auto* table = qobject_cast<QTableView*>(target.widget))
            target.table = visibleTable(table);
        break;
    default:
        break;
    }
    return target;
}

bool exportView(MainWindow* window, View view, const QString& file, double scale, QString* error)
{
    if (!window->showView(view)) {
        *error = QObject::tr("%1: the view %2 cannot be shown").arg(file, viewName(view));
        return false;
    }
    ViewExport::Kind kind;
    if (ViewExport::kindOf(file, &kind) && kind == ViewExport::Kind::Json)
        return ViewExport::writeBytes(file, stateJson(window), error);
    const ExportTarget target = exportTarget(window, view);
    if (!target.widget) {
        *error = QObject::tr("%1: the view %2 has nothing to export").arg(file, viewName(view));
        return false;
    }
    return ViewExport::write(file, target.widget, target.table, scale, target.title, error);
}

ExportMenu::ExportMenu(MainWindow* window, QMenu* fileMenu)
    : QObject(window)
    , m_window(window)
    , m_menu(fileMenu->addMenu(tr("&Export view")))
{
    fillMenu(m_menu, [window] { return window->currentView(); });
    for (const ViewEntry& e : viewTable())
        if (QWidget* w = window->viewWidget(e.view))
            w->installEventFilter(this);
}

void ExportMenu::fillMenu(QMenu* menu, std::function<View()> which)
{
    for (double scale : ViewExport::kScales)
        menu->addAction(tr("PNG image at %1×…").arg(scale), this,
            [this, which, scale] { saveAs(which(), ViewExport::Kind::Png, scale); });
    menu->addAction(tr("SVG (vector) image…"), this, [this, which] { saveAs(which(), ViewExport::Kind::Svg, 1); });
    QAction* csv
        = menu->addAction(tr("Table as CSV…"), this, [this, which] { saveAs(which(), ViewExport::Kind::Csv, 1); });
    menu->addAction(tr("Whole state as JSON…"), this, [this, which] { saveAs(which(), ViewExport::Kind::Json, 1); });
    menu->addSeparator();
    QAction* copy = menu->addAction(
        tr("&Copy image"), this, [this, which] { ViewExport::copyImage(exportTarget(m_window, which()).widget); });
    if (menu == m_menu) {
        copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        copy->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(copy);
    }
    // Only views with numbers behind them offer CSV.
    connect(menu, &QMenu::aboutToShow, csv,
        [this, which, csv] { csv->setEnabled(!exportTarget(m_window, which()).table.isEmpty()); });
}

QMenu* ExportMenu::contextMenu(View view, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    fillMenu(menu, [view] { return view; });
    return menu;
}

bool ExportMenu::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ContextMenu)
        return false;
    // The view this widget shows (the attention panel in its current mode).
    std::optional<View> view;
    for (const ViewEntry& e : viewTable())
        if (m_window->viewWidget(e.view) == watched && !view)
            view = e.view;
    if (!view)
        return false;
    if (*view == View::Attention)
        view = m_window->attentionPanel()->view()->mode() == AttentionView::Mode::Lines ? View::Lines : View::Attention;
    QMenu* menu = contextMenu(*view, qobject_cast<QWidget*>(watched));
    menu->popup(static_cast<QContextMenuEvent*>(event)->globalPos());
    return true;
}

void ExportMenu::saveAs(View view, ViewExport::Kind kind, double scale)
{
    const QString base = QDir::home().filePath(QStringLiteral("inference-explorer-%1").arg(viewName(view)));
    QString filter, suffix;
    switch (kind) {
    case ViewExport::Kind::Png:
        filter = tr("PNG image (*.png)");
        suffix = scale > 1 ? QStringLiteral("@%1x.png").arg(scale) : QStringLiteral(".png");
        break;
    case ViewExport::Kind::Svg:
        filter = tr("SVG image (*.svg)");
        suffix = QStringLiteral(".svg");
        break;
    case ViewExport::Kind::Csv:
        filter = tr("CSV table (*.csv)");
        suffix = QStringLiteral(".csv");
        break;
    case ViewExport::Kind::Json:
        filter = tr("JSON (*.json)");
        suffix = QStringLiteral("-state.json");
        break;
    }
    const QString file
        = QFileDialog::getSaveFileName(m_window, tr("Export %1").arg(viewName(view)), base + suffix, filter);
    if (file.isEmpty())
        return;
    QString error;
    if (!exportView(m_window, view, file, scale, &error))
        QMessageBox::warning(m_window, tr("Export"), error);
}

} // namespace ui

#include "ui/quantization/quantization_view.h"

#include "ui/quantization/quantization_controller.h"
#include "ui/quantization/quantization_worker.h"
#include "ui/quantization/rank_change_model.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ui {

QuantizationView::QuantizationView(QuantizationController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("quantizationView"));
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_choose
        = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Compare with another file…"), this);
    m_choose->setToolTip(
        tr("Open another file of the same model (e.g. its Q4_K_M GGUF) and run the prompt through both"));
    m_again = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Compare again"), this);
    m_again->setToolTip(tr("The same file again, on the prompt as it is now"));
    m_again->setEnabled(false);
    m_status = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setMaximumWidth(200);
    m_bar->hide();
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_BrowserStop), tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the comparison (Esc)"));
    m_cancel->hide();
    row->addWidget(m_choose);
    row->addWidget(m_again);
    row->addWidget(m_status, 1);
    row->addWidget(m_bar);
    row->addWidget(m_cancel);
    layout->addLayout(row);

    m_files = new QLabel(this);
    m_files->setWordWrap(true);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_files);

    auto* chart = new QChart;
    chart->setTitle(tr("Residual stream: error after each layer"));
    m_bars = new QBarSet(tr("relative error (%)"));
    m_bars->setColor(QColor(0x08, 0x51, 0x9c));
    auto* series = new QBarSeries;
    series->append(m_bars);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    m_layers = new QBarCategoryAxis;
    m_layers->setTitleText(tr("layer"));
    m_errorAxis = new QValueAxis;
    m_errorAxis->setTitleText(tr("relative error (%)"));
    m_errorAxis->setRange(0, 1);
    chart->addAxis(m_layers, Qt::AlignBottom);
    chart->addAxis(m_errorAxis, Qt::AlignLeft);
    series->attachAxis(m_layers);
    series->attachAxis(m_errorAxis);
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart = new QChartView(chart, this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumWidth(300);
    m_chart->setToolTip(tr("‖x_compared − x_reference‖ / ‖x_reference‖ of the residual stream x after each layer, "
                           "over all positions of the prompt"));

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(right);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_model = new RankChangeModel(this);
    m_table = new QTableView(right);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_table, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_choose, &QPushButton::clicked, this, &QuantizationView::chooseFileRequested);
    connect(m_again, &QPushButton::clicked, this, &QuantizationView::againRequested);
    connect(m_cancel, &QPushButton::clicked, m_controller, &QuantizationController::cancel);
    connect(m_controller, &QuantizationController::started, this, [this](const QString& path) {
        m_status->setText(tr("Comparing with %1…").arg(QFileInfo(path).fileName()));
        m_again->setEnabled(true);
        setRunning(true);
    });
    connect(m_controller, &QuantizationController::progress, this, [this](int stage, int percent) {
        m_bar->setValue(percent);
        m_bar->setFormat(stage == int(QuantizationWorker::Stage::Opening) ? tr("opening %p%") : tr("running %p%"));
    });
    connect(m_controller, &QuantizationController::compared, this, &QuantizationView::showComparison);
    connect(m_controller, &QuantizationController::failed, this,
        [this](const QString& message) { m_status->setText(tr("Comparison failed: %1").arg(message)); });
    connect(m_controller, &QuantizationController::busyChanged, this, [this](bool busy) {
        setRunning(busy);
        if (!busy && m_status->text().endsWith(QStringLiteral("…")))
            m_status->setText(tr("Cancelled: the table shows the previous comparison, if any."));
    });
    showComparison(QuantizationSnapshot {});
}

void QuantizationView::setRunning(bool running)
{
    m_bar->setVisible(running);
    m_cancel->setVisible(running);
    if (running)
        m_bar->setValue(0);
}

void QuantizationView::showComparison(const QuantizationSnapshot& s)
{
    m_model->setRows(s.rows);
    m_bars->remove(0, m_bars->count());
    QStringList layers;
    double top = 0;
    for (int l = 0; l < s.layerRelativeError.size(); ++l) {
        const double percent = 100.0 * s.layerRelativeError[l];
        m_bars->append(percent);
        layers << QString::number(l);
        top = std::max(top, percent);
    }
    m_layers->clear();
    m_layers->append(layers);
    m_errorAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    if (!s.isValid()) {
        m_files->setText(tr("Open a model, type a prompt, then compare it with another file of the same model — "
                            "e.g. the F32 folder against its Q4_K_M GGUF (File ▸ Compare with another file…). Both "
                            "run the prompt; the chart shows how far the residual stream drifts layer by layer, the "
                            "table which of the top 10 next tokens changed places."));
        m_summary->clear();
        if (!m_controller->isBusy())
            m_status->clear();
        return;
    }
    const QLocale locale;
    m_files->setText(tr("<b>Reference</b>: %1 — %2<br><b>Compared</b>: %3 — %4")
                         .arg(QFileInfo(s.referencePath).fileName().toHtmlEscaped(), s.referenceStorage.toHtmlEscaped(),
                             QFileInfo(s.otherPath).fileName().toHtmlEscaped(), s.otherStorage.toHtmlEscaped()));
    m_status->setText(tr("Prompt of %n token(s), the same ids in both.", nullptr, int(s.prompt.size())));
    m_summary->setText(
        tr("<b>KL divergence</b> of the next-token distributions: <b>%1</b> nats<br>"
           "Largest change of a logit: %2 % of the largest logit<br>"
           "%3 of the %4 tokens below changed places")
            .arg(locale.toString(s.klDivergence, 'g', 4), locale.toString(100.0 * s.logitsRelativeError, 'f', 3))
            .arg(m_model->movedCount())
            .arg(s.rows.size()));
}

QString QuantizationView::summaryText() const { return m_summary->text(); }

QString QuantizationView::statusText() const { return m_status->text(); }

} // namespace ui

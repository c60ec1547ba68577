#include "ui/widgets/metrics_view.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/widgets/run_status.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace ui {

namespace {
    QChartView* makeChart(const QString& title, QValueAxis*& x, QValueAxis*& y, const QString& yTitle,
        QList<QLineSeries*> series, QWidget* parent)
    {
        auto* chart = new QChart;
        chart->setTitle(title);
        x = new QValueAxis;
        x->setTitleText(QObject::tr("context length (tokens)"));
        x->setLabelFormat(QStringLiteral("%d"));
        y = new QValueAxis;
        y->setTitleText(yTitle);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (auto* s : series) {
            chart->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
        }
        chart->legend()->setAlignment(Qt::AlignTop);
        chart->setMargins(QMargins(2, 2, 2, 2));
        auto* view = new QChartView(chart, parent);
        view->setRenderHint(QPainter::Antialiasing);
        return view;
    }
}

MetricsView::MetricsView(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_measure = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Measure to the context limit"), this);
    m_measure->setToolTip(
        tr("Generate greedily from the prompt until the context is full (EOS ignored), timing every token"));
    row->addWidget(m_measure);
    m_status = new RunStatus(controller, this);
    m_status->setResult(tr("Time and memory against context length, for the loaded model."));
    row->addWidget(m_status, 1);
    layout->addLayout(row);

    m_time = new QLineSeries(this);
    m_time->setName(tr("time per generated token"));
    m_time->setColor(QColor(0x00, 0x89, 0x7b));
    m_kv = new QLineSeries(this);
    m_kv->setName(tr("KV cache (linear)"));
    m_kv->setColor(QColor(0x08, 0x51, 0x9c));
    m_naive = new QLineSeries(this);
    m_naive->setName(tr("attention matrices (ctx²)"));
    m_naive->setColor(QColor(0xc0, 0x39, 0x2b));
    m_flash = new QLineSeries(this);
    m_flash->setName(tr("FlashAttention (tiles + row max/sum)"));
    m_flash->setColor(QColor(0xe6, 0x9f, 0x00));
    auto* charts = new QHBoxLayout;
    charts->addWidget(makeChart(tr("Time per token"), m_timeX, m_timeY, tr("ms"), { m_time }, this));
    charts->addWidget(makeChart(tr("Memory"), m_memX, m_memY, tr("KiB"), { m_kv, m_naive, m_flash }, this));
    layout->addLayout(charts, 1);

    connect(m_measure, &QPushButton::clicked, this, &MetricsView::measure);
    connect(controller, &DecodingController::contextMeasured, this, &MetricsView::onCurve);
    connect(
        controller, &DecodingController::busyChanged, m_measure, [this](bool busy) { m_measure->setEnabled(!busy); });
}

void MetricsView::measure()
{
    m_status->start(tr("Generating to the context limit"));
    m_controller->measureContext();
}

void MetricsView::onCurve(const ContextCurve& c)
{
    QList<QPointF> time, kv, naive, flash;
    double maxTime = 0, maxMem = 0;
    for (int i = 0; i < c.context.size(); ++i) {
        time << QPointF(c.context[i], c.seconds[i] * 1000.0);
        kv << QPointF(c.context[i], c.kvBytes[i] / 1024.0);
        naive << QPointF(c.context[i], c.naiveAttentionBytes[i] / 1024.0);
        if (i < c.flashAttentionBytes.size())
            flash << QPointF(c.context[i], c.flashAttentionBytes[i] / 1024.0);
        maxTime = std::max(maxTime, c.seconds[i] * 1000.0);
        maxMem = std::max({ maxMem, c.kvBytes[i] / 1024.0, c.naiveAttentionBytes[i] / 1024.0 });
    }
    m_time->replace(time);
    m_kv->replace(kv);
    m_naive->replace(naive);
    m_flash->replace(flash);
    const int first = c.context.isEmpty() ? 0 : c.context.front();
    for (auto* x : { m_timeX, m_memX })
        x->setRange(first, std::max(first + 1, c.limit));
    // A busy machine gives the odd slow token; scale to the typical ones (a spike runs off the top).
    QVector<double> sorted = c.seconds;
    std::sort(sorted.begin(), sorted.end());
    const double p95
        = sorted.isEmpty() ? 0 : sorted[std::min<qsizetype>(sorted.size() - 1, sorted.size() * 95 / 100)] * 1000.0;
    m_timeY->setRange(0, std::max(0.01, std::min(maxTime * 1.1, p95 * 2.0)));
    m_memY->setRange(0, std::max(1.0, maxMem * 1.05));
    const QLocale loc;
    if (!c.context.isEmpty())
        m_status->setResult(
            tr("%1 tokens generated up to the context limit of %2 · at the limit: KV cache %3, attention matrices %4, "
               "FlashAttention %5")
                .arg(c.context.size())
                .arg(c.limit)
                .arg(loc.formattedDataSize(qint64(c.kvBytes.back())),
                    loc.formattedDataSize(qint64(c.naiveAttentionBytes.back())),
                    loc.formattedDataSize(qint64(c.flashAttentionBytes.isEmpty() ? 0 : c.flashAttentionBytes.back()))));
}

} // namespace ui

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
#include <QLogValueAxis>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace ui {

namespace {
    // A chart of `series` over the x axis given and a value axis y (made here), legend on top.
    QChartView* makeChart(const QString& title, QAbstractAxis* x, QValueAxis*& y, const QString& yTitle,
        QList<QLineSeries*> series, QWidget* parent)
    {
        auto* chart = new QChart;
        chart->setTitle(title);
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

    QValueAxis* contextAxis()
    {
        auto* x = new QValueAxis;
        x->setTitleText(QObject::tr("context length (tokens)"));
        x->setLabelFormat(QStringLiteral("%d"));
        return x;
    }

    // Batch sizes 1 .. 32 on a log2 axis, so every doubling gets the same room.
    QLogValueAxis* batchAxis()
    {
        auto* x = new QLogValueAxis;
        x->setBase(2);
        x->setRange(1, 32);
        x->setMinorTickCount(0);
        x->setLabelFormat(QStringLiteral("%d"));
        x->setTitleText(QObject::tr("sequences decoded together (batch size)"));
        return x;
    }
}

MetricsView::MetricsView(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    // Two pages, so each pair of charts gets the height its axes need at 1280x720.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_pages = new QTabWidget(this);
    outer->addWidget(m_pages);
    auto* contextPage = new QWidget(m_pages);
    auto* layout = new QVBoxLayout(contextPage);
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
    m_timeX = contextAxis();
    m_memX = contextAxis();
    charts->addWidget(makeChart(tr("Time per token"), m_timeX, m_timeY, tr("ms"), { m_time }, this));
    charts->addWidget(makeChart(tr("Memory"), m_memX, m_memY, tr("KiB"), { m_kv, m_naive, m_flash }, this));
    layout->addLayout(charts, 1);
    m_pages->addTab(contextPage, tr("Against context length"));

    auto* batchPage = new QWidget(m_pages);
    layout = new QVBoxLayout(batchPage);

    auto* batchRow = new QHBoxLayout;
    m_measureBatches
        = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Measure batch throughput"), this);
    m_measureBatches->setToolTip(tr("Decode 1, 2, 4, 8, 16 and 32 sequences as one batch (each with its own KV "
                                    "cache, from the prompt's last tokens), timing every step"));
    batchRow->addWidget(m_measureBatches);
    m_batchStatus = new RunStatus(controller, this);
    m_batchStatus->setResult(tr("Throughput against batch size, for the loaded model."));
    batchRow->addWidget(m_batchStatus, 1);
    layout->addLayout(batchRow);
    auto* why = new QLabel(
        tr("Why a batch is nearly free: decoding is memory-bound. Every step streams all the weights from memory "
           "once, whether it computes one sequence or many, so N sequences (each with its own KV cache) share that "
           "one pass: the time per step barely grows while the tokens per second grow almost N-fold, until the "
           "arithmetic or the N KV caches start to count. That is throughput: how many requests are answered at "
           "once. The dashed lines are the bandwidth limit: the bytes a step reads (every weight once, plus each "
           "sequence's KV cache) over the memory bandwidth measured in the same run."),
        this);
    why->setWordWrap(true);
    layout->addWidget(why);

    m_stepTime = new QLineSeries(this);
    m_stepTime->setName(tr("measured time per step"));
    m_stepTime->setColor(QColor(0x00, 0x89, 0x7b));
    m_stepLimit = new QLineSeries(this);
    m_stepLimit->setName(tr("bandwidth limit"));
    m_stepLimit->setColor(QColor(0x75, 0x75, 0x75));
    m_tokens = new QLineSeries(this);
    m_tokens->setName(tr("measured tokens/s"));
    m_tokens->setColor(QColor(0x08, 0x51, 0x9c));
    m_tokensLimit = new QLineSeries(this);
    m_tokensLimit->setName(tr("bandwidth limit"));
    m_tokensLimit->setColor(QColor(0x75, 0x75, 0x75));
    for (auto* limit : { m_stepLimit, m_tokensLimit }) {
        QPen pen = limit->pen();
        pen.setStyle(Qt::DashLine);
        limit->setPen(pen);
    }
    auto* batchCharts = new QHBoxLayout;
    batchCharts->addWidget(
        makeChart(tr("Time per decode step"), batchAxis(), m_stepY, tr("ms"), { m_stepTime, m_stepLimit }, this));
    batchCharts->addWidget(makeChart(tr("Throughput, all sequences together"), batchAxis(), m_tokensY, tr("tokens/s"),
        { m_tokens, m_tokensLimit }, this));
    for (auto* s : { m_stepTime, m_stepLimit, m_tokens, m_tokensLimit })
        s->setPointsVisible(true);
    layout->addLayout(batchCharts, 1);
    m_pages->addTab(batchPage, tr("Against batch size (throughput)"));

    connect(m_measure, &QPushButton::clicked, this, &MetricsView::measure);
    connect(controller, &DecodingController::contextMeasured, this, &MetricsView::onCurve);
    connect(m_measureBatches, &QPushButton::clicked, this, &MetricsView::measureBatches);
    connect(controller, &DecodingController::batchesMeasured, this, &MetricsView::onBatches);
    connect(controller, &DecodingController::busyChanged, this, [this](bool busy) {
        m_measure->setEnabled(!busy);
        m_measureBatches->setEnabled(!busy);
    });
}

void MetricsView::measureBatches()
{
    m_pages->setCurrentIndex(1);
    m_batchStatus->start(tr("Decoding batches of 1 to 32 sequences"));
    m_controller->measureBatches();
}

void MetricsView::onBatches(const BatchCurve& c)
{
    QList<QPointF> time, timeLimit, tokens, tokensLimit;
    double maxTime = 0, maxTokens = 0;
    for (int i = 0; i < c.sequences.size(); ++i) {
        const double n = c.sequences[i];
        const double limitMs = c.bandwidth > 0 ? 1e3 * c.bytesPerStep[i] / c.bandwidth : 0;
        time << QPointF(n, c.msPerStep[i]);
        timeLimit << QPointF(n, limitMs);
        tokens << QPointF(n, c.tokensPerS[i]);
        tokensLimit << QPointF(n, c.limitTokensPerS[i]);
        maxTime = std::max({ maxTime, c.msPerStep[i], limitMs });
        maxTokens = std::max({ maxTokens, c.tokensPerS[i], c.limitTokensPerS[i] });
    }
    m_stepTime->replace(time);
    m_stepLimit->replace(timeLimit);
    m_tokens->replace(tokens);
    m_tokensLimit->replace(tokensLimit);
    m_stepY->setRange(0, std::max(0.001, maxTime * 1.1));
    m_tokensY->setRange(0, std::max(1.0, maxTokens * 1.1));
    // Round ticks (0, 25000, 50000 ... rather than 25086, 50172 ...): a projected chart is read at a glance.
    m_stepY->applyNiceNumbers();
    m_tokensY->applyNiceNumbers();
    // Plain numbers on the axes (no 5.48e+04): as many decimals as the range needs.
    m_stepY->setLabelFormat(maxTime >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    m_tokensY->setLabelFormat(maxTokens >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    if (c.sequences.isEmpty())
        return;
    const QLocale loc;
    const int last = int(c.sequences.size()) - 1;
    m_batchStatus->setResult(
        tr("%1 sequences: %2 ms per step, %3 tokens/s in all (%4× one sequence, which takes %5 ms per step) · "
           "bandwidth %6 GB/s measured · each sequence caches %7 prompt tokens + %8 steps")
            .arg(c.sequences[last])
            .arg(loc.toString(c.msPerStep[last], 'f', 2), loc.toString(c.tokensPerS[last], 'f', 0),
                loc.toString(c.tokensPerS[last] / std::max(1e-12, c.tokensPerS[0]), 'f', 1),
                loc.toString(c.msPerStep[0], 'f', 2), loc.toString(c.bandwidth / 1e9, 'f', 1))
            .arg(c.promptTokens)
            .arg(c.steps));
}

void MetricsView::measure()
{
    m_pages->setCurrentIndex(0);
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

#include "ui/widgets/decoding_generation_view.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/session/probability_text.h"
#include "ui/widgets/color_map.h"
#include "ui/widgets/decoding_transport.h"
#include "ui/widgets/kv_cache_view.h"
#include "ui/widgets/token_html.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

namespace ui {

namespace {
    constexpr int kPromptChips = 256; // the last prompt tokens shown before the generated ones
    QString ms(double seconds) { return QStringLiteral("%1 ms").arg(seconds * 1000.0, 0, 'f', seconds < 0.01 ? 2 : 1); }
}

DecodingGenerationView::DecodingGenerationView(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    m_transport = new DecodingTransport(controller, this);
    m_transport->stopLabel()->hide(); // the banner below says it in full
    layout->addWidget(m_transport);
    m_stop = new QLabel(this);
    m_stop->setTextFormat(Qt::RichText);
    m_stop->setWordWrap(true);
    QFont big = m_stop->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_stop->setFont(big);
    layout->addWidget(m_stop);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(split);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    m_text = new QTextBrowser(left);
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("step"))
            emit decodeStepRequested(url.path().toInt());
    });
    QFont tf = m_text->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    m_text->setFont(tf);
    lv->addWidget(m_text, 2);
    m_phases = new QLabel(left);
    m_phases->setTextFormat(Qt::RichText);
    m_phases->setWordWrap(true);
    lv->addWidget(m_phases);

    m_chart = new QChart;
    m_chart->setTitle(tr("Time per forward pass (ms): prefill vs each decode step"));
    m_prefillSet = new QBarSet(tr("prefill"));
    m_prefillSet->setColor(QColor(0x6a, 0x1b, 0x9a));
    m_decodeSet = new QBarSet(tr("decode step"));
    m_decodeSet->setColor(QColor(0x00, 0x89, 0x7b));
    m_series = new QStackedBarSeries;
    m_series->append(m_prefillSet);
    m_series->append(m_decodeSet);
    m_series->setBarWidth(0.8);
    m_chart->addSeries(m_series);
    m_axisX = new QBarCategoryAxis;
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("ms"));
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chartView = new QChartView(m_chart, left);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(200);
    lv->addWidget(m_chartView, 2);

    auto* right = new QWidget(split);
    auto* rv = new QVBoxLayout(right);
    rv->setContentsMargins(0, 0, 0, 0);
    m_cache = new KvCacheView(right);
    rv->addWidget(m_cache, 3);
    m_metrics = new QLabel(right);
    m_metrics->setTextFormat(Qt::RichText);
    m_metrics->setWordWrap(true);
    m_metrics->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    rv->addWidget(m_metrics, 1);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(controller, &DecodingController::generationChanged, this, &DecodingGenerationView::onGeneration);
}

void DecodingGenerationView::onGeneration(const GenerationSnapshot& g)
{
    m_stopReason = g.finished ? g.stopReason : QString();
    // The text: prompt chips, generated tokens coloured by their probability.
    const std::set<int> penalised(g.penalisedPositions.begin(), g.penalisedPositions.end());
    QString html = QStringLiteral("<div style='line-height:160%'>");
    auto chip = [&](const GeneratedPiece& t, int position, double probability, const QString& title) {
        return tokenChipHtml(t.text, t.special, probability, title,
            penalised.count(position) ? QStringLiteral("text-decoration:underline;") : QString());
    };
    // A long prompt's chips would be laid out again on every update of a generation (thousands of them, about
    // 90 ms for 4096 on the UI thread, competing with the decode for a core): its end is what the answer continues;
    // the token strip above holds all of it.
    const int promptShown = std::min(int(g.prompt.size()), kPromptChips);
    if (promptShown < g.prompt.size())
        html += tr("<span style='color:gray'>… %n earlier prompt token(s), in the token strip …</span> ", nullptr,
            int(g.prompt.size()) - promptShown);
    int pos = int(g.prompt.size()) - promptShown;
    for (auto it = g.prompt.end() - promptShown; it != g.prompt.end(); ++it) {
        const auto& t = *it;
        html += chip(t, pos, -1, tr("prompt token %1 (id %2), read by the prefill").arg(pos).arg(t.id));
        ++pos;
    }
    html += QStringLiteral("<span style='color:#6a1b9a'> │ </span>");
    // Characters of the raw text covered so far, to strike a matched stop sequence.
    int chars = 0;
    for (int i = 0; i < g.generated.size(); ++i) {
        const auto& t = g.generated[i];
        QString c = chip(t, pos, t.probability,
            tr("generated token %1 (id %2): p = %3, %4 — click to step through its decode pass")
                .arg(i + 1)
                .arg(t.id)
                .arg(probabilityText(t.probability), ms(t.seconds)));
        c = QStringLiteral("<a href='step:%1' style='text-decoration:none;color:inherit'>%2</a>").arg(i).arg(c);
        const int len = int(t.text.size());
        if (g.stopBegin >= 0 && chars + len > g.stopBegin)
            c = QStringLiteral(
                "<span style='border:2px solid #c0392b;background:#f4c7c3;text-decoration:line-through'>%1</span>")
                    .arg(c);
        chars += len;
        html += c;
        ++pos;
    }
    html += QStringLiteral("</div><p>%1</p>").arg(probabilityLegendHtml());
    if (g.finished && g.stop == core::StopReason::StopSequence)
        html += tr("<p>Stop sequence <b style='background:#f4c7c3'>%1</b> found in the text: the answer ends before "
                   "it: <i>%2</i></p>")
                    .arg(visiblePiece(g.stopSequence).toHtmlEscaped(), g.text.toHtmlEscaped());
    m_text->setHtml(html);

    if (g.finished && g.stop == core::StopReason::Cancelled) // a partial answer must say it is one
        m_stop->setText(tr("<b style='color:#c0392b'>■ Cancelled</b> after %1 token(s) of at most %2: this is only the "
                           "answer so far.")
                            .arg(g.generated.size())
                            .arg(g.maxNewTokens));
    else if (g.finished)
        m_stop->setText(tr("<b style='color:#c0392b'>■ Why did it stop?</b> %1").arg(g.stopDetail.toHtmlEscaped()));
    else
        m_stop->setText(
            tr("<b>Generating:</b> %1 token(s) so far, at most %2 · click <i>Step token</i> (F11) or <i>Generate</i>")
                .arg(g.generated.size())
                .arg(g.maxNewTokens));

    const auto& m = g.metrics;
    const QLocale loc;
    m_phases->setText(tr(
        "<span style='color:#6a1b9a'><b>Prefill</b></span>: %1 prompt tokens in one pass, %2 (%3 tokens/s) · "
        "<span style='color:#00897b'><b>Decode</b></span>: %4 token(s), one pass each, mean %5 per token (%6 tokens/s)")
                          .arg(m.promptTokens)
                          .arg(ms(m.prefillSeconds))
                          .arg(m.prefillTokensPerSecond(), 0, 'f', 0)
                          .arg(m.generatedTokens)
                          .arg(m.decodeSeconds.empty() ? QStringLiteral("–") : ms(m.tpotMean()))
                          .arg(m.decodeSeconds.empty() ? QStringLiteral("–")
                                                       : QString::number(m.decodeTokensPerSecond(), 'f', 0)));
    m_metrics->setText(
        tr("<table cellspacing=2>"
           "<tr><td><b>TTFT</b></td><td>%1</td><td>time to the first token (prefill + first draw)</td></tr>"
           "<tr><td><b>TPOT</b></td><td>%2</td><td>mean time per further token</td></tr>"
           "<tr><td><b>weights</b></td><td>%3</td><td></td></tr>"
           "<tr><td><b>KV cache</b></td><td>%4</td><td>%5 per token</td></tr>"
           "<tr><td><b>attention</b></td><td>%6</td><td>if every score matrix were kept (grows with ctx²); held: "
           "%7</td></tr>"
           "<tr><td><b>forward passes</b></td><td>%8</td><td></td></tr>"
           "<tr><td><b>process peak</b></td><td>%9</td><td>the most memory (RSS) the whole program has held since it "
           "started — every model and run so far, not this generation alone</td></tr></table>")
            .arg(m.generatedTokens > 0 ? ms(m.firstTokenSeconds) : QStringLiteral("–"))
            .arg(m.decodeSeconds.empty() ? QStringLiteral("–") : ms(m.tpotMean()))
            .arg(loc.formattedDataSize(qint64(m.weightBytes)))
            .arg(loc.formattedDataSize(qint64(m.kvBytesUsed)))
            .arg(loc.formattedDataSize(qint64(m.kvBytesPerToken)))
            .arg(loc.formattedDataSize(qint64(m.naiveAttentionBytes)))
            .arg(loc.formattedDataSize(qint64(m.heldAttentionBytes)))
            .arg(g.forwardPasses)
            .arg(loc.formattedDataSize(qint64(m.peakRssBytes))));
    m_cache->setSnapshot(g.cache, int(g.prompt.size()));
    updateTimeChart(g);
}

void DecodingGenerationView::updateTimeChart(const GenerationSnapshot& g)
{
    const auto& m = g.metrics;
    QStringList categories { tr("prefill") };
    QList<qreal> prefill { m.prefillSeconds * 1000.0 };
    QList<qreal> decode { 0.0 };
    // Decode step i (1-based) runs the forward pass of generated token i; the first token needed only the prefill.
    for (std::size_t i = 0; i < m.decodeSeconds.size(); ++i) {
        categories << QString::number(i + 1);
        prefill << 0.0;
        decode << m.decodeSeconds[i] * 1000.0;
    }
    double top = 0;
    for (qreal v : prefill)
        top = std::max(top, double(v));
    for (qreal v : decode)
        top = std::max(top, double(v));
    m_prefillSet->remove(0, m_prefillSet->count());
    m_decodeSet->remove(0, m_decodeSet->count());
    m_axisX->clear();
    m_axisX->append(categories);
    m_prefillSet->append(prefill);
    m_decodeSet->append(decode);
    m_axisY->setRange(0, std::max(0.01, top * 1.1));
    m_axisX->setLabelsVisible(categories.size() <= 16); // past that the step numbers overlap
    m_axisX->setTitleText(
        categories.size() <= 16 ? QString() : tr("prefill, then decode steps 1 … %1").arg(categories.size() - 1));
}

} // namespace ui

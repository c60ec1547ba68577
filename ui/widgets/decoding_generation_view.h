#pragma once
// The generation view: the transport, the text so far (prompt tokens as the prefill saw them, generated tokens
// coloured by the probability they were drawn with, tokens inside the penalty window underlined, a matched stop
// sequence struck in red), why it stopped, prefill against decode (time per token as a chart and in words),
// the run's metrics (TTFT, TPOT, tokens/s, memory) and the KV cache growing.
#include <QWidget>

class QBarSet;
class QAbstractBarSeries;
class QBarCategoryAxis;
class QValueAxis;
class QChart;
class QChartView;
class QLabel;
class QTextBrowser;

namespace ui {

class DecodingController;
class DecodingTransport;
class KvCacheView;
struct GenerationSnapshot;

class DecodingGenerationView : public QWidget {
    Q_OBJECT
public:
    explicit DecodingGenerationView(DecodingController* controller, QWidget* parent = nullptr);

    DecodingTransport* transport() const { return m_transport; }
    KvCacheView* cacheView() const { return m_cache; }
    QLabel* stopBanner() const { return m_stop; }
    QLabel* metricsLabel() const { return m_metrics; }
    QTextBrowser* textView() const { return m_text; }
    QString stopReasonShown() const { return m_stopReason; } // the core name of the reason on screen ("eos", ...)

signals:
    // A generated token was clicked: look inside its decode pass (0 = the first generated token).
    void decodeStepRequested(int generatedIndex);

private:
    void onGeneration(const GenerationSnapshot& g);
    void updateTimeChart(const GenerationSnapshot& g);

    DecodingController* m_controller;
    DecodingTransport* m_transport = nullptr;
    QTextBrowser* m_text = nullptr;
    QLabel* m_stop = nullptr;
    QLabel* m_phases = nullptr;
    QLabel* m_metrics = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QAbstractBarSeries* m_series = nullptr;
    QBarSet* m_prefillSet = nullptr;
    QBarSet* m_decodeSet = nullptr;
    QBarCategoryAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    KvCacheView* m_cache = nullptr;
    QString m_stopReason;
};

} // namespace ui

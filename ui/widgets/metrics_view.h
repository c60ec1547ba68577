#pragma once
// Cost against context length for the loaded model, measured on request by generating greedily from the prompt to
// the context limit: time per token (it grows with the context, each new query attends over every cached key),
// and memory — the KV cache (linear in the context) against the attention score matrices a naive implementation
// would keep (quadratic), and FlashAttention's tiles and running row statistics (one tile per thread, linear).
// Below, throughput against batch size, measured on request (core::measureBatchThroughput on the engine thread):
// time per decode step and tokens per second of all sequences together for 1 .. 32 sequences, each beside the
// bandwidth limit, with why a batch costs little more than one sequence.
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QPushButton;
class QTabWidget;
class QValueAxis;

namespace ui {

class DecodingController;
class RunStatus;
struct BatchCurve;
struct ContextCurve;

class MetricsView : public QWidget {
    Q_OBJECT
public:
    explicit MetricsView(DecodingController* controller, QWidget* parent = nullptr);
    QPushButton* measureButton() const { return m_measure; }
    RunStatus* status() const { return m_status; }
    QLineSeries* timeSeries() const { return m_time; }
    QLineSeries* kvSeries() const { return m_kv; }
    QLineSeries* naiveSeries() const { return m_naive; }
    QLineSeries* flashSeries() const { return m_flash; }
    void measure();

    QTabWidget* pages() const { return m_pages; } // 0: against context length, 1: against batch size
    QPushButton* batchButton() const { return m_measureBatches; }
    RunStatus* batchStatus() const { return m_batchStatus; }
    QLineSeries* stepTimeSeries() const { return m_stepTime; } // x: sequences, y: ms per step
    QLineSeries* stepLimitSeries() const { return m_stepLimit; } // ms per step the bandwidth allows
    QLineSeries* tokensSeries() const { return m_tokens; } // x: sequences, y: tokens/s of all together
    QLineSeries* tokensLimitSeries() const { return m_tokensLimit; }
    void measureBatches();

private:
    void onCurve(const ContextCurve& c);
    void onBatches(const BatchCurve& c);

    DecodingController* m_controller;
    QTabWidget* m_pages = nullptr;
    QPushButton* m_measure = nullptr;
    RunStatus* m_status = nullptr;
    QLineSeries* m_time = nullptr;
    QLineSeries* m_kv = nullptr;
    QLineSeries* m_naive = nullptr;
    QLineSeries* m_flash = nullptr;
    QValueAxis* m_timeX = nullptr;
    QValueAxis* m_timeY = nullptr;
    QValueAxis* m_memX = nullptr;
    QValueAxis* m_memY = nullptr;
    QPushButton* m_measureBatches = nullptr;
    RunStatus* m_batchStatus = nullptr;
    QLineSeries* m_stepTime = nullptr;
    QLineSeries* m_stepLimit = nullptr;
    QLineSeries* m_tokens = nullptr;
    QLineSeries* m_tokensLimit = nullptr;
    QValueAxis* m_stepY = nullptr;
    QValueAxis* m_tokensY = nullptr;
};

} // namespace ui

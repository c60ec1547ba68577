#pragma once
// Cost against context length for the loaded model, measured on request by generating greedily from the prompt to
// the context limit: time per token (it grows with the context, each new query attends over every cached key),
// and memory — the KV cache (linear in the context) against the attention score matrices a naive implementation
// would keep (quadratic), and FlashAttention's tiles and running row statistics (one tile per thread, linear).
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace ui {

class DecodingController;
class RunStatus;
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

private:
    void onCurve(const ContextCurve& c);

    DecodingController* m_controller;
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
};

} // namespace ui

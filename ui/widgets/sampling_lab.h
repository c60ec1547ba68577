#pragma once
// The sampling lab: live controls for every sampling parameter on the left; on the right the probability table
// (one column per pipeline stage, in pipeline order) and a bar chart of the same candidates before and after the
// pipeline. Moving a control re-runs the sampler on the current logits at once (no forward pass); the table and
// chart follow while the slider is dragged. Seed, max new tokens, stop sequences and stop-at-EOS restart the run.
#include "core/decoding/generation_session.h"
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_descriptor.h"

#include <QHash>
#include <QWidget>

class QBarSet;
class QBarCategoryAxis;
class QValueAxis;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QTableView;

namespace ui {

class DecodingController;
class DecodingTransport;
class ProbabilityTableModel;
struct SamplingSnapshot;
struct ModelDefaults;

class SamplingLab : public QWidget {
    Q_OBJECT
public:
    explicit SamplingLab(DecodingController* controller, QWidget* parent = nullptr);

    ProbabilityTableModel* tableModel() const { return m_model; }
    QTableView* table() const { return m_table; }
    QChartView* chartView() const { return m_chartView; }
    QBarSet* finalBars() const { return m_finalSet; }
    DecodingTransport* transport() const { return m_transport; }
    QSlider* temperatureSlider() const { return m_temperature; }
    QSlider* topKSlider() const { return m_topK; }
    QSlider* topPSlider() const { return m_topP; }
    QSpinBox* seedBox() const { return m_seed; }
    QLabel* defaultsNote() const { return m_defaultsNote; }
    QComboBox* orderBox() const { return m_order; }
    core::SamplingParameters parameters() const;
    // "temperature=0.8,top_k=6,top_p=0.9" (also min_p, typical_p, repetition, presence, frequency, seed): moves
    // the controls (for screenshots and demos). False if a key is unknown.
    bool applySettings(const QString& spec);
    // Every control at once (a saved session). False, with `why`, for a value no control can show exactly (off the
    // slider's grid or range, more than one biased token, a stop sequence holding '|'): nothing is approximated.
    bool setParameters(const core::SamplingParameters& parameters, const QString& order, QString* why);
    bool setGenerationOptions(const core::GenerationOptions& options, QString* why);
    core::GenerationOptions generationOptions() const; // as the controls show them

protected:
    void resizeEvent(QResizeEvent*) override;
    void showEvent(QShowEvent*) override;

private:
    // The chart gives way to the table when both do not fit side by side (a large UI zoom, a narrow window):
    // every column of the table stays readable; the chart comes back when there is room.
    void fitChart();
    QWidget* buildControls();
    // A slider made from the parameter's descriptor (core/sampling/stage_descriptor.h).
    QSlider* addSlider(QFormLayout* form, core::SamplingParameter id);
    void sendSampling();
    void sendOptions();
    void onSampled(const SamplingSnapshot& s);
    void applyModelDefaults(const ModelDefaults& defaults);
    void updateChart(const SamplingSnapshot& s);
    void updateHiddenColumns();

    DecodingController* m_controller;
    DecodingTransport* m_transport = nullptr;
    ProbabilityTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QBarSet* m_inputSet = nullptr;
    QBarSet* m_finalSet = nullptr;
    QBarCategoryAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_defaultsNote = nullptr;

    QHash<core::SamplingParameter, QSlider*> m_sliders; // every slider, by the parameter it sets
    QSlider* m_temperature = nullptr;
    QSlider* m_topK = nullptr;
    QSlider* m_topP = nullptr;
    QSlider* m_minP = nullptr;
    QSlider* m_typicalP = nullptr;
    QSlider* m_repetition = nullptr;
    QSlider* m_presence = nullptr;
    QSlider* m_frequency = nullptr;
    QSpinBox* m_window = nullptr;
    QLabel* m_biasToken = nullptr;
    QSlider* m_bias = nullptr;
    int m_biasId = -1;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_order = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_maxNew = nullptr;
    QLineEdit* m_stops = nullptr;
    QCheckBox* m_stopAtEos = nullptr;
    QCheckBox* m_hideOff = nullptr;
    bool m_building = true;
};

} // namespace ui

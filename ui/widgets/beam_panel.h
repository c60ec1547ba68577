#pragma once
// Beam search: width, length penalty, max new tokens, number of returned sequences and early stopping; start, step
// (the tree grows one step at a time) or run to the end; the tree, and the finished hypotheses ranked by score.
#include "core/decoding/beam_search.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTableView;

namespace ui {

class BeamHypothesisModel;
class BeamTreeView;
class DecodingController;
struct BeamSnapshot;

class BeamPanel : public QWidget {
    Q_OBJECT
public:
    explicit BeamPanel(DecodingController* controller, QWidget* parent = nullptr);

    BeamTreeView* treeView() const { return m_tree; }
    BeamHypothesisModel* hypothesisModel() const { return m_model; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stepButton() const { return m_step; }
    QPushButton* runButton() const { return m_run; }
    QSpinBox* beamsBox() const { return m_beams; }
    QSpinBox* maxNewBox() const { return m_maxNew; }
    void startSearch();
    core::BeamSearchParameters parameters() const; // as the controls show them (without the model's EOS ids)
    bool setParameters(const core::BeamSearchParameters& parameters, QString* why); // false: a box cannot show it

private:
    void onBeam(const BeamSnapshot& b);
    // The focus node with the prompt node when both fit the viewport; else the prompt node (rootFirst) or the focus.
    void scrollToShow(int focus, bool rootFirst);

    DecodingController* m_controller;
    QSpinBox* m_beams = nullptr;
    QDoubleSpinBox* m_lengthPenalty = nullptr;
    QSpinBox* m_maxNew = nullptr;
    QSpinBox* m_returns = nullptr;
    QComboBox* m_early = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_step = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_summary = nullptr;
    BeamTreeView* m_tree = nullptr;
    QScrollArea* m_scroll = nullptr;
    BeamHypothesisModel* m_model = nullptr;
    QTableView* m_table = nullptr;
};

} // namespace ui

#include "ui/widgets/beam_panel.h"

#include "ui/decoding/beam_hypothesis_model.h"
#include "ui/decoding/decoding_controller.h"
#include "ui/interventions/intervention_list_editor.h"
#include "ui/widgets/beam_tree_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

BeamPanel::BeamPanel(DecodingController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto spin = [&](const QString& label, int min, int max, int value, const QString& tip) {
        auto* l = new QLabel(label, this);
        auto* s = new QSpinBox(this);
        s->setRange(min, max);
        s->setValue(value);
        s->setToolTip(tip);
        l->setToolTip(tip);
        row->addWidget(l);
        row->addWidget(s);
        return s;
    };
    m_beams = spin(tr("beams"), 1, 8, 3, tr("how many sequences are followed in parallel"));
    auto* lpl = new QLabel(tr("length penalty"), this);
    m_lengthPenalty = new QDoubleSpinBox(this);
    m_lengthPenalty->setRange(-3, 3);
    m_lengthPenalty->setSingleStep(0.1);
    m_lengthPenalty->setValue(1.0);
    m_lengthPenalty->setToolTip(tr("score = Σ log p / length^α; α > 0 favours longer answers"));
    row->addWidget(lpl);
    row->addWidget(m_lengthPenalty);
    m_maxNew = spin(tr("max new tokens"), 1, 64, 8, tr("the longest hypothesis"));
    m_returns = spin(tr("return"), 1, 8, 3, tr("how many finished hypotheses are returned"));
    row->addWidget(new QLabel(tr("early stopping"), this));
    m_early = new QComboBox(this);
    m_early->addItems({ QStringLiteral("false"), QStringLiteral("true"), QStringLiteral("never") });
    m_early->setToolTip(
        tr("Hugging Face early_stopping: false = heuristic, true = stop with B finished, never = exhaustive bound"));
    row->addWidget(m_early);
    auto button = [&](const QString& text, QStyle::StandardPixmap icon, const QString& tip) {
        auto* b = new QPushButton(style()->standardIcon(icon), text, this);
        b->setToolTip(tip);
        row->addWidget(b);
        return b;
    };
    row->addStretch(1);
    layout->addLayout(row);
    row = new QHBoxLayout;
    m_start = button(tr("Start"), QStyle::SP_MediaSkipBackward, tr("prefill the prompt: the tree's root"));
    m_step = button(tr("Step"), QStyle::SP_MediaSeekForward, tr("one step: expand every beam, keep the best"));
    m_run = button(tr("Run to end"), QStyle::SP_MediaPlay, tr("step until the search stops"));
    m_cancel = button(tr("Cancel"), QStyle::SP_MediaStop, tr("stop the running search"));
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    row->addWidget(m_summary, 1);
    layout->addLayout(row);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_scroll = new QScrollArea(split);
    m_tree = new BeamTreeView;
    m_scroll->setWidget(m_tree);
    m_scroll->setWidgetResizable(true); // the tree scales itself to fit, down to a readable size
    m_scroll->setBackgroundRole(QPalette::Base);
    m_model = new BeamHypothesisModel(this);
    m_table = new QTableView(split);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BeamHypothesisModel::Text, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_start, &QPushButton::clicked, this, &BeamPanel::startSearch);
    // Step or Run before Start starts the search with the settings shown (the worker takes the two in order).
    connect(m_step, &QPushButton::clicked, this, [this] {
        if (!m_controller->lastBeam().isValid())
            startSearch();
        m_controller->stepBeam();
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (!m_controller->lastBeam().isValid())
            startSearch();
        m_controller->runBeam();
    });
    connect(m_cancel, &QPushButton::clicked, controller, &DecodingController::cancel);
    connect(controller, &DecodingController::beamChanged, this, &BeamPanel::onBeam);
    connect(m_beams, &QSpinBox::valueChanged, this, [this](int b) { m_returns->setMaximum(b); });
}

void BeamPanel::startSearch() { m_controller->startBeam(parameters()); }

bool BeamPanel::setParameters(const core::BeamSearchParameters& p, QString* why)
{
    const bool fits = p.numBeams >= m_beams->minimum() && p.numBeams <= m_beams->maximum()
        && p.maxNewTokens >= m_maxNew->minimum() && p.maxNewTokens <= m_maxNew->maximum()
        && p.lengthPenalty >= m_lengthPenalty->minimum() && p.lengthPenalty <= m_lengthPenalty->maximum()
        && p.numReturnSequences >= 1 && p.numReturnSequences <= p.numBeams;
    if (!fits) {
        if (why)
            *why = tr("beam settings outside the boxes: %1 beams, %2 new tokens, length penalty %3")
                       .arg(p.numBeams)
                       .arg(p.maxNewTokens)
                       .arg(p.lengthPenalty);
        return false;
    }
    m_beams->setValue(p.numBeams);
    m_lengthPenalty->setValue(p.lengthPenalty);
    m_maxNew->setValue(p.maxNewTokens);
    m_returns->setValue(p.numReturnSequences);
    m_early->setCurrentText(QString::fromLatin1(
        core::earlyStoppingName(p.earlyStopping).data(), qsizetype(core::earlyStoppingName(p.earlyStopping).size())));
    return true;
}

core::BeamSearchParameters BeamPanel::parameters() const
{
    core::BeamSearchParameters p;
    p.numBeams = m_beams->value();
    p.lengthPenalty = float(m_lengthPenalty->value());
    p.maxNewTokens = m_maxNew->value();
    p.numReturnSequences = std::min(m_returns->value(), p.numBeams);
    p.earlyStopping
        = core::earlyStoppingFromName(m_early->currentText().toStdString()).value_or(core::EarlyStopping::Heuristic);
    return p;
}

void BeamPanel::onBeam(const BeamSnapshot& b)
{
    m_tree->setSnapshot(b);
    m_model->setSnapshot(b);
    if (!b.isValid()) {
        m_summary->setText(tr("Start (or Run to end) grows the tree for this prompt."));
        return;
    }
    std::size_t kept = 0, pruned = 0;
    for (const auto& n : b.nodes) {
        kept += n.state == core::BeamNodeState::Running;
        pruned += n.state == core::BeamNodeState::Pruned;
    }
    m_summary->setText(tr("<b>%1 beams</b> · step %2 · %3 nodes (<span style='color:#2e7d32'>%4 kept</span>, "
                          "<span style='color:#9e9e9e'>%5 pruned</span>, <span style='color:#ff8f00'>%6 "
                          "finished</span>) · %7 forward passes in %8 passes over the weights · %9%10")
                           .arg(b.numBeams)
                           .arg(b.steps)
                           .arg(b.nodes.size())
                           .arg(kept)
                           .arg(pruned)
                           .arg(b.hypotheses.size())
                           .arg(b.forwardPasses)
                           .arg(b.weightPasses)
                           .arg(b.finished ? tr("<b>stopped: %1</b>").arg(b.stopReason) : tr("running"))
                           .arg(b.interventions.empty()
                                   ? QString()
                                   : tr("<br><b style='color:#c0392b'>intervened:</b> %1 (every beam)")
                                         .arg(InterventionListEditor::describe(b.interventions).toHtmlEscaped())));
    // Follow the search while it runs (the first live beam); once it has ended, the tree from its prompt node, with
    // the best hypothesis when both fit (the table below lists the hypotheses either way).
    const int focus = !b.finished && !b.live.isEmpty() ? b.live.front()
        : b.finished && !b.hypotheses.isEmpty()        ? b.hypotheses.front().node
                                                       : m_tree->rootNode();
    const bool rootFirst = b.finished;
    QTimer::singleShot(0, this, [this, focus, rootFirst] { scrollToShow(focus, rootFirst); });
}

void BeamPanel::scrollToShow(int focus, bool rootFirst)
{
    const QRect root = m_tree->nodeRect(m_tree->rootNode());
    const QRect both = m_tree->nodeRect(focus).united(root);
    const QSize view = m_scroll->viewport()->size();
    const bool fits = both.width() <= view.width() && both.height() <= view.height();
    if (rootFirst) {
        // The prompt node is at the top left of the layout: start there (whatever the tree's size settles to), then
        // move only as far as the focus needs, which keeps the prompt node in view when both fit.
        m_scroll->horizontalScrollBar()->setValue(0);
        m_scroll->verticalScrollBar()->setValue(0);
        if (fits)
            m_scroll->ensureVisible(both.right(), both.bottom(), 8, 8);
        return;
    }
    const QRect r = fits ? both : m_tree->nodeRect(focus);
    m_scroll->ensureVisible(r.center().x(), r.center().y(), std::max(8, (view.width() - r.width()) / 2),
        std::max(8, (view.height() - r.height()) / 2));
}

} // namespace ui

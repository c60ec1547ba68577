#include "ui/widgets/tensor_panel.h"

#include "ui/quantization/quant_block_panel.h"
#include "ui/session/probability_text.h"
#include "ui/widgets/tensor_heatmap.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace ui {

TensorPanel::TensorPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_heatmap = new TensorHeatmap(this);
    m_hover = new QLabel(this);
    m_hover->setText(tr("Wheel: zoom · drag: pan · double-click: fit · click a row: select that token"));
    m_hover->setForegroundRole(QPalette::PlaceholderText);
    m_predictions = new QLabel(this);
    m_predictions->setTextFormat(Qt::RichText);
    m_predictions->setWordWrap(true);
    m_predictions->hide();
    m_blocks = new QuantBlockPanel(this);
    auto* split = new QSplitter(Qt::Vertical, this); // the op's output above, its weight's blocks below
    split->addWidget(m_heatmap);
    split->addWidget(m_blocks);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(m_header);
    auto* beforeRow = new QHBoxLayout;
    m_before = new QLabel(this);
    m_before->setWordWrap(true);
    m_showBefore = new QCheckBox(tr("Show the tensor &before this op"), this);
    m_showBefore->setObjectName(QStringLiteral("showBefore"));
    beforeRow->addWidget(m_before, 1);
    beforeRow->addWidget(m_showBefore);
    layout->addLayout(beforeRow);
    m_before->hide();
    m_showBefore->hide();
    connect(m_showBefore, &QCheckBox::toggled, this, [this] { showTensor(); });
    layout->addWidget(split, 1);
    layout->addWidget(m_predictions);
    layout->addWidget(m_hover);
    connect(m_heatmap, &TensorHeatmap::cellHovered, this, [this](int r, int c, float v) {
        if (r < 0) {
            m_hover->setText(tr("Wheel: zoom · drag: pan · double-click: fit · click a row: select that token"));
            return;
        }
        const QString row = r < m_rowLabels.size() ? m_rowLabels[r] : QString::number(r);
        m_hover->setText(tr("row %1 (%2) · column %3 · value %4").arg(r).arg(row).arg(c).arg(double(v), 0, 'g', 7));
    });
    connect(m_heatmap, &TensorHeatmap::rowClicked, this, [this](int r) {
        if (m_rowsArePositions)
            emit positionClicked(m_posBegin + r);
    });
}

void TensorPanel::setStep(const StepSnapshot& step, const QStringList& tokens)
{
    if (!step.isValid()) {
        m_header->setText(tr(
            "<b>Nothing has run yet.</b> Press <b>F10</b> to run the first op, <b>F5</b> to run the whole prefill."));
        m_heatmap->clear();
        m_predictions->hide();
        m_before->hide();
        m_showBefore->hide();
        m_blocks->setWeight({});
        return;
    }
    m_step = step;
    m_posBegin = step.posBegin;
    m_rowsArePositions = step.rows == step.positions;
    m_rowLabels.clear();
    for (int r = 0; r < step.rows; ++r) {
        const int pos = m_rowsArePositions ? step.posBegin + r : step.posBegin + step.positions - step.rows + r;
        m_rowLabels << (pos < tokens.size() ? tokens[pos] : QString::number(pos));
    }
    m_header->setText(tr(
        "<b>%1</b> &nbsp;<code>%2</code><br>shape <b>%3 × %4</b> %5 &nbsp;·&nbsp; min %6 · max %7 · mean %8 · std %9")
                          .arg(step.label.toHtmlEscaped(), step.name.toHtmlEscaped())
                          .arg(step.rows)
                          .arg(step.cols)
                          .arg(step.shape.toHtmlEscaped())
                          .arg(double(step.stats.min), 0, 'g', 4)
                          .arg(double(step.stats.max), 0, 'g', 4)
                          .arg(double(step.stats.mean), 0, 'g', 4)
                          .arg(double(step.stats.std), 0, 'g', 4));
    m_heatmap->setProbabilityScale(step.opKind == core::OpKind::Softmax || step.opKind == core::OpKind::OutputSoftmax);
    const bool before = !step.before.isEmpty();
    m_before->setVisible(before);
    m_showBefore->setVisible(before);
    m_before->setText(beforeText());
    showTensor();
    // A tensor with more rows than this pass has positions holds earlier positions too (the KV cache): the last
    // `positions` rows are the ones this pass wrote.
    m_heatmap->setNewRows(step.rows - step.positions, step.rows > step.positions ? step.positions : 0);
    QVector<QPair<int, QString>> barLabels;
    for (const Prediction& p : step.predictions)
        barLabels.push_back({ p.id, QStringLiteral("%1  %2").arg(p.text, probabilityText(double(p.probability))) });
    m_heatmap->setBarLabels(barLabels);
    m_blocks->setWeight(step.weight);
    if (!step.predictions.isEmpty()) {
        QString html = tr("<b>Most likely next tokens:</b> ");
        for (const Prediction& p : step.predictions)
            html += QStringLiteral("&nbsp; <code>%1</code> %2")
                        .arg(p.text.toHtmlEscaped(), probabilityText(double(p.probability)));
        m_predictions->setText(html);
        m_predictions->show();
    } else {
        m_predictions->hide();
    }
}

void TensorPanel::setSelectedPosition(int position)
{
    m_heatmap->setSelectedRow(m_rowsArePositions ? position - m_posBegin : -1);
}

QString TensorPanel::headerText() const { return m_header->text(); }

QString TensorPanel::beforeText() const
{
    const StepSnapshot& s = m_step;
    if (s.before.isEmpty())
        return {};
    const QString stats = tr("before: min %1 · max %2 · mean %3 · std %4")
                              .arg(double(s.beforeStats.min), 0, 'g', 4)
                              .arg(double(s.beforeStats.max), 0, 'g', 4)
                              .arg(double(s.beforeStats.mean), 0, 'g', 4)
                              .arg(double(s.beforeStats.std), 0, 'g', 4);
    if (s.opKind == core::OpKind::SoftCap)
        return tr("%1  →  after cap · tanh(x / cap) with cap %2: every value inside (−%2, %2), small ones almost "
                  "unchanged")
            .arg(stats)
            .arg(double(s.variant.cap), 0, 'g', 4);
    return tr("%1  →  after: each head's vector divided by its RMS and scaled by the norm's weight (std per head "
              "near the weight's size, whatever it was before)")
        .arg(stats);
}

void TensorPanel::showTensor()
{
    const bool before = m_showBefore->isChecked() && !m_step.before.isEmpty();
    if (before)
        m_heatmap->setTensor(m_step.rows, m_step.cols, m_step.before, m_rowLabels);
    else
        m_heatmap->setTensor(m_step.rows, m_step.cols, m_step.values, m_rowLabels, m_step.preview);
}

} // namespace ui

#include "ui/widgets/attention_panel.h"

#include "ui/widgets/attention_view.h"
#include "ui/widgets/explanation_panel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

AttentionPanel::AttentionPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* bar = new QHBoxLayout;
    auto* matrix = new QRadioButton(tr("&Matrix"), this);
    auto* lines = new QRadioButton(tr("L&ines"), this);
    matrix->setChecked(true);
    m_modes = new QButtonGroup(this);
    m_modes->addButton(matrix, 0);
    m_modes->addButton(lines, 1);
    bar->addWidget(new QLabel(tr("Show the selected head as:"), this));
    bar->addWidget(matrix);
    bar->addWidget(lines);
    m_flash = new QPushButton(tr("FlashAttention tiles"), this);
    m_flash->setCheckable(true);
    m_flash->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_flash->setToolTip(tr("Compute the enlarged head tile by tile with the online softmax (Ctrl+Shift+F)"));
    bar->addWidget(m_flash);
    bar->addStretch();
    auto* hint
        = new QLabel(tr("Click a small matrix to enlarge it; click a row (or a token) to follow one query."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setMinimumWidth(0);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(hint, 1);
    layout->addLayout(bar);
    m_view = new AttentionView(this);
    layout->addWidget(m_view, 1);

    // FlashAttention: previous / next tile, the state of the selected query row, the explanation.
    m_flashBox = new QWidget(this);
    auto* flashLayout = new QHBoxLayout(m_flashBox);
    flashLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QVBoxLayout;
    m_prev = new QPushButton(tr("Previous tile"), m_flashBox);
    m_next = new QPushButton(tr("Next tile"), m_flashBox);
    m_prev->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    m_prev->setToolTip(tr("Previous tile (Ctrl+[)"));
    m_next->setToolTip(tr("Next tile (Ctrl+])"));
    buttons->addWidget(m_prev);
    buttons->addWidget(m_next);
    buttons->addStretch();
    flashLayout->addLayout(buttons);
    m_state = new QLabel(m_flashBox);
    m_state->setTextFormat(Qt::RichText);
    m_state->setWordWrap(true);
    m_state->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_state->setMinimumWidth(320);
    flashLayout->addWidget(m_state, 1);
    m_explanation = new QTextBrowser(m_flashBox);
    m_explanation->setMinimumWidth(260);
    flashLayout->addWidget(m_explanation, 1);
    m_flashBox->setMaximumHeight(190);
    m_flashBox->hide();
    layout->addWidget(m_flashBox);

    connect(m_modes, &QButtonGroup::idClicked, this,
        [this](int id) { m_view->setMode(id == 1 ? AttentionView::Mode::Lines : AttentionView::Mode::Matrix); });
    connect(m_flash, &QPushButton::toggled, this, [this](bool on) {
        m_flashBox->setVisible(on);
        if (on) {
            setLinesMode(false);
            setExplanationLanguage(m_language);
            requestWalk();
        } else {
            m_walk = FlashWalkInfo {};
            m_step = -1;
            m_view->clearFlashWalk();
        }
    });
    connect(m_prev, &QPushButton::clicked, this, [this] { stepFlash(-1); });
    connect(m_next, &QPushButton::clicked, this, [this] { stepFlash(+1); });
    // Another head or another query block: walk again.
    connect(m_view, &AttentionView::headSelected, this, [this] {
        if (flashMode())
            requestWalk();
    });
    connect(m_view, &AttentionView::queryRowSelected, this, [this](int row) {
        if (flashMode() && (row < m_walk.posBegin + m_walk.queryBegin || row >= m_walk.posBegin + m_walk.queryEnd))
            requestWalk();
        else
            showStep();
    });
}

bool AttentionPanel::flashMode() const { return m_flash->isChecked(); }
void AttentionPanel::setFlashMode(bool on) { m_flash->setChecked(on); }

void AttentionPanel::setLinesMode(bool lines)
{
    m_modes->button(lines ? 1 : 0)->setChecked(true);
    m_view->setMode(lines ? AttentionView::Mode::Lines : AttentionView::Mode::Matrix);
}

int AttentionPanel::shownQueryRow() const
{
    if (m_view->queryRow() >= 0)
        return m_view->queryRow();
    const AttentionMatrix* m = m_view->selectedMatrix();
    return m ? m->posBegin + m->shownRows() - 1 : 0; // the last query: it sees every key
}

void AttentionPanel::requestWalk()
{
    m_state->setText(
        tr("Computing the tiles of layer %1 · head %2…").arg(m_view->selectedLayer()).arg(m_view->selectedHead()));
    emit flashWalkRequested(m_view->selectedLayer(), m_view->selectedHead(), shownQueryRow());
}

void AttentionPanel::setFlashWalk(const FlashWalkInfo& walk)
{
    if (!flashMode())
        return;
    m_walk = walk;
    m_step = walk.isValid() ? 0 : -1;
    showStep();
}

void AttentionPanel::stepFlash(int delta)
{
    if (!m_walk.isValid())
        return;
    m_step = std::clamp(m_step + delta, 0, int(m_walk.steps.size()) - 1);
    showStep();
}

void AttentionPanel::setExplanationLanguage(const QString& code)
{
    m_language = code;
    QString text = ExplanationPanel::loadText(QStringLiteral("flash_attention"), code);
    const AttentionMatrix* m = m_view->selectedMatrix();
    text.replace(QStringLiteral("{rows}"), m ? QString::number(m->shownRows()) : QStringLiteral("T"));
    text.replace(QStringLiteral("{cols}"), m ? QString::number(m->shownCols()) : QStringLiteral("ctx"));
    m_explanation->setMarkdown(text);
}

QString AttentionPanel::flashText() const { return m_state->text(); }

void AttentionPanel::showStep()
{
    m_prev->setEnabled(m_walk.isValid() && m_step > 0);
    m_next->setEnabled(m_walk.isValid() && m_step + 1 < m_walk.steps.size());
    if (!m_walk.isValid()) {
        m_view->clearFlashWalk();
        if (flashMode())
            m_state->setText(tr("Run the prefill past this head's softmax to walk its tiles."));
        return;
    }
    m_view->setFlashWalk(m_walk, m_step);
    const FlashWalkInfo::Step& st = m_walk.steps[m_step];
    // The selected query row when it is in the block, else the block's last row.
    int row = m_view->queryRow() - m_walk.posBegin;
    if (row < m_walk.queryBegin || row >= m_walk.queryEnd)
        row = m_walk.queryEnd - 1;
    const int i = row - m_walk.queryBegin;
    QStringList out;
    const int shown = std::min(m_walk.headDim, 6);
    for (int j = 0; j < shown; ++j)
        out << QString::number(double(st.partialOut[i * m_walk.headDim + j]), 'f', 3);
    if (m_walk.headDim > shown)
        out << QStringLiteral("…");
    m_state->setText(tr("<b>Layer %1 · head %2 · tile %3 of %4</b>: queries %5–%6, keys %7–%8 (tile %9)<br>"
                        "<table cellspacing=4><tr><td>query row</td><td><b>%10</b></td></tr>"
                        "<tr><td>running max m</td><td>%11</td></tr>"
                        "<tr><td>running sum l</td><td>%12</td></tr>"
                        "<tr><td>partial output o / l</td><td>[%13]</td></tr></table>")
                         .arg(m_walk.layer)
                         .arg(m_walk.head)
                         .arg(m_step + 1)
                         .arg(m_walk.steps.size())
                         .arg(m_walk.posBegin + m_walk.queryBegin)
                         .arg(m_walk.posBegin + m_walk.queryEnd - 1)
                         .arg(st.keyBegin)
                         .arg(st.keyEnd - 1)
                         .arg(m_walk.tile)
                         .arg(m_walk.posBegin + row)
                         .arg(double(st.runningMax[i]), 0, 'f', 4)
                         .arg(double(st.runningSum[i]), 0, 'f', 4)
                         .arg(out.join(QStringLiteral(", "))));
}

} // namespace ui

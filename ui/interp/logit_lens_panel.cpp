#include "ui/interp/logit_lens_panel.h"

#include "ui/interp/lens_grid.h"
#include "ui/widgets/view_export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

LogitLensPanel::LogitLensPanel(InterpController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* targetLabel = new QLabel(tr("Target t&oken:"), this);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("optional, e.g. ␣Paris or #123"));
    m_target->setToolTip(tr("One token whose rank and probability each cell also reports; a leading space is part "
                            "of the token (type it, or ␣)"));
    targetLabel->setBuddy(m_target);
    m_colour = new QComboBox(this);
    m_colour->addItems({ tr("Colour: probability of the top token"), tr("Colour: rank of the target token") });
    m_run = new QPushButton(tr("Run le&ns"), this);
    m_run->setToolTip(tr("One forward pass of the prompt, read out after every block and attention sub-layer"));
    row->addWidget(targetLabel);
    row->addWidget(m_target, 1);
    row->addWidget(m_colour);
    m_follow = new QCheckBox(tr("&Follow the stepper"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("While you step through the prefill (F10, F8), show only the rows the stepper has "
                            "passed: the lens fills in block by block"));
    connect(m_follow, &QCheckBox::toggled, this,
        [this](bool on) { m_grid->setRevealLimit(on ? m_stepperLimit : std::nullopt); });
    row->addWidget(m_run);
    row->addWidget(m_follow);
    layout->addLayout(row);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_grid = new LensGrid;
    m_scroll = new QScrollArea(splitter);
    m_scroll->setWidget(m_grid);
    m_scroll->setWidgetResizable(true);
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_topTitle = new QLabel(tr("Click a cell for its top 10."), side);
    m_topTitle->setWordWrap(true);
    m_top = new QTableWidget(0, 2, side);
    m_top->setHorizontalHeaderLabels({ tr("Token"), tr("Probability") });
    m_top->verticalHeader()->hide();
    m_top->horizontalHeader()->setStretchLastSection(true);
    m_top->setEditTriggers(QAbstractItemView::NoEditTriggers);
    sideLayout->addWidget(m_topTitle);
    sideLayout->addWidget(m_top, 1);
    splitter->addWidget(m_scroll);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({ 800, 220 });
    layout->addWidget(splitter, 1);

    connect(m_run, &QPushButton::clicked, this, &LogitLensPanel::run);
    connect(m_target, &QLineEdit::returnPressed, this, &LogitLensPanel::run);
    connect(m_colour, &QComboBox::currentIndexChanged, this,
        [this](int i) { m_grid->setMode(i == 1 ? LensGrid::Mode::TargetRank : LensGrid::Mode::Probability); });
    connect(m_grid, &LensGrid::cellClicked, this, [this](int site, int position) {
        m_topTitle->setText(tr("Top 10 at %1, position %2 …").arg(m_grid->lens().sites.value(site).name).arg(position));
        m_controller->requestLensTop(site, position, 10);
    });
    connect(controller, &InterpController::lensChanged, this, &LogitLensPanel::onLens);
    connect(controller, &InterpController::lensTopReady, this, &LogitLensPanel::onTop);
    connect(controller, &InterpController::failed, this, [this](InterpController::Analysis a, const QString& message) {
        if (a == InterpController::Analysis::Lens || a == InterpController::Analysis::LensTop)
            m_message->setText(message);
    });
    connect(controller, &InterpController::contextChanged, this, [this] {
        if (isVisible() && !m_controller->tokens().empty())
            run();
        else
            m_message->setText(tr("The lens of the prompt runs when this tab is shown."));
    });
    m_message->setText(tr("The lens of the prompt runs when this tab is shown."));
}

QString LogitLensPanel::message() const { return m_message->text(); }

void LogitLensPanel::setColourByRank(bool rank) { m_colour->setCurrentIndex(rank ? 1 : 0); }

void LogitLensPanel::setTarget(const QString& text)
{
    m_target->setText(visibleToken(text));
    run();
}

void LogitLensPanel::run()
{
    if (!m_controller->hasModel() || m_controller->tokens().empty()) {
        m_message->setText(tr("Open a model and type a prompt first."));
        return;
    }
    m_message->setText(tr("Reading the residual stream after every block …"));
    m_top->setRowCount(0);
    m_topTitle->setText(tr("Click a cell for its top 10."));
    m_controller->runLens(typedToken(m_target->text()));
}

void LogitLensPanel::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    if (!m_controller->isFresh(InterpController::Analysis::Lens) && !m_controller->tokens().empty())
        run();
}

void LogitLensPanel::onLens(const LensSnapshot& lens)
{
    m_grid->setLens(lens);
    scrollToNewestRow();
    if (!lens.complete)
        return;
    const int last = int(lens.sites.size()) - 1, p = lens.positions() - 1;
    QString text = tr("Each cell: the token the model would predict if the residual stream ended there (final norm "
                      "and LM head applied), with its probability. Last row = the model's own output.");
    if (lens.targetId >= 0)
        text += QLatin1Char(' ')
            + tr("Target %1: rank %2, p %3 at the last position.")
                  .arg(visibleToken(lens.targetText))
                  .arg(lens.cell(last, p).targetRank)
                  .arg(double(lens.cell(last, p).targetProb), 0, 'f', 4);
    m_message->setText(text);
}

void LogitLensPanel::onTop(const LensCellTop& top)
{
    const LensSnapshot& lens = m_grid->lens();
    m_topTitle->setText(tr("Top 10 at %1, after token %2 (position %3)")
                            .arg(lens.sites.value(top.site).name, visibleToken(lens.tokens.value(top.position)))
                            .arg(top.position));
    m_top->setRowCount(int(top.top.size()));
    for (int i = 0; i < int(top.top.size()); ++i) {
        m_top->setItem(i, 0, new QTableWidgetItem(visibleToken(top.top[i].text)));
        auto* p = new QTableWidgetItem(QString::number(double(top.top[i].probability), 'f', 4));
        p->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_top->setItem(i, 1, p);
    }
    m_top->resizeColumnToContents(0);
}

CsvTable LogitLensPanel::table() const
{
    const LensSnapshot& lens = m_grid->lens();
    CsvTable t;
    if (!lens.isValid())
        return t;
    t.header = QStringList { QStringLiteral("site"), QStringLiteral("position"), QStringLiteral("token"),
        QStringLiteral("top_token"), QStringLiteral("top_prob") };
    if (lens.targetId >= 0)
        t.header << QStringLiteral("target_prob") << QStringLiteral("target_rank");
    for (int s = 0; s < int(lens.sites.size()); ++s) {
        if (!lens.filled.value(s))
            continue;
        for (int p = 0; p < lens.positions(); ++p) {
            const LensCellInfo& c = lens.cell(s, p);
            QStringList row { lens.sites[s].name, QString::number(p), lens.tokens[p], c.topText,
                QString::number(double(c.topProb), 'g', 7) };
            if (lens.targetId >= 0)
                row << QString::number(double(c.targetProb), 'g', 7) << QString::number(c.targetRank);
            t.rows << row;
        }
    }
    return t;
}

void LogitLensPanel::followStepper(bool prefill, int cursor, int total)
{
    const bool inside = prefill && cursor >= 0 && cursor < total - 1;
    m_stepperLimit = inside ? std::optional<int>(cursor) : std::nullopt;
    m_grid->setRevealLimit(m_follow->isChecked() ? m_stepperLimit : std::nullopt);
    scrollToNewestRow();
}

// While following the stepper, the row it just filled stays in view (once the grid has its new size).
void LogitLensPanel::scrollToNewestRow()
{
    if (!m_follow->isChecked() || !m_stepperLimit)
        return;
    QTimer::singleShot(0, this, [this] {
        const int newest = m_grid->revealedSites() - 1;
        if (newest < 0 || !m_grid->lens().isValid())
            return;
        const QRect r = m_grid->cellRect(newest, 0);
        m_scroll->ensureVisible(r.left(), r.center().y(), 0, r.height());
    });
}

} // namespace ui

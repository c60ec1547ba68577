#include "ui/widgets/main_window.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/session/model_card_model.h"
#include "ui/session/model_locator.h"
#include "ui/session/plan_model.h"
#include "ui/session/session_controller.h"
#include "ui/session/token_list_model.h"
#include "ui/widgets/architecture_diagram.h"
#include "ui/widgets/attention_panel.h"
#include "ui/widgets/attention_view.h"
#include "ui/widgets/decoding_generation_view.h"
#include "ui/widgets/decoding_workbench.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/interface_language.h"
#include "ui/widgets/palette.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"
#include "ui/widgets/token_strip.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdio>

static void initResources() { Q_INIT_RESOURCE(resources); }

namespace ui {

namespace {
    const char* kDefaultPrompt = "I think the capital of France is";
    constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(Options {}, parent)
{
}

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
{
    initResources();
    setWindowTitle(tr("Inference Explorer"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    m_controller = new SessionController(this);
    m_tokenModel = new TokenListModel(this);
    m_planModel = new PlanModel(this);
    m_cardModel = new ModelCardModel(this);
    m_playTimer = new QTimer(this);
    m_retokenize = new QTimer(this);
    m_retokenize->setSingleShot(true);
    m_retokenize->setInterval(600);

    buildActions();
    buildCentral();
    buildDocks();
    buildMenus();
    connectController();

    m_statusLabel = new QLabel(tr("No model loaded — File ▸ Open model… (Ctrl+O) or drop a model folder here."), this);
    m_opLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_opLabel);

    resize(1280, 800);
    setMinimumSize(960, 600);
    QSettings settings;
    if (m_options.restoreSettings) {
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
        m_prompt->setPlainText(settings.value(QStringLiteral("prompt"), QString::fromUtf8(kDefaultPrompt)).toString());
        setDarkTheme(settings.value(QStringLiteral("darkTheme"), false).toBool());
        // The explanations follow the interface language until a language is chosen in their own box (saved then).
        const QSignalBlocker defaultIsNotAChoice(m_explanation);
        m_explanation->setLanguage(settings.value(QStringLiteral("language"), InterfaceLanguage::current()).toString());
    } else {
        m_prompt->setPlainText(QString::fromUtf8(kDefaultPrompt));
        m_explanation->setLanguage(InterfaceLanguage::current());
    }
    rebuildModelMenus();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto make = [this](const QString& text, const QKeySequence& key, const QString& tip, QStyle::StandardPixmap icon) {
        auto* a = new QAction(style()->standardIcon(icon), text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setToolTip(key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        return a;
    };
    m_openAction = make(tr("&Open model…"), QKeySequence::Open,
        tr("Open a model folder (config.json, model.safetensors, tokenizer.json)"), QStyle::SP_DirOpenIcon);
    m_restartAction = make(tr("&Restart"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Back to before the first op"),
        QStyle::SP_MediaSkipBackward);
    m_backAction = make(tr("Step &back"), QKeySequence(Qt::SHIFT | Qt::Key_F10),
        tr("Undo one op (nothing is recomputed)"), QStyle::SP_MediaSeekBackward);
    m_stepAction = make(tr("&Step"), QKeySequence(Qt::Key_F10), tr("Run one op"), QStyle::SP_MediaSeekForward);
    m_layerAction = make(tr("Step over &layer"), QKeySequence(Qt::CTRL | Qt::Key_F10),
        tr("Run to the end of the current layer"), QStyle::SP_ArrowDown);
    m_passAction = make(tr("Run to end of &pass"), QKeySequence(Qt::Key_F5),
        tr("Run every remaining op of this pass (the prefill of the prompt, or a decode pass)"),
        QStyle::SP_MediaSkipForward);
    m_decodeAction = make(tr("Next &token"), QKeySequence(Qt::Key_F9),
        tr("Append the next token and step through its decode pass: one new query row attends over the cached keys"),
        QStyle::SP_ArrowRight);
    m_playAction = make(tr("&Play"), QKeySequence(Qt::Key_F8), tr("Play / pause: one op at a time at the chosen speed"),
        QStyle::SP_MediaPlay);
    m_playAction->setCheckable(true);
    m_cancelAction
        = make(tr("&Cancel"), QKeySequence(Qt::Key_Escape), tr("Stop the running job"), QStyle::SP_BrowserStop);
    m_runPromptAction = make(tr("&Tokenize prompt"), QKeySequence(Qt::CTRL | Qt::Key_Return),
        tr("Tokenize the prompt and prepare the prefill"), QStyle::SP_DialogApplyButton);
    m_darkAction = new QAction(tr("&Dark theme"), this);
    m_darkAction->setCheckable(true);

    connect(m_openAction, &QAction::triggered, this, &MainWindow::openModelDialog);
    connect(m_restartAction, &QAction::triggered, this, [this] {
        togglePlay(false);
        m_controller->restart();
    });
    connect(m_backAction, &QAction::triggered, this, [this] {
        togglePlay(false);
        m_controller->stepBack();
    });
    connect(m_stepAction, &QAction::triggered, this, [this] { m_controller->stepForward(); });
    connect(m_layerAction, &QAction::triggered, this, [this] { m_controller->stepOverLayer(); });
    connect(m_passAction, &QAction::triggered, this, [this] {
        togglePlay(false);
        m_controller->runToEndOfPass();
    });
    connect(m_decodeAction, &QAction::triggered, this, [this] {
        togglePlay(false);
        decodeNext();
    });
    connect(m_playAction, &QAction::toggled, this, &MainWindow::togglePlay);
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        togglePlay(false);
        m_controller->cancel();
    });
    connect(m_runPromptAction, &QAction::triggered, this, [this] { setPromptText(m_prompt->toPlainText()); });
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::setDarkTheme);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_controller->isBusy())
            return;
        if (m_controller->current().finished())
            togglePlay(false);
        else
            m_controller->stepForward();
    });

    auto* bar = addToolBar(tr("Transport"));
    bar->setObjectName(QStringLiteral("transport"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openAction);
    bar->addSeparator();
    bar->addAction(m_restartAction);
    bar->addAction(m_backAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_layerAction);
    bar->addAction(m_passAction);
    bar->addAction(m_decodeAction);
    bar->addAction(m_playAction);
    auto* speedLabel = new QLabel(tr("  Speed "), bar);
    m_speed = new QSlider(Qt::Horizontal, bar);
    m_speed->setRange(1, 30);
    m_speed->setValue(6);
    m_speed->setMaximumWidth(120);
    m_speed->setToolTip(tr("Ops per second while playing"));
    speedLabel->setBuddy(m_speed);
    bar->addWidget(speedLabel);
    bar->addWidget(m_speed);
    connect(m_speed, &QSlider::valueChanged, this, [this](int v) { m_playTimer->setInterval(1000 / v); });
    m_playTimer->setInterval(1000 / m_speed->value());
    bar->addAction(m_cancelAction);
}

void MainWindow::buildCentral()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);

    // Prompt row.
    auto* promptRow = new QHBoxLayout;
    auto* promptLabel = new QLabel(tr("&Prompt:"), central);
    m_prompt = new QPlainTextEdit(central);
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMaximumHeight(QFontMetrics(font()).lineSpacing() * 3 + 14);
    m_prompt->setPlaceholderText(tr("Type a prompt; its tokens appear below."));
    promptLabel->setBuddy(m_prompt);
    auto* runButton = new QPushButton(tr("Tokenize ▸"), central);
    runButton->setToolTip(m_runPromptAction->toolTip());
    connect(runButton, &QPushButton::clicked, m_runPromptAction, &QAction::trigger);
    promptRow->addWidget(promptLabel, 0, Qt::AlignTop);
    promptRow->addWidget(m_prompt, 1);
    promptRow->addWidget(runButton, 0, Qt::AlignTop);
    layout->addLayout(promptRow);
    connect(m_prompt, &QPlainTextEdit::textChanged, m_retokenize, qOverload<>(&QTimer::start));
    connect(m_retokenize, &QTimer::timeout, this, [this] {
        if (m_controller->hasModel() && !m_prompt->toPlainText().trimmed().isEmpty()
            && m_prompt->toPlainText() != m_pendingPrompt)
            setPromptText(m_prompt->toPlainText());
    });

    m_tokenSummary = new QLabel(central);
    m_tokenSummary->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_tokenSummary);
    m_tokenStrip = new TokenStrip;
    m_tokenScroll = new QScrollArea(central);
    m_tokenScroll->setWidget(m_tokenStrip);
    m_tokenScroll->setWidgetResizable(true);
    m_tokenScroll->setFrameShape(QFrame::NoFrame);
    m_tokenScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_tokenScroll);

    // Diagram | views.
    auto* splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_diagram = new ArchitectureDiagram;
    m_diagramScroll = new QScrollArea(splitter);
    m_diagramScroll->setWidget(m_diagram);
    m_diagramScroll->setWidgetResizable(true);
    m_diagramScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_diagramScroll->setMinimumWidth(260);
    m_tabs = new QTabWidget(splitter);
    m_tensorPanel = new TensorPanel(m_tabs);
    m_attentionPanel = new AttentionPanel(m_tabs);
    m_tabs->addTab(m_tensorPanel, tr("&Tensor"));
    m_tabs->addTab(m_attentionPanel, tr("&Attention"));
    m_decoding = new DecodingWorkbench(this, m_tabs, m_controller);
    // The penalty window's tokens are marked in the strip; the lab's new choice changes what F9 appends.
    connect(
        m_decoding->controller(), &DecodingController::penalisedPositions, this, [this](const QVector<int>& positions) {
            m_tokenStrip->setPenalised(positions);
            updateTokenSummary();
        });
    connect(m_decoding->controller(), &DecodingController::sampled, this, [this] { updateActions(); });
    // Clicking a generated token opens its decode pass in the stepper.
    connect(
        m_decoding->generationView(), &DecodingGenerationView::decodeStepRequested, this, &MainWindow::openDecodeStep);
    splitter->addWidget(m_diagramScroll);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 320, 900 });
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    connect(m_diagram, &ArchitectureDiagram::nodeClicked, this, [this](int node) {
        togglePlay(false);
        m_controller->jumpToNode(node);
    });
    connect(m_diagram, &ArchitectureDiagram::currentRectChanged, this, [this](const QRect& r) {
        m_diagramScroll->ensureVisible(
            r.center().x(), r.center().y(), 10, std::min(200, m_diagramScroll->height() / 3));
    });
    connect(m_tokenStrip, &TokenStrip::tokenSelected, this, &MainWindow::selectPosition);
    connect(m_tokenStrip, &TokenStrip::tokenSelected, this, [this](int i) {
        const QRect r = m_tokenStrip->cellRect(i);
        m_tokenScroll->ensureVisible(r.center().x(), r.center().y(), 0, r.height());
    });
    connect(m_tensorPanel, &TensorPanel::positionClicked, this, &MainWindow::selectPosition);
    connect(m_attentionPanel->view(), &AttentionView::queryRowSelected, this, &MainWindow::selectPosition);
}

void MainWindow::buildDocks()
{
    m_explanation = new ExplanationPanel(this);
    m_explanationDock = new QDockWidget(tr("Explanation"), this);
    m_explanationDock->setObjectName(QStringLiteral("explanationDock"));
    m_explanation->setMinimumWidth(270); // the explanation stays readable however many tabs the centre holds
    m_explanationDock->setWidget(m_explanation);
    addDockWidget(Qt::RightDockWidgetArea, m_explanationDock);

    m_cardView = new QTableView(this);
    m_cardView->setModel(m_cardModel);
    m_cardView->horizontalHeader()->setStretchLastSection(true);
    m_cardView->horizontalHeader()->hide();
    m_cardView->verticalHeader()->hide();
    m_cardView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cardView->setWordWrap(false);
    m_cardView->setMinimumWidth(270);
    m_cardDock = new QDockWidget(tr("Model card"), this);
    m_cardDock->setObjectName(QStringLiteral("modelCardDock"));
    m_cardDock->setWidget(m_cardView);
    addDockWidget(Qt::RightDockWidgetArea, m_cardDock);

    m_planView = new QTableView(this);
    m_planView->setModel(m_planModel);
    m_planView->verticalHeader()->hide();
    m_planView->horizontalHeader()->setStretchLastSection(true);
    m_planView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_planView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_planView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(
        m_planView, &QTableView::activated, this, [this](const QModelIndex& i) { m_controller->jumpToNode(i.row()); });
    m_planDock = new QDockWidget(tr("Ops"), this);
    m_planDock->setObjectName(QStringLiteral("opsDock"));
    m_planDock->setWidget(m_planView);
    addDockWidget(Qt::RightDockWidgetArea, m_planDock);
    tabifyDockWidget(m_cardDock, m_planDock);
    m_cardDock->raise();
    resizeDocks({ m_explanationDock, m_cardDock }, { 330, 330 }, Qt::Horizontal);
    resizeDocks({ m_explanationDock, m_cardDock }, { 450, 300 }, Qt::Vertical);

    connect(m_explanation, &ExplanationPanel::languageChanged, this, [this](const QString& code) {
        if (m_options.restoreSettings)
            QSettings().setValue(QStringLiteral("language"), code);
    });
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_sampleMenu = file->addMenu(tr("&Sample models"));
    m_recentMenu = file->addMenu(tr("&Recent models"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    Q_UNUSED(quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runPromptAction);
    run->addSeparator();
    for (QAction* a : { m_stepAction, m_backAction, m_layerAction, m_passAction, m_decodeAction, m_playAction,
             m_restartAction, m_cancelAction })
        run->addAction(a);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* tensor
        = view->addAction(tr("&Tensor"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this] { showView(View::Tensor); });
    QAction* attention = view->addAction(
        tr("&Attention"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { showView(View::Attention); });
    Q_UNUSED(tensor);
    Q_UNUSED(attention);
    view->addSeparator();
    view->addAction(m_explanationDock->toggleViewAction());
    view->addAction(m_cardDock->toggleViewAction());
    view->addAction(m_planDock->toggleViewAction());
    view->addSeparator();
    view->addAction(m_darkAction);
    InterfaceLanguage::addMenu(view, this, m_options.restoreSettings, m_options.showDialogs);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, [this] {
        QString rows;
        for (QAction* a : { m_stepAction, m_backAction, m_layerAction, m_passAction, m_decodeAction, m_playAction,
                 m_restartAction, m_cancelAction, m_runPromptAction, m_openAction })
            rows += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                        .arg(a->shortcut().toString(QKeySequence::NativeText), a->statusTip().toHtmlEscaped());
        rows += tr(
            "<tr><td><b>Ctrl+1 / Ctrl+2</b></td><td>&nbsp;&nbsp;Tensor / attention view</td></tr>"
            "<tr><td><b>← → Home End</b></td><td>&nbsp;&nbsp;Move along the tokens (token strip focused)</td></tr>"
            "<tr><td><b>Enter</b></td><td>&nbsp;&nbsp;Jump to the op (Ops list)</td></tr>");
        QMessageBox::information(this, tr("Keyboard shortcuts"), QStringLiteral("<table>%1</table>").arg(rows));
    });
    help->addAction(tr("&About Inference Explorer"), this, [this] {
        QMessageBox::about(this, tr("About Inference Explorer"),
            tr("<b>Inference Explorer</b><br>Runs a real transformer language model one operation at a time and shows "
               "every step with the real numbers."));
    });
}

void MainWindow::rebuildModelMenus()
{
    m_sampleMenu->clear();
    const QStringList samples = ModelLocator::sampleModels();
    for (const QString& folder : samples)
        m_sampleMenu->addAction(QDir(folder).dirName(), this, [this, folder] { openModel(folder); });
    if (samples.isEmpty())
        m_sampleMenu->addAction(tr("(none found)"))->setEnabled(false);

    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentModels")).toStringList();
    for (const QString& folder : recent)
        m_recentMenu->addAction(folder, this, [this, folder] { openModel(folder); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::addRecent(const QString& folder)
{
    if (!m_options.restoreSettings)
        return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentModels")).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentModels"), recent);
    rebuildModelMenus();
}

void MainWindow::connectController()
{
    connect(m_controller, &SessionController::loadStarted, this, [this](const QString& folder) {
        m_statusLabel->setText(tr("Loading %1…").arg(folder));
        m_progress->setRange(0, 100);
        m_progress->setValue(0);
        m_progress->show();
    });
    connect(m_controller, &SessionController::loadProgress, this, [this](int percent, const QString& what) {
        m_progress->setValue(percent);
        m_progress->setFormat(what);
    });
    connect(m_controller, &SessionController::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(m_controller, &SessionController::tokensReady, this, &MainWindow::onTokens);
    connect(m_controller, &SessionController::stepped, this, &MainWindow::onStepped);
    connect(m_controller, &SessionController::failed, this, &MainWindow::onFailed);
    connect(m_controller, &SessionController::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setFormat(tr("%v / %m ops"));
        m_progress->show();
    });
    connect(m_controller, &SessionController::busyChanged, this, [this](bool busy) {
        if (!busy)
            m_progress->hide();
        updateActions();
    });
}

void MainWindow::openModel(const QString& folder)
{
    togglePlay(false);
    m_controller->loadModel(folder);
}

void MainWindow::openModelDialog()
{
    const QString start = m_controller->hasModel() ? m_controller->model().folder : ModelLocator::sampleModelsDir();
    QFileDialog dialog(
        this, tr("Open a model: choose its folder or a file in it (config.json, model.safetensors)"), start);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setNameFilters(
        { tr("Model files (config.json *.safetensors tokenizer.json *.gguf *.bin)"), tr("All files (*)") });
    dialog.setOption(QFileDialog::DontUseNativeDialog, false);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    openModel(ModelLocator::modelPathFor(dialog.selectedFiles().first()));
}

void MainWindow::setPromptText(const QString& text)
{
    if (m_prompt->toPlainText() != text) {
        const QSignalBlocker block(m_prompt);
        m_prompt->setPlainText(text);
    }
    m_pendingPrompt = text;
    if (m_controller->hasModel()) {
        togglePlay(false);
        m_controller->setPrompt(text);
    }
    if (m_options.restoreSettings)
        QSettings().setValue(QStringLiteral("prompt"), text);
}

void MainWindow::onModelLoaded(const ModelInfo& info)
{
    setWindowTitle(tr("%1 — Inference Explorer").arg(info.displayName));
    m_cardModel->setModelInfo(info);
    m_cardView->resizeColumnToContents(0);
    m_planModel->setPlan(info.plan);
    m_planView->resizeColumnsToContents();
    m_diagram->setPlan(info.plan, info.layers, info.heads);
    m_explanation->setModel(info);
    m_attentionPanel->view()->setModelShape(info.layers, info.heads);
    m_attentionPanel->view()->setMatrices({});
    m_statusLabel->setText(tr("Loaded %1: %2 layers, %3 heads, %4 parameters.")
                               .arg(info.displayName)
                               .arg(info.layers)
                               .arg(info.heads)
                               .arg(ModelCardModel::formatCount(info.parameters)));
    addRecent(info.folder);
    setPromptText(m_prompt->toPlainText());
}

void MainWindow::updateTokenSummary()
{
    const TokenList& tokens = m_tokenStrip->tokens();
    const int generated
        = int(std::count_if(tokens.begin(), tokens.end(), [](const TokenInfo& t) { return t.generated(); }));
    QString text = generated == 0
        ? tr("%n token(s)", nullptr, int(tokens.size()))
        : tr("%1 prompt + %2 generated tokens (green border)").arg(tokens.size() - generated).arg(generated);
    int penalised = 0;
    for (int p : m_tokenStrip->penalised())
        penalised += p < tokens.size() ? 1 : 0;
    if (penalised > 0)
        text += tr(" — %n under the vermilion bar: inside the repetition-penalty window", nullptr, penalised);
    m_tokenSummary->setText(text + tr(" — hover a token for its id and bytes, click it to follow it in every view"));
}

QStringList MainWindow::tokenLabels() const
{
    QStringList labels;
    for (const TokenInfo& t : m_controller->tokens())
        labels << t.visibleText();
    return labels;
}

void MainWindow::onTokens(const TokenList& tokens)
{
    m_tokenModel->setTokens(tokens);
    m_tokenStrip->setTokens(tokens);
    m_selectedPosition = -1;
    m_tokenStrip->setSelected(-1);
    m_attentionPanel->view()->setTokens(tokenLabels());
    m_attentionPanel->view()->setQueryRow(-1);
    fitTokenStrip();
    updateTokenSummary();
}

void MainWindow::onStepped(const StepSnapshot& step)
{
    m_planModel->setCursor(step.nodeIndex);
    m_diagram->setExtents(step.positions, step.context);
    m_diagram->setCursor(step.nodeIndex);
    m_tensorPanel->setStep(step, tokenLabels());
    m_tensorPanel->setSelectedPosition(m_selectedPosition);
    AttentionView* attention = m_attentionPanel->view();
    attention->setMatrices(step.attention);
    if (step.head >= 0 && step.layer >= 0)
        attention->setSelectedHead(step.layer, step.head);
    m_explanation->setStep(step);
    m_statusLabel->setText(step.statusText());
    m_opLabel->setText(tr("op %1 / %2").arg(step.cursor + 1).arg(step.total));
    if (step.nodeIndex >= 0) {
        const QSignalBlocker block(m_planView->selectionModel());
        m_planView->selectRow(step.nodeIndex);
    }
    updateActions();
}

void MainWindow::onFailed(const QString& message)
{
    togglePlay(false);
    m_progress->hide();
    m_statusLabel->setText(message);
    if (!m_options.showDialogs) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Inference Explorer"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::selectPosition(int position)
{
    m_selectedPosition = position;
    m_tokenStrip->setSelected(position);
    m_tensorPanel->setSelectedPosition(position);
    m_attentionPanel->view()->setQueryRow(position);
}

bool MainWindow::showView(const QString& name)
{
    const std::optional<View> view = viewFromName(name);
    return view && showView(*view, viewSettings(name));
}

bool MainWindow::showView(View view, const QString& settings)
{
    if (viewSide(view) == ViewSide::Decoding)
        return m_decoding && m_decoding->showView(view, settings);
    switch (view) {
    case View::Tensor:
        m_tabs->setCurrentWidget(m_tensorPanel);
        break;
    case View::Attention:
    case View::Lines:
        m_tabs->setCurrentWidget(m_attentionPanel);
        m_attentionPanel->setLinesMode(view == View::Lines);
        break;
    case View::Diagram:
        m_diagramScroll->setFocus();
        break;
    case View::Explanation:
        m_explanationDock->show();
        m_explanationDock->raise();
        break;
    case View::Model:
        m_cardDock->show();
        m_cardDock->raise();
        break;
    case View::Ops:
        m_planDock->show();
        m_planDock->raise();
        break;
    default:
        return false;
    }
    return true;
}

void MainWindow::setDarkTheme(bool dark)
{
    Palette::apply(dark);
    if (m_darkAction->isChecked() != dark) {
        const QSignalBlocker block(m_darkAction);
        m_darkAction->setChecked(dark);
    }
    if (m_options.restoreSettings)
        QSettings().setValue(QStringLiteral("darkTheme"), dark);
    update();
}

void MainWindow::togglePlay(bool play)
{
    if (m_playAction->isChecked() != play) {
        const QSignalBlocker block(m_playAction);
        m_playAction->setChecked(play);
    }
    m_playAction->setText(play ? tr("&Pause") : tr("&Play"));
    m_playAction->setIcon(style()->standardIcon(play ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (play)
        m_playTimer->start();
    else
        m_playTimer->stop();
}

void MainWindow::updateActions()
{
    const bool pass = m_controller->hasPass();
    const bool atStart = m_controller->cursor() < 0;
    const bool atEnd = m_controller->current().finished();
    m_stepAction->setEnabled(pass && !atEnd);
    m_layerAction->setEnabled(pass && !atEnd);
    m_passAction->setEnabled(pass && !atEnd);
    m_decodeAction->setEnabled(m_controller->canDecode() && !m_controller->isBusy());
    QString why;
    nextDecodeToken(&why);
    m_decodeAction->setStatusTip(tr("Append the next token (%1) and step through its decode pass").arg(why));
    m_playAction->setEnabled(pass && (!atEnd || m_playAction->isChecked()));
    m_backAction->setEnabled(pass && !atStart);
    m_restartAction->setEnabled(pass && !atStart);
    m_cancelAction->setEnabled(m_controller->isBusy());
    m_runPromptAction->setEnabled(m_controller->hasModel());
}

int MainWindow::nextDecodeToken(QString* why) const
{
    std::vector<std::int32_t> context;
    for (const TokenInfo& t : m_controller->tokens())
        context.push_back(t.id);
    if (m_decoding && !m_decoding->controller()->isBusy()) {
        const DecodingController* d = m_decoding->controller();
        const GenerationSnapshot& g = d->lastGeneration();
        const SamplingSnapshot& s = d->lastSampling();
        const int k = d->generatedPrefixOf(context);
        if (k >= 0 && k < g.generated.size()) { // on the path of the Generation tab's tokens: follow them
            if (why)
                *why = tr("generated token %1 “%2”").arg(k + 1).arg(g.generated[k].text);
            return g.generated[k].id;
        }
        if (k >= 0 && s.isValid() && s.step == k && s.table.chosenToken >= 0) {
            if (why)
                *why = tr("the sampling lab's choice “%1”").arg(s.chosenText);
            return s.table.chosenToken;
        }
    }
    if (why)
        *why = tr("the most likely token");
    return -1;
}

void MainWindow::openDecodeStep(int generatedIndex)
{
    const GenerationSnapshot& g = m_decoding->controller()->lastGeneration();
    if (generatedIndex < 0 || generatedIndex >= g.generated.size())
        return;
    QVector<int> ids;
    for (const GeneratedPiece& t : g.prompt)
        ids << t.id;
    for (int i = 0; i <= generatedIndex; ++i)
        ids << g.generated[i].id;
    togglePlay(false);
    m_controller->openDecodeStep(ids, int(g.prompt.size()));
    showView(View::Attention);
    m_statusLabel->setText(tr("Decode pass of generated token %1 “%2”: F10 steps through it, F5 runs it.")
                               .arg(generatedIndex + 1)
                               .arg(g.generated[generatedIndex].text));
}

void MainWindow::decodeNext()
{
    QString why;
    const int id = nextDecodeToken(&why);
    m_controller->decodeNext(id);
    m_statusLabel->setText(tr("Decode pass: appending %1.").arg(why));
}

QString MainWindow::statusText() const { return m_statusLabel->text(); }

void MainWindow::fitTokenStrip()
{
    const int width = m_tokenScroll->viewport()->width() - 2;
    const int needed = m_tokenStrip->heightForWidth(width);
    const int line = m_tokenStrip->heightForWidth(1 << 20); // one line of chips
    const int shown = std::min(needed, 3 * line + 8);
    m_tokenStrip->setMinimumHeight(needed);
    m_tokenScroll->setFixedHeight(shown + 2);
    m_tokenScroll->setVerticalScrollBarPolicy(needed > shown ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff);
}

void MainWindow::resizeEvent(QResizeEvent* e)
{
    QMainWindow::resizeEvent(e);
    fitTokenStrip();
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (m_options.restoreSettings) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
    }
    QMainWindow::closeEvent(e);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (e->mimeData()->hasUrls() && !e->mimeData()->urls().isEmpty() && e->mimeData()->urls().first().isLocalFile())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const QString path = e->mimeData()->urls().first().toLocalFile();
    openModel(ModelLocator::modelPathFor(path));
    e->acceptProposedAction();
}

} // namespace ui

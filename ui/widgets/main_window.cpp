#include "ui/widgets/main_window.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interp/interp_controller.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interp/logit_lens_panel.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/positions/gqa_map.h"
#include "ui/positions/rope_panel.h"
#include "ui/quantization/quantization_controller.h"
#include "ui/quantization/quantization_view.h"
#include "ui/quantization/quantization_workbench.h"
#include "ui/session/model_card_model.h"
#include "ui/session/model_locator.h"
#include "ui/session/plan_model.h"
#include "ui/session/session_controller.h"
#include "ui/session/token_list_model.h"
#include "ui/session_file/session_actions.h"
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
    statusBar()->addPermanentWidget(m_interventions->statusLabel());
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_opLabel);

    resize(1200, 660); // fits a 1280×720 projector with its title bar and a task bar
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
    m_diagramScroll->setMinimumWidth(200);
    m_tabs = new QTabWidget(splitter);
    m_tensorPanel = new TensorPanel(m_tabs);
    m_attentionPanel = new AttentionPanel(m_tabs);
    m_tabs->addTab(m_tensorPanel, tr("&Tensor"));
    m_tabs->addTab(m_attentionPanel, tr("&Attention"));
    m_ropePanel = new RopePanel(m_tabs);
    m_gqaMap = new GqaMap(m_tabs);
    m_tabs->addTab(m_ropePanel, tr("&RoPE"));
    m_tabs->addTab(m_gqaMap, tr("&GQA"));
    m_decoding = new DecodingWorkbench(this, m_tabs, m_controller);
    // The penalty window's tokens are marked in the strip; the lab's new choice changes what F9 appends.
    connect(
        m_decoding->controller(), &DecodingController::penalisedPositions, this, [this](const QVector<int>& positions) {
            m_tokenStrip->setPenalised(positions);
            updateTokenSummary();
        });
    connect(m_decoding->controller(), &DecodingController::sampled, this, [this] { updateActions(); });
    connect(m_decoding->controller(), &DecodingController::busyChanged, this, [this] { updateActions(); }); // Esc
    m_quantization = new QuantizationWorkbench(this, m_tabs, m_controller, m_options.restoreSettings);
    connect(m_quantization->controller(), &QuantizationController::busyChanged, this, [this] { updateActions(); });
    // Clicking a generated token opens its decode pass in the stepper.
    connect(
        m_decoding->generationView(), &DecodingGenerationView::decodeStepRequested, this, &MainWindow::openDecodeStep);
    // The interpretability views; a part of the attribution clicked moves the stepper to the op that wrote it.
    m_interp = new InterpWorkbench(m_controller, m_tabs);
    m_tabs->addTab(m_interp, tr("&Interpretability"));
    connect(m_interp, &InterpWorkbench::showRequested, this, [this] { m_tabs->setCurrentWidget(m_interp); });
    connect(m_interp, &InterpWorkbench::jumpRequested, this, [this](int node) {
        togglePlay(false);
        m_controller->jumpToNode(node);
    });
    connect(m_interp->controller(), &InterpController::busyChanged, this, [this] { updateActions(); }); // Esc
    // The logit lens fills in as the stepper passes each block of the prefill.
    connect(m_controller, &SessionController::stepped, m_interp->lensPanel(),
        [lens = m_interp->lensPanel()](const StepSnapshot& s) { lens->followStepper(s.prefill, s.cursor, s.total); });
    // The RoPE view turns the model's own q and k of the prompt (computed on the engine thread by the interp worker).
    connect(m_ropePanel, &RopePanel::vectorsWanted, m_interp->controller(), &InterpController::requestRopeVectors);
    connect(m_interp->controller(), &InterpController::ropeVectorsReady, m_ropePanel, &RopePanel::setVectors);
    connect(m_interp->controller(), &InterpController::contextChanged, m_ropePanel,
        [this] { m_ropePanel->setPromptLength(int(m_interp->controller()->tokens().size())); });
    buildInterventions();
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
    // The enlarged head comes in full from the stepper (recomputed there); FlashAttention walks it tile by tile.
    connect(m_attentionPanel->view(), &AttentionView::headSelected, m_controller, &SessionController::focusAttention);
    connect(m_attentionPanel, &AttentionPanel::flashWalkRequested, m_controller, &SessionController::walkFlash);
    connect(m_controller, &SessionController::flashWalked, m_attentionPanel, &AttentionPanel::setFlashWalk);
}

void MainWindow::buildDocks()
{
    m_explanation = new ExplanationPanel(this);
    m_explanationDock = new QDockWidget(tr("Explanation"), this);
    m_explanationDock->setObjectName(QStringLiteral("explanationDock"));
    m_explanation->setMinimumWidth(240); // the explanation stays readable however many tabs the centre holds
    m_explanationDock->setWidget(m_explanation);
    addDockWidget(Qt::RightDockWidgetArea, m_explanationDock);

    m_cardView = new QTableView(this);
    m_cardView->setModel(m_cardModel);
    m_cardView->horizontalHeader()->setStretchLastSection(true);
    m_cardView->horizontalHeader()->hide();
    m_cardView->verticalHeader()->hide();
    m_cardView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cardView->setWordWrap(false);
    m_cardView->setMinimumWidth(240);
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
        m_attentionPanel->setExplanationLanguage(code);
        if (m_options.restoreSettings)
            QSettings().setValue(QStringLiteral("language"), code);
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
    m_promptTail.clear(); // an offer belongs to the prompt it was made for
    if (m_controller->hasModel()) {
        togglePlay(false);
        m_controller->setPrompt(text);
    }
    if (m_options.restoreSettings)
        QSettings().setValue(QStringLiteral("prompt"), text);
}

QString MainWindow::promptText() const { return m_prompt->toPlainText(); }

bool MainWindow::showView(const QString& name)
{
    const std::optional<View> view = viewFromName(name);
    return view && showView(*view, viewSettings(name));
}

bool MainWindow::showView(View view, const QString& settings)
{
    if (viewSide(view) == ViewSide::Decoding)
        return m_decoding && m_decoding->showView(view, settings);
    if (viewSide(view) == ViewSide::Interp)
        return m_interp->showView(view, settings); // showRequested brings the area to the front
    if (viewSide(view) == ViewSide::Interventions) {
        m_tabs->setCurrentWidget(m_interventions);
        return m_interventions->showView(view);
    }
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
    case View::Rope:
        m_tabs->setCurrentWidget(m_ropePanel);
        return m_ropePanel->applySettings(settings);
    case View::Gqa:
        m_tabs->setCurrentWidget(m_gqaMap);
        break;
    case View::Quantization:
        m_tabs->setCurrentWidget(m_quantization->view());
        break;
    default:
        return false;
    }
    return true;
}

QWidget* MainWindow::viewWidget(View view) const
{
    if (viewSide(view) == ViewSide::Decoding)
        return m_decoding ? m_decoding->viewWidget(view) : nullptr;
    if (viewSide(view) == ViewSide::Interp)
        return m_interp ? m_interp->viewWidget(view) : nullptr;
    if (viewSide(view) == ViewSide::Interventions)
        return m_interventions->viewWidget(view);
    switch (view) {
    case View::Tensor:
        return m_tensorPanel;
    case View::Attention:
    case View::Lines:
        return m_attentionPanel;
    case View::Diagram:
        return m_diagram;
    case View::Explanation:
        return m_explanation;
    case View::Model:
        return m_cardView;
    case View::Ops:
        return m_planView;
    case View::Rope:
        return m_ropePanel;
    case View::Gqa:
        return m_gqaMap;
    case View::Quantization:
        return m_quantization->view();
    default:
        return nullptr;
    }
}

View MainWindow::currentView() const
{
    QWidget* tab = m_tabs->currentWidget();
    if (tab == m_attentionPanel)
        return m_attentionPanel->view()->mode() == AttentionView::Mode::Lines ? View::Lines : View::Attention;
    if (tab == m_interp)
        return m_interp->currentView().value_or(View::Lens);
    if (tab == m_ropePanel)
        return View::Rope;
    if (tab == m_gqaMap)
        return View::Gqa;
    if (tab == m_quantization->view())
        return View::Quantization;
    if (m_decoding)
        if (const std::optional<View> v = m_decoding->viewOfTab(tab))
            return *v;
    if (tab == m_interventions)
        return *m_interventions->currentView();
    return View::Tensor;
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
        // The demo as it is now reopens at the next start (model included).
        if (m_controller->hasModel() && !m_sessions->isOpening()) {
            QDir().mkpath(QFileInfo(SessionActions::lastSessionPath()).path());
            m_sessions->save(SessionActions::lastSessionPath());
        }
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

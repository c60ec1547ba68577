// MainWindow's actions, menus and what enables them (the window's keyboard and menu surface).
#include "ui/widgets/main_window.h"

#include "ui/decoding/decoding_controller.h"
#include "ui/interp/interp_controller.h"
#include "ui/interp/interp_workbench.h"
#include "ui/interventions/intervention_controller.h"
#include "ui/interventions/intervention_workbench.h"
#include "ui/quantization/quantization_controller.h"
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
#include "ui/widgets/export_menu.h"
#include "ui/widgets/interface_language.h"
#include "ui/widgets/local_models_dialog.h"
#include "ui/widgets/palette.h"
#include "ui/widgets/presentation_mode.h"
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

namespace ui {

namespace {
    constexpr int kMaxRecent = 8; // entries in File ▸ Recent models
}

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
        if (m_decoding->controller()->isBusy()) // Esc stops a generation, comparison or measurement too
            m_decoding->controller()->cancel();
        if (m_interp->controller()->isBusy()) // and a head scan
            m_interp->controller()->cancel();
        m_interventions->controller()->cancel(); // and a patching run
        if (m_quantization->controller()->isBusy())
            m_quantization->controller()->cancel();
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
    m_transport = bar;
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

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_sampleMenu = file->addMenu(tr("&Sample models"));
    m_recentMenu = file->addMenu(tr("&Recent models"));
    file->addAction(tr("Models on this &computer…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] {
        auto* dialog = new LocalModelsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &LocalModelsDialog::modelChosen, this, [this](const QString& path) { openModel(path); });
        dialog->open();
    });
    file->addAction(m_quantization->compareAction());
    file->addSeparator();
    m_sessions = new SessionActions(this, file, m_options.showDialogs);
    new ExportMenu(this, file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    Q_UNUSED(quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runPromptAction);
    run->addSeparator();
    for (QAction* a : { m_stepAction, m_backAction, m_layerAction, m_passAction, m_decodeAction, m_playAction,
             m_restartAction, m_cancelAction })
        run->addAction(a);
    run->addSeparator();
    run->addActions(m_decoding->tokenActions()); // F11, Shift+F11, Ctrl+F11: the generation's own steps

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* tensor
        = view->addAction(tr("&Tensor"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this] { showView(View::Tensor); });
    QAction* attention = view->addAction(
        tr("&Attention"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { showView(View::Attention); });
    view->addAction(tr("&Interpretability"), QKeySequence(Qt::CTRL | Qt::Key_3), this, [this] {
        m_tabs->setCurrentWidget(m_interp); // the lens, attribution or head table, whichever was in front
    });
    view->addAction(tr("&RoPE"), QKeySequence(Qt::CTRL | Qt::Key_4), this, [this] { showView(View::Rope); });
    view->addAction(
        tr("&Grouped-query map"), QKeySequence(Qt::CTRL | Qt::Key_5), this, [this] { showView(View::Gqa); });
    Q_UNUSED(tensor);
    Q_UNUSED(attention);
    view->addAction(tr("Interventions: &before / after"), QKeySequence(Qt::CTRL | Qt::Key_8), this,
        [this] { showView(View::Interventions); });
    view->addAction(
        tr("Activation &patching"), QKeySequence(Qt::CTRL | Qt::Key_9), this, [this] { showView(View::Patching); });
    view->addSeparator();
    view->addAction(m_explanationDock->toggleViewAction());
    view->addAction(m_cardDock->toggleViewAction());
    view->addAction(m_planDock->toggleViewAction());
    view->addSeparator();
    m_presentation = new PresentationMode(this, view, m_options.restoreSettings, m_options.showDialogs);
    view->addSeparator();
    view->addAction(m_darkAction);
    InterfaceLanguage::addMenu(view, this, m_options.restoreSettings, m_options.showDialogs);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    buildLessons(help);
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this,
        [this] { QMessageBox::information(this, tr("Keyboard shortcuts"), shortcutTable()); });
    help->addAction(tr("&About Inference Explorer"), this, [this] {
        QMessageBox::about(this, tr("About Inference Explorer"),
            tr("<b>Inference Explorer</b><br>Runs a real transformer language model one operation at a time and shows "
               "every step with the real numbers."));
    });
}

QString MainWindow::shortcutTable() const
{
    QString rows;
    QList<QAction*> actions { m_stepAction, m_backAction, m_layerAction, m_passAction, m_decodeAction, m_playAction,
        m_restartAction, m_cancelAction, m_runPromptAction, m_openAction, m_presentation->presentAction() };
    actions += m_decoding->tokenActions();
    for (QAction* a : actions)
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                    .arg(a->shortcut().toString(QKeySequence::NativeText), a->statusTip().toHtmlEscaped());
    rows += tr("<tr><td><b>Ctrl+1 / Ctrl+2 / Ctrl+3</b></td><td>&nbsp;&nbsp;Tensor / attention view / "
               "interpretability (lens, attribution, heads)</td></tr>"
               "<tr><td><b>Ctrl++ / Ctrl+− / Ctrl+0</b></td><td>&nbsp;&nbsp;Larger / smaller / normal text</td></tr>"
               "<tr><td><b>Ctrl+Shift+C</b></td><td>&nbsp;&nbsp;Copy the view in front as an image</td></tr>"
               "<tr><td><b>← → Home End</b></td><td>&nbsp;&nbsp;Move along the tokens (token strip focused)</td></tr>"
               "<tr><td><b>Enter</b></td><td>&nbsp;&nbsp;Jump to the op (Ops list)</td></tr>"
               "<tr><td><b>Alt+← / Alt+→</b></td><td>&nbsp;&nbsp;Previous / next lesson step (Lesson panel)</td></tr>");
    rows += tr("<tr><td><b>Ctrl+4 / Ctrl+5</b></td><td>&nbsp;&nbsp;RoPE view / grouped-query map</td></tr>"
               "<tr><td><b>Ctrl+8 / Ctrl+9</b></td><td>&nbsp;&nbsp;Interventions before / after / activation "
               "patching</td></tr>");
    return QStringLiteral("<table>%1</table>").arg(rows);
}

void MainWindow::rebuildModelMenus()
{
    m_sampleMenu->clear();
    const QStringList samples = ModelLocator::sampleModels();
    for (const QString& folder : samples)
        m_sampleMenu->addAction(QDir(folder).dirName(), this, [this, folder] { openModel(folder); });
    const QStringList ggufs = ModelLocator::sampleGgufFiles(); // the same weights, quantized by our own writers
    if (!ggufs.isEmpty())
        m_sampleMenu->addSeparator();
    for (const QString& file : ggufs)
        m_sampleMenu->addAction(QFileInfo(file).fileName(), this, [this, file] { openModel(file); });
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
    m_cancelAction->setEnabled(m_controller->isBusy() || m_decoding->controller()->isBusy()
        || m_interp->controller()->isBusy() || m_interventions->controller()->isBusy()
        || m_quantization->controller()->isBusy());
    m_runPromptAction->setEnabled(m_controller->hasModel());
}

} // namespace ui

// MainWindow following its session: the model, the tokens, each step, failures, and the decode steps F9 opens.
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

#include <QAbstractButton>
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
    connect(m_controller, &SessionController::promptTooLong, this, [this](const QString& tail, int tokens, int) {
        m_promptTail = tail;
        m_promptTailFrom = tokens;
    });
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
    m_attentionPanel->view()->setLayerWindows(info.layerWindows);
    m_attentionPanel->view()->setMatrices({});
    m_attentionPanel->view()->setFocusMatrix({});
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
        : tr("%1 prompt + %2 appended token(s) (green border, F9): the Sampling lab and the Generation tab now "
             "continue from all of them — Ctrl+Return goes back to the prompt alone")
              .arg(tokens.size() - generated)
              .arg(generated);
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
    attention->setFocusMatrix(step.focus, step.focusPreview);
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
    if (!m_promptTail.isEmpty()) {
        offerPromptTail(message);
        return;
    }
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

void MainWindow::offerPromptTail(const QString& message)
{
    const QString offer = tr("%1. Keep the end of the prompt that fits (the last %2 tokens)?")
                              .arg(message, QString::number(m_controller->model().context));
    m_statusLabel->setText(offer);
    if (!m_options.showDialogs) {
        std::fprintf(stderr, "%s\n", qPrintable(offer));
        return;
    }
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Prompt longer than the context"), offer, QMessageBox::NoButton, this);
    QAbstractButton* keep = box->addButton(tr("Keep the end"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, keep](QAbstractButton* clicked) {
        if (clicked == keep)
            keepPromptTail();
    });
    box->open();
}

bool MainWindow::keepPromptTail()
{
    if (m_promptTail.isEmpty())
        return false;
    const QString tail = m_promptTail;
    showStatus(tr("Kept the end of a %1-token prompt.").arg(m_promptTailFrom));
    setPromptText(tail);
    return true;
}

} // namespace ui

#pragma once
// The explorer window: prompt and token strip on top, the architecture diagram on the left, the tensor and
// attention views in the middle, the explanation, model card and op list docked on the right, the transport in
// the tool bar and the status line at the bottom. All work goes through one SessionController.
#include "ui/session/model_info.h"
#include "ui/session/step_snapshot.h"
#include "ui/session/token_info.h"
#include "ui/widgets/view_names.h"

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QScrollArea;
class QSlider;
class QTabWidget;
class QTableView;
class QTimer;
class QMenu;
class QToolBar;

namespace ui {

class ArchitectureDiagram;
class DecodingWorkbench;
class AttentionPanel;
class ExplanationPanel;
class PresentationMode;
class ModelCardModel;
class PlanModel;
class SessionController;
class LessonPanel;
class SessionActions;
class TensorPanel;
class TokenListModel;
class TokenStrip;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // A prompt longer than the context is refused (the window keeps no stale tokens) with an offer: keep the end of
    // it that fits. The offered text, or empty; keepPromptTail() takes it (the dialog's "Keep the end" button).
    QString offeredPromptTail() const { return m_promptTail; }
    bool keepPromptTail();
    struct Options {
        bool restoreSettings = true; // false in screenshot mode and tests
        bool showDialogs = true; // error dialogs (else errors go to the status line and stderr)
    };
    explicit MainWindow(Options options, QWidget* parent = nullptr);
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    SessionController* controller() const { return m_controller; }
    TokenStrip* tokenStrip() const { return m_tokenStrip; }
    ArchitectureDiagram* diagram() const { return m_diagram; }
    TensorPanel* tensorPanel() const { return m_tensorPanel; }
    AttentionPanel* attentionPanel() const { return m_attentionPanel; }
    ExplanationPanel* explanationPanel() const { return m_explanation; }
    PlanModel* planModel() const { return m_planModel; }
    DecodingWorkbench* decoding() const { return m_decoding; } // sampling lab, generation, beam search tabs
    PresentationMode* presentation() const { return m_presentation; } // UI zoom and View ▸ Presentation
    QString statusText() const;
    QString tokenSummaryText() const; // the line above the token strip

    void openModel(const QString& folder);
    void setPromptText(const QString& text); // and tokenizes it (once a model is loaded)
    QString promptText() const; // as typed
    void selectPosition(int position); // highlights a token in every view
    int selectedPosition() const { return m_selectedPosition; }
    // Brings a view (either side, view_names.h) to the front; `settings` go to the sampling lab.
    bool showView(View view, const QString& settings = {});
    bool showView(const QString& name); // a name of viewTable(), "sampling:temperature=0.8" included
    // The widget that shows a view (what export draws); the view in front of the tab widget.
    QWidget* viewWidget(View view) const;
    View currentView() const;

    void setDarkTheme(bool dark);
    QString shortcutTable() const; // Help ▸ Keyboard shortcuts (F1): every action's key, as an HTML table
    void showStatus(const QString& text); // the status line (sessions, lessons)
    // The widget a lesson may highlight: a view name of view_names.h, "prompt", "tokens" or "transport".
    QWidget* widgetNamed(const QString& name) const;
    SessionActions* sessions() const { return m_sessions; } // File ▸ Save / Open session
    LessonPanel* lessonPanel() const { return m_lessonPanel; } // the Lesson dock (Help ▸ Lessons)
    bool openLesson(const QString& path);
    bool showTopic(const QString& topic); // an explanation page that is not an op's (ExplanationPanel::topics()) //
                                          // shows the Lesson dock; false (and a message) for a bad lesson file
    // Opens the decode pass of the Generation tab's token `generatedIndex` (0 = the first) in the stepper.
    void openDecodeStep(int generatedIndex);

protected:
    void closeEvent(QCloseEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    void buildActions();
    void buildMenus();
    void buildCentral();
    void buildDocks();
    void buildLessons(QMenu* help); // Help ▸ Lessons and the Lesson dock (main_window_lessons.cpp)
    void rebuildLessonsMenu();
    void connectController();
    void onModelLoaded(const ModelInfo& info);
    void onTokens(const TokenList& tokens);
    void onStepped(const StepSnapshot& step);
    void onFailed(const QString& message);
    void offerPromptTail(const QString& message);
    void updateActions();
    void rebuildModelMenus();
    void addRecent(const QString& folder);
    void openModelDialog();
    void togglePlay(bool play);
    void fitTokenStrip(); // the strip scrolls beyond three lines of tokens
    QStringList tokenLabels() const;
    // The token the next decode pass appends: the sampling lab's choice when the lab shows the distribution for
    // exactly this context, else -1 (the session's most likely token). `why` says which.
    int nextDecodeToken(QString* why) const;
    void decodeNext();
    void updateTokenSummary();

    Options m_options;
    SessionController* m_controller = nullptr;
    TokenListModel* m_tokenModel = nullptr;
    PlanModel* m_planModel = nullptr;
    ModelCardModel* m_cardModel = nullptr;

    QPlainTextEdit* m_prompt = nullptr;
    TokenStrip* m_tokenStrip = nullptr;
    QScrollArea* m_tokenScroll = nullptr;
    QLabel* m_tokenSummary = nullptr;
    ArchitectureDiagram* m_diagram = nullptr;
    QScrollArea* m_diagramScroll = nullptr;
    QTabWidget* m_tabs = nullptr;
    DecodingWorkbench* m_decoding = nullptr;
    PresentationMode* m_presentation = nullptr;
    TensorPanel* m_tensorPanel = nullptr;
    AttentionPanel* m_attentionPanel = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    QTableView* m_cardView = nullptr;
    QTableView* m_planView = nullptr;
    QDockWidget* m_explanationDock = nullptr;
    QDockWidget* m_cardDock = nullptr;
    QDockWidget* m_planDock = nullptr;

    QLabel* m_statusLabel = nullptr;
    QLabel* m_opLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QSlider* m_speed = nullptr;
    QTimer* m_playTimer = nullptr;
    QTimer* m_retokenize = nullptr;
    QMenu* m_sampleMenu = nullptr;
    QMenu* m_recentMenu = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_layerAction = nullptr;
    QAction* m_passAction = nullptr;
    QAction* m_decodeAction = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_restartAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_runPromptAction = nullptr;
    QAction* m_darkAction = nullptr;

    SessionActions* m_sessions = nullptr;
    LessonPanel* m_lessonPanel = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    QMenu* m_lessonsMenu = nullptr;
    QToolBar* m_transport = nullptr;

    int m_selectedPosition = -1;
    QString m_pendingPrompt;
    QString m_promptTail; // offered when the prompt was longer than the context (promptTooLong)
    int m_promptTailFrom = 0; // the long prompt's tokens
};

} // namespace ui

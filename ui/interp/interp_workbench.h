#pragma once
// The interpretability area of the window: one tab of the main tab widget holding its own tabs (the logit lens, the
// direct logit attribution, the head table, and any view added with addView), one InterpController following the
// window's session, and a progress bar with Cancel for the analysis running. Ctrl+3 brings it to the front.
#include "ui/widgets/view_export.h"
#include "ui/widgets/view_names.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace ui {

class AttributionPanel;
class HeadTablePanel;
class InterpController;
class LogitLensPanel;
class SessionController;

class InterpWorkbench : public QWidget {
    Q_OBJECT
public:
    explicit InterpWorkbench(SessionController* session, QWidget* parent = nullptr);

    // Another interpretability view as a tab (e.g. the interventions' views); returns its tab index.
    int addView(QWidget* view, const QString& title);
    QTabWidget* tabs() const { return m_tabs; }
    InterpController* controller() const { return m_controller; }
    LogitLensPanel* lensPanel() const { return m_lens; }
    AttributionPanel* attributionPanel() const { return m_attribution; }
    HeadTablePanel* headPanel() const { return m_heads; }

    // A view of ViewSide::Interp to the front of this area (showRequested asks for the area itself); `settings`
    // (lens: target, colour=probability|rank; attribution: target, minus; heads: target, position,
    // colour=sink|previous|induction|attention|ablation) fill its fields and run it. False for another view or bad
    // settings.
    bool showView(View view, const QString& settings = {});
    QWidget* viewWidget(View view) const; // nullptr for a view of another side
    std::optional<View> currentView() const;
    CsvTable table(View view) const;
    // For screenshots: shows `name`, runs its analysis (the head scan too) and calls `ready` once it has its numbers.
    bool prepareView(const QString& name, std::function<void()> ready);

signals:
    void jumpRequested(int nodeIndex); // a part of the attribution was clicked: the stepper should go to that op
    void showRequested(); // showView() brought one of its views to the front: the window should show this area

private:
    InterpController* m_controller;
    QTabWidget* m_tabs;
    LogitLensPanel* m_lens;
    AttributionPanel* m_attribution;
    HeadTablePanel* m_heads;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
};

} // namespace ui

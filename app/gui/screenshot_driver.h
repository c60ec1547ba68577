#pragma once
// Headless runs for documentation images and tests: load a model, set a prompt, step, pick a view, save the
// window as a PNG and quit. Chained on the controller's signals, so it waits exactly as long as the work takes.
#include "ui/widgets/view_names.h"

#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

namespace ui {
class MainWindow;
}

class ScreenshotDriver : public QObject {
    Q_OBJECT
public:
    struct Plan {
        QString model;
        QString prompt;
        int step = -1; // ops to run (-1 = none)
        bool runPrefill = false;
        int decodePasses = 0; // after the prefill: append the most likely token and run its decode pass, N times
        QString view = ui::viewName(ui::View::Tensor); // a name of ui::viewTable() ("sampling:top_k=8" too)
        QString file; // PNG of the whole window to write; empty = stay open (interactive)
        QString exportFile; // --export: the view alone as .png / .svg / .csv (ui/widgets/view_export.h)
        double exportScale = 1; // PNG scale of --export (1, 2 or 4)
        int selectToken = -1;
        int layer = -1; // attention head to show (with head)
        int head = -1;
        double zoom = 1; // tensor heatmap zoom
        int flashTile = -1; // >= 0: FlashAttention on the enlarged head, at this tile (0 = the first)
        QStringList interventions; // --ablate: the intervention list (core specs), set once the prompt is ready
        QString compareWith; // another file of the model: the quantization view compares it on the prompt
    };
    ScreenshotDriver(ui::MainWindow* window, Plan plan);
    void start();

signals:
    void done(int exitCode);

private:
    void afterPrompt();
    int targetCursor(int ops) const; // where the current pass stops (ops = ops per pass)
    void finish();
    void write(); // the window (--screenshot) or the view (--export)
    bool headless() const { return !m_plan.file.isEmpty() || !m_plan.exportFile.isEmpty(); }

    ui::MainWindow* m_window;
    Plan m_plan;
    bool m_stepping = false;
    int m_decoded = 0;
    bool m_finished = false;
};

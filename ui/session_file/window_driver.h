#pragma once
// Puts the explorer window where a WindowTarget says, one field after another, waiting between them until the
// engine has answered (a model loads, a prompt is prefilled, a seek lands). The one place sessions and lessons move
// the window, so both use exactly what a user's clicks would do.
#include "ui/session/model_info.h"
#include "ui/session_file/window_target.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

namespace ui {

class MainWindow;

class WindowDriver : public QObject {
    Q_OBJECT
public:
    explicit WindowDriver(MainWindow* window, QObject* parent = nullptr);

    // Starts applying `target` (a running apply is abandoned). finished() or failed() follows, once.
    void apply(const WindowTarget& target);
    bool isRunning() const;

    // The plan node `op` names (see WindowTarget::op) in the loaded model; -1 when there is none.
    static int findNode(const QVector<PlanNodeInfo>& plan, const QString& op, int layer);

    static constexpr int kTimeoutMs = 120000; // a model that takes longer to load than this is reported

signals:
    void finished();
    void failed(const QString& message);

private:
    bool settled() const;
    void next();
    void fail(const QString& message);

    QPointer<MainWindow> m_window;
    QTimer* m_poll;
    WindowTarget m_target;
    QVector<std::function<bool()>> m_steps; // each returns false when it failed (and reported it)
    int m_step = 0;
    int m_waited = 0;
    bool m_running = false;
    bool m_idleBefore = false;
};

} // namespace ui

#pragma once
// For the projector: a zoom of the whole interface (Ctrl + / Ctrl − / Ctrl 0, remembered) and View ▸ Presentation
// (F12): high-contrast colours, the docks and the diagram hidden so the view in front fills the window, full
// screen, and its own zoom (150% at first). The zoom scales the application font; every painter derives its sizes
// from font(), so labels grow with it, and secondaryFont() stops shrinking secondary labels while presenting.
#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPalette>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace ui {

class PresentationMode : public QObject {
    Q_OBJECT
public:
    static constexpr double kPresentationZoom = 1.5; // the first zoom of presentation mode
    // The zoom steps of Ctrl + / Ctrl −.
    static constexpr double kZooms[] = { 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

    // Adds the actions to `viewMenu` and `window`. `remember`: read and save the zooms in QSettings;
    // `fullScreen`: presenting also makes the window full screen (off for screenshots and tests).
    PresentationMode(QMainWindow* window, QMenu* viewMenu, bool remember, bool fullScreen);
    ~PresentationMode() override;

    bool isActive() const { return m_active; }
    double zoom() const { return m_active ? m_presentZoom : m_normalZoom; }
    void setActive(bool on);
    void setZoom(double zoom); // of the current mode; clamped to the steps' range
    void zoomIn();
    void zoomOut();
    QAction* presentAction() const { return m_present; }
    QList<QAction*> zoomActions() const { return { m_zoomIn, m_zoomOut, m_zoomReset }; }

    // `base` made smaller by `factor` for secondary labels (axis ticks, edge log-probabilities, pruned nodes) —
    // except while presenting, where every label keeps the full size (read from the back of the room).
    static QFont secondaryFont(const QFont& base, double factor = 0.85);
    static bool presenting(); // some window of the application is in presentation mode
    static QPalette highContrast();

signals:
    void zoomChanged(double zoom);
    void activeChanged(bool active);

private:
    void applyZoom();
    // `font` (of `owner`'s `which` part) at `zoom`, its size at zoom 1 kept on the owner the first time.
    QFont zoomed(QObject* owner, const char* which, QFont font, double zoom) const;
    int zoomedWidth(QWidget* w, const char* which, int width, double zoom) const; // the same for a fixed width

    QMainWindow* m_window;
    bool m_remember;
    bool m_fullScreen;
    bool m_active = false;
    double m_normalZoom = 1.0;
    double m_presentZoom = kPresentationZoom;
    double m_baseFontSize = 0; // the application font's point size at zoom 1
    double m_appliedZoom = 1.0; // the zoom the widgets' fonts are at now
    QPalette m_savedPalette;
    QByteArray m_savedState; // docks and tool bars before presenting
    bool m_wasFullScreen = false;
    QAction* m_present = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_zoomReset = nullptr;
};

} // namespace ui

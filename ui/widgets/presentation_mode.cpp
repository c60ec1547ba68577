#include "ui/widgets/presentation_mode.h"

#include <QAbstractAxis>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QHeaderView>
#include <QLegend>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QResizeEvent>
#include <QSettings>
#include <QSplitter>
#include <QTableView>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
    const char* kPresenting = "ie_presenting"; // qApp property read by secondaryFont()
    const char* kBasePointSize = "ie_basePointSize"; // a widget's own font size at zoom 1
    const char* kBaseFontSize = "ie_baseFontSize"; // qApp property: the application font's size at zoom 1
    const char* kBaseMaxHeight = "ie_baseMaxHeight"; // a text box's maximum height at zoom 1

    double clampZoom(double z)
    {
        return std::clamp(z, PresentationMode::kZooms[0], std::end(PresentationMode::kZooms)[-1]);
    }
}

PresentationMode::PresentationMode(QMainWindow* window, QMenu* viewMenu, bool remember, bool fullScreen)
    : QObject(window)
    , m_window(window)
    , m_remember(remember)
    , m_fullScreen(fullScreen)
{
    // The font at zoom 1, kept on the application: a second window (or a test's next one) must not take a zoomed
    // font for its base.
    if (!qApp->property(kBaseFontSize).isValid())
        qApp->setProperty(kBaseFontSize, QApplication::font().pointSizeF());
    m_baseFontSize = qApp->property(kBaseFontSize).toDouble();
    auto make = [this](const QString& text, const QList<QKeySequence>& keys, const QString& tip) {
        auto* a = new QAction(text, m_window);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setStatusTip(tip);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString(QKeySequence::NativeText)));
        m_window->addAction(a);
        return a;
    };
    m_present = make(tr("&Presentation"), { QKeySequence(Qt::Key_F12) },
        tr("Presentation mode: high contrast, the view fills the screen, large text"));
    m_present->setCheckable(true);
    m_zoomIn = make(tr("Zoom &in"), { QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal) },
        tr("Larger text everywhere"));
    m_zoomOut = make(tr("Zoom &out"), { QKeySequence(Qt::CTRL | Qt::Key_Minus) }, tr("Smaller text everywhere"));
    m_zoomReset = make(tr("Actual si&ze"), { QKeySequence(Qt::CTRL | Qt::Key_0) }, tr("Text at 100%"));
    connect(m_present, &QAction::toggled, this, &PresentationMode::setActive);
    connect(m_zoomIn, &QAction::triggered, this, &PresentationMode::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &PresentationMode::zoomOut);
    connect(m_zoomReset, &QAction::triggered, this, [this] { setZoom(1.0); });
    if (viewMenu) {
        viewMenu->addAction(m_present);
        viewMenu->addAction(m_zoomIn);
        viewMenu->addAction(m_zoomOut);
        viewMenu->addAction(m_zoomReset);
    }
    if (m_remember) {
        QSettings settings;
        m_normalZoom = clampZoom(settings.value(QStringLiteral("zoom/normal"), 1.0).toDouble());
        m_presentZoom = clampZoom(settings.value(QStringLiteral("zoom/presentation"), kPresentationZoom).toDouble());
        if (m_normalZoom != 1.0)
            applyZoom();
    }
}

PresentationMode::~PresentationMode()
{
    // The application outlives the window: leave its palette, font and flag as they were before presenting.
    if (m_active)
        QApplication::setPalette(m_savedPalette);
    qApp->setProperty(kPresenting, false);
    QFont app = QApplication::font();
    app.setPointSizeF(m_baseFontSize);
    QApplication::setFont(app);
}

void PresentationMode::setActive(bool on)
{
    if (on == m_active)
        return;
    m_active = on;
    if (m_present->isChecked() != on) {
        const QSignalBlocker block(m_present);
        m_present->setChecked(on);
    }
    qApp->setProperty(kPresenting, on);
    auto* splitter = m_window->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
    if (on) {
        m_savedState = m_window->saveState();
        m_savedPalette = QApplication::palette();
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>())
            dock->hide();
        if (splitter && splitter->count() > 1)
            splitter->widget(0)->hide(); // the diagram: the view in front gets its width
        QApplication::setPalette(highContrast());
        m_wasFullScreen = m_window->isFullScreen();
        if (m_fullScreen)
            m_window->showFullScreen();
    } else {
        QApplication::setPalette(m_savedPalette);
        if (splitter && splitter->count() > 1)
            splitter->widget(0)->show();
        m_window->restoreState(m_savedState);
        if (m_fullScreen && !m_wasFullScreen)
            m_window->showNormal();
    }
    applyZoom();
    emit activeChanged(on);
}

void PresentationMode::setZoom(double zoom)
{
    zoom = clampZoom(zoom);
    (m_active ? m_presentZoom : m_normalZoom) = zoom;
    if (m_remember)
        QSettings().setValue(m_active ? QStringLiteral("zoom/presentation") : QStringLiteral("zoom/normal"), zoom);
    applyZoom();
}

void PresentationMode::zoomIn()
{
    const double* next = std::upper_bound(std::begin(kZooms), std::end(kZooms), zoom() + 1e-9);
    setZoom(next == std::end(kZooms) ? zoom() : *next);
}

void PresentationMode::zoomOut()
{
    const double* at = std::lower_bound(std::begin(kZooms), std::end(kZooms), zoom() - 1e-9);
    setZoom(at == std::begin(kZooms) ? zoom() : *(at - 1));
}

QFont PresentationMode::zoomed(QObject* owner, const char* which, QFont font, double zoom) const
{
    if (font.pointSizeF() <= 0)
        return font; // sized in pixels: left alone
    const QByteArray key = QByteArray("ie_basePointSize_") + which;
    if (!owner->property(key.constData()).isValid())
        owner->setProperty(key.constData(), font.pointSizeF() / m_appliedZoom);
    font.setPointSizeF(owner->property(key.constData()).toDouble() * zoom);
    return font;
}

int PresentationMode::zoomedWidth(QWidget* w, const char* which, int width, double zoom) const
{
    const QByteArray key = QByteArray("ie_baseWidth_") + which;
    if (!w->property(key.constData()).isValid())
        w->setProperty(key.constData(), width / m_appliedZoom);
    return int(std::lround(w->property(key.constData()).toDouble() * zoom));
}

void PresentationMode::applyZoom()
{
    const double z = zoom();
    QFont app = QApplication::font();
    app.setPointSizeF(m_baseFontSize * z);
    QApplication::setFont(app);
    // Widgets that set their own font (a larger answer text, a bold title) keep their proportion to the rest.
    QList<QWidget*> widgets = m_window->findChildren<QWidget*>();
    widgets << m_window;
    for (QWidget* w : widgets) {
        if (w->testAttribute(Qt::WA_SetFont) && w->font().pointSizeF() > 0) {
            if (!w->property(kBasePointSize).isValid())
                w->setProperty(kBasePointSize, w->font().pointSizeF() / m_appliedZoom);
            QFont f = w->font();
            f.setPointSizeF(w->property(kBasePointSize).toDouble() * z);
            w->setFont(f);
        }
        // Charts keep their own fonts (the chart theme's): title, legend and axes follow the zoom too.
        if (auto* view = qobject_cast<QChartView*>(w); view && view->chart()) {
            QChart* chart = view->chart();
            chart->setTitleFont(zoomed(chart, "title", chart->titleFont(), z));
            chart->legend()->setFont(zoomed(chart->legend(), "legend", chart->legend()->font(), z));
            for (QAbstractAxis* axis : chart->axes()) {
                axis->setLabelsFont(zoomed(axis, "labels", axis->labelsFont(), z));
                axis->setTitleFont(zoomed(axis, "title", axis->titleFont(), z));
            }
        }
        // Qt's own widgets given a width for the 100% font (a panel's minimum, a progress bar's maximum, a value
        // label measured from "-00.00") keep it in proportion; our widgets size themselves from their font.
        if (!QByteArray(w->metaObject()->className()).startsWith("ui::")) {
            if (w->minimumWidth() > 0)
                w->setMinimumWidth(zoomedWidth(w, "min", w->minimumWidth(), z));
            if (w->maximumWidth() < QWIDGETSIZE_MAX)
                w->setMaximumWidth(zoomedWidth(w, "max", w->maximumWidth(), z));
        }
        // Rows and boxes sized from the font when they were made follow it.
        if (auto* table = qobject_cast<QTableView*>(w))
            table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
        if (auto* edit = qobject_cast<QPlainTextEdit*>(w); edit && edit->maximumHeight() < QWIDGETSIZE_MAX) {
            if (!edit->property(kBaseMaxHeight).isValid())
                edit->setProperty(kBaseMaxHeight, edit->maximumHeight());
            edit->setMaximumHeight(int(std::lround(edit->property(kBaseMaxHeight).toInt() * z)));
        }
    }
    m_appliedZoom = z;
    // The window lays out the token strip on resize; a new font needs the same.
    QApplication::postEvent(m_window, new QResizeEvent(m_window->size(), m_window->size()));
    emit zoomChanged(z);
}

bool PresentationMode::presenting() { return qApp->property(kPresenting).toBool(); }

QFont PresentationMode::secondaryFont(const QFont& base, double factor)
{
    QFont f = base;
    if (!presenting())
        f.setPointSizeF(std::max(7.0, base.pointSizeF() * factor));
    return f;
}

QPalette PresentationMode::highContrast()
{
    // Black on white with saturated accents: projectors wash out greys and pale colours.
    QPalette p;
    p.setColor(QPalette::Window, Qt::white);
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Button, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::ButtonText, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0xd5, 0x5e, 0x00)); // Okabe–Ito vermillion
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Dark, Qt::black);
    p.setColor(QPalette::ToolTipBase, Qt::white);
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x00, 0x48, 0xa0));
    return p;
}

} // namespace ui

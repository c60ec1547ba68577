#include "ui/interp/interp_workbench.h"

#include "ui/interp/attribution_panel.h"
#include "ui/interp/head_score_model.h"
#include "ui/interp/head_table_panel.h"
#include "ui/interp/interp_controller.h"
#include "ui/interp/lens_grid.h"
#include "ui/interp/logit_lens_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <map>
#include <memory>

namespace ui {

namespace {
    // "target= Paris,minus= Berlin,position=4" -> {target: " Paris", ...}; values keep their spaces. False for a
    // key `allowed` does not name or a part without '='.
    bool parseSettings(const QString& settings, const QStringList& allowed, std::map<QString, QString>* out)
    {
        if (settings.isEmpty())
            return true;
        for (const QString& part : settings.split(QLatin1Char(','))) {
            const qsizetype eq = part.indexOf(QLatin1Char('='));
            if (eq <= 0 || !allowed.contains(part.left(eq)))
                return false;
            (*out)[part.left(eq)] = part.mid(eq + 1);
        }
        return true;
    }
}

InterpWorkbench::InterpWorkbench(SessionController* session, QWidget* parent)
    : QWidget(parent)
    , m_controller(new InterpController(session, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_lens = new LogitLensPanel(m_controller);
    m_attribution = new AttributionPanel(m_controller);
    m_heads = new HeadTablePanel(m_controller);
    m_tabs->addTab(m_lens, tr("Logit &lens"));
    m_tabs->addTab(m_attribution, tr("Logit attrib&ution"));
    m_tabs->addTab(m_heads, tr("Hea&d table"));
    layout->addWidget(m_tabs, 1);

    auto* bottom = new QHBoxLayout;
    bottom->setContentsMargins(6, 0, 6, 4);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the running analysis (Esc)")); // the window's Cancel action (Esc) cancels it too
    m_cancel->hide();
    bottom->addStretch(1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_cancel);
    layout->addLayout(bottom);

    connect(m_cancel, &QPushButton::clicked, m_controller, &InterpController::cancel);
    connect(m_controller, &InterpController::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_controller, &InterpController::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        m_cancel->setVisible(busy);
        if (busy)
            m_progress->setRange(0, 0); // busy until the first progress report
    });
    connect(m_attribution, &AttributionPanel::jumpRequested, this, &InterpWorkbench::jumpRequested);
}

int InterpWorkbench::addView(QWidget* view, const QString& title) { return m_tabs->addTab(view, title); }

QWidget* InterpWorkbench::viewWidget(View view) const
{
    switch (view) {
    case View::Lens:
        return m_lens;
    case View::Attribution:
        return m_attribution;
    case View::Heads:
        return m_heads;
    default:
        return nullptr;
    }
}

std::optional<View> InterpWorkbench::currentView() const
{
    for (View v : { View::Lens, View::Attribution, View::Heads })
        if (m_tabs->currentWidget() == viewWidget(v))
            return v;
    return std::nullopt;
}

bool InterpWorkbench::showView(View view, const QString& settings)
{
    QWidget* w = viewWidget(view);
    if (!w)
        return false;
    std::map<QString, QString> s;
    switch (view) {
    case View::Lens: {
        if (!parseSettings(settings, { QStringLiteral("target"), QStringLiteral("colour") }, &s))
            return false;
        const QString colour = s.count(QStringLiteral("colour")) ? s[QStringLiteral("colour")] : QString();
        if (!colour.isEmpty() && colour != QLatin1String("rank") && colour != QLatin1String("probability"))
            return false;
        m_tabs->setCurrentWidget(w);
        emit showRequested();
        if (!colour.isEmpty())
            m_lens->setColourByRank(colour == QLatin1String("rank"));
        if (s.count(QStringLiteral("target")))
            m_lens->setTarget(s[QStringLiteral("target")]);
        return true;
    }
    case View::Attribution:
        if (!parseSettings(settings, { QStringLiteral("target"), QStringLiteral("minus") }, &s))
            return false;
        m_tabs->setCurrentWidget(w);
        emit showRequested();
        if (!s.empty())
            m_attribution->setTokens(s[QStringLiteral("target")], s[QStringLiteral("minus")]);
        return true;
    case View::Heads: {
        static const std::map<QString, int> scores { { QStringLiteral("sink"), HeadScoreModel::Sink },
            { QStringLiteral("previous"), HeadScoreModel::Previous },
            { QStringLiteral("induction"), HeadScoreModel::Induction },
            { QStringLiteral("attention"), HeadScoreModel::AttentionTo },
            { QStringLiteral("ablation"), HeadScoreModel::Ablation } };
        if (!parseSettings(
                settings, { QStringLiteral("target"), QStringLiteral("position"), QStringLiteral("colour") }, &s))
            return false;
        bool ok = true;
        const int position = s.count(QStringLiteral("position")) ? s[QStringLiteral("position")].toInt(&ok) : -1;
        const auto score = s.count(QStringLiteral("colour")) ? scores.find(s[QStringLiteral("colour")]) : scores.end();
        if (!ok || (s.count(QStringLiteral("colour")) && score == scores.end()))
            return false;
        m_tabs->setCurrentWidget(w);
        emit showRequested();
        if (score != scores.end())
            m_heads->setScore(score->second);
        if (s.count(QStringLiteral("target")) || s.count(QStringLiteral("position")))
            m_heads->setInputs(s[QStringLiteral("target")], position);
        return true;
    }
    default:
        return false;
    }
}

CsvTable InterpWorkbench::table(View view) const
{
    switch (view) {
    case View::Lens:
        return m_lens->table();
    case View::Attribution:
        return m_attribution->table();
    case View::Heads:
        return m_heads->table();
    default:
        return {};
    }
}

bool InterpWorkbench::prepareView(const QString& name, std::function<void()> readyOnce)
{
    const std::optional<View> view = viewFromName(name);
    if (!view || viewSide(*view) != ViewSide::Interp)
        return false;
    // The connections below live until the view is ready (then they go, so a later run does not answer again).
    auto connections = std::make_shared<QList<QMetaObject::Connection>>();
    auto ready = [readyOnce, connections] {
        if (connections->isEmpty())
            return;
        for (const QMetaObject::Connection& c : std::as_const(*connections))
            disconnect(c);
        connections->clear();
        readyOnce();
    };
    using A = InterpController::Analysis;
    *connections << connect(m_controller, &InterpController::failed, this, [ready](A, const QString&) { ready(); });
    switch (*view) {
    case View::Lens:
        // The finished lens with its last cell (the model's own prediction) opened in the top-10 list.
        *connections << connect(m_controller, &InterpController::lensChanged, this, [this](const LensSnapshot& lens) {
            if (lens.complete) {
                const int site = int(lens.sites.size()) - 1, position = lens.positions() - 1;
                m_lens->grid()->selectCell(site, position);
                m_controller->requestLensTop(site, position);
            }
        });
        *connections << connect(m_controller, &InterpController::lensTopReady, this, [ready] { ready(); });
        break;
    case View::Attribution:
        *connections << connect(m_controller, &InterpController::attributionChanged, this, [ready] { ready(); });
        break;
    case View::Heads:
        *connections << connect(m_controller, &InterpController::headsChanged, this, [ready] { ready(); });
        break;
    default:
        break;
    }
    if (!showView(*view, viewSettings(name))) {
        for (const QMetaObject::Connection& c : std::as_const(*connections))
            disconnect(c);
        return false;
    }
    // Without settings nothing ran yet (or the tab's own run may not have, offscreen): run it now.
    if (viewSettings(name).isEmpty() || *view == View::Heads) {
        if (*view == View::Lens)
            m_lens->run();
        else if (*view == View::Attribution)
            m_attribution->run();
        else
            m_heads->run();
    }
    return true;
}

} // namespace ui

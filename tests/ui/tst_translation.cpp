// The Turkish interface: the .qm embedded in ie_ui_widgets loads, the window built under it shows Turkish menus,
// actions, tabs and status texts, menus have no clashing mnemonics, the tool bar still fits at 1280x800, and the
// .ts file is complete (no unfinished or empty entry, every placeholder, tag and mnemonic kept) and up to date with
// the tr() calls of ui/ and app/gui.
#include "random_model.h"

#include "core/decoding/stop_reason.h"
#include "core/plan/execution_plan.h"
#include "core/sampling/stage_kind.h"
#include "ui/session/op_label.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/interface_language.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/view_names.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <QXmlStreamReader>

using ui::InterfaceLanguage;
using ui::MainWindow;

namespace {

struct Message {
    QString context;
    QString source;
    QStringList translations; // one, or one per numerus form
    QString type; // "unfinished", "vanished", "obsolete" or empty
    bool numerus = false;
};

QList<Message> readTs(const QString& path, QString* error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message { context, {}, {}, {},
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes") };
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                while (xml.readNextStartElement())
                    m.translations << xml.readElementText(); // <numerusform>
            } else {
                m.translations << xml.readElementText();
            }
            messages << m;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return messages;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n|v|m|p)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.removeDuplicates();
    found.sort();
    return found;
}

QStringList tags(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("</?([a-zA-Z]+)[^>]*>"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        found << (match.captured(0).startsWith(QLatin1String("</")) ? QLatin1Char('/') : QLatin1Char('<'))
                + match.captured(1).toLower();
    }
    found.sort();
    return found;
}

// The mnemonic letter of a menu or tab text ("&File" -> 'F'), or a null QChar; "&&" and "&nbsp;" are not mnemonics.
QChar mnemonic(const QString& text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        if (text.mid(i, 6) == QLatin1String("&nbsp;"))
            continue;
        return text[i + 1].toUpper();
    }
    return {};
}

QString turkish(const char* context, const char* source) { return QCoreApplication::translate(context, source); }

// A node as the window holds it, with a name and a core label that mean nothing: a label that comes out right was
// made from the fields.
ui::PlanNodeInfo nodeInfo(const core::PlanNode& n)
{
    ui::PlanNodeInfo p;
    p.opKind = n.kind;
    p.part = n.part;
    p.norm = n.norm;
    p.activation = n.activation;
    p.positional = n.positional;
    p.layer = n.layer;
    p.head = n.head;
    p.kind = QStringLiteral("no_such_kind");
    p.name = QStringLiteral("garbage.name");
    p.coreLabel = QStringLiteral("layer 9 · garbage words RMSNorm");
    return p;
}

ui::PlanNodeInfo nodeInfo(core::NodePart part, int layer, int head)
{
    core::PlanNode n;
    n.part = part;
    n.layer = layer;
    n.head = head;
    return nodeInfo(n);
}

core::ModelConfig config(core::NormKind norm, core::Positional positional, core::Activation activation,
    core::NormPlacement placement = core::NormPlacement::Pre)
{
    core::ModelConfig c;
    c.vocab = 64;
    c.dim = 16;
    c.hidden = 32;
    c.nLayers = 2;
    c.nHeads = 2;
    c.nKvHeads = 2;
    c.headDim = 8;
    c.maxPositions = 32;
    c.norm = norm;
    c.positional = positional;
    c.activation = activation;
    c.placement = placement;
    return c;
}

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void tsFileIsComplete();
    void tsFileCoversEveryTrCall();
    void windowIsTurkish();
    void menusHaveDistinctMnemonics();
    void toolBarFits();
    void statusTextsAreTurkish();
    void languageChoice();
    void explanationsFollowTheInterface();
    void opLabelsFollowTheInterface();
    void opLabelsAreBuiltFromFields();
    void noKindOrLabelStringIsCompared();

private:
    QTemporaryDir m_dir;
    QTranslator m_translator;
};

void TestTranslation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings of this test (the interface language, recent models) live in a temporary folder.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("InferenceExplorerTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translation"));

    const QString qm = InterfaceLanguage::qmResource(QStringLiteral("tr"));
    QVERIFY2(QFile::exists(qm), qPrintable(qm + QStringLiteral(" is not embedded")));
    QVERIFY2(m_translator.load(qm), qPrintable(QStringLiteral("cannot load ") + qm));
    QCOMPARE(m_translator.language(), QStringLiteral("tr_TR"));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestTranslation::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
    InterfaceLanguage::install(QStringLiteral("en"));
}

void TestTranslation::tsFileIsComplete()
{
    QString error;
    const QList<Message> messages = readTs(QStringLiteral(IE_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() >= 300, qPrintable(QStringLiteral("only %1 messages").arg(messages.size())));
    int numerus = 0;
    for (const Message& m : messages) {
        const QString where = QStringLiteral("%1: \"%2\"").arg(m.context, m.source);
        QVERIFY2(m.type.isEmpty(), qPrintable(where + QStringLiteral(" is ") + m.type));
        QVERIFY2(!m.translations.isEmpty(), qPrintable(where + QStringLiteral(" has no translation")));
        numerus += m.numerus ? 1 : 0;
        for (const QString& t : m.translations) {
            QVERIFY2(!t.trimmed().isEmpty(), qPrintable(where + QStringLiteral(" has an empty translation")));
            QCOMPARE(placeholders(t), placeholders(m.source));
            QCOMPARE(tags(t), tags(m.source));
            QVERIFY2(mnemonic(t).isNull() == mnemonic(m.source).isNull(),
                qPrintable(where + QStringLiteral(": mnemonic lost or added in ") + t));
            QCOMPARE(t.startsWith(QLatin1Char('\n')), m.source.startsWith(QLatin1Char('\n')));
        }
        if (m.numerus)
            QVERIFY2(m.source.contains(QLatin1String("%n")), qPrintable(where));
    }
    QVERIFY(numerus > 0);
}

void TestTranslation::tsFileCoversEveryTrCall()
{
    // lupdate on a copy: nothing new to translate and nothing dropped means the file matches the sources.
    const QString copy = m_dir.filePath(QStringLiteral("inference-explorer_tr.ts"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(QStringLiteral(IE_TS_FILE), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QString error;
    const qsizetype before = readTs(copy, &error).size();
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(IE_SOURCE_DIR));
    lupdate.start(QStringLiteral(IE_LUPDATE),
        { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-I"),
            QStringLiteral(IE_SOURCE_DIR), QStringLiteral("ui"), QStringLiteral("app/gui"), QStringLiteral("-ts"),
            copy });
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    const QList<Message> after = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList fresh;
    for (const Message& m : after)
        if (m.type == QLatin1String("unfinished"))
            fresh << QStringLiteral("%1: \"%2\"").arg(m.context, m.source);
    QVERIFY2(fresh.isEmpty(),
        qPrintable(QStringLiteral("tr() texts missing from the .ts (cmake --build BUILD --target update_translations, "
                                  "then translate them):\n")
            + fresh.join(QLatin1Char('\n'))));
    QCOMPARE(after.size(), before);
}

void TestTranslation::windowIsTurkish()
{
    MainWindow window(MainWindow::Options { false, false });
    QStringList actionTexts;
    for (QAction* a : window.findChildren<QAction*>())
        actionTexts << a->text();
    // Transport actions, each translated and none left in English.
    for (const char* source :
        { "&Step", "Next &token", "Step &back", "Run to end of &pass", "&Play", "&Open model…" }) {
        const QString translated = turkish("ui::MainWindow", source);
        QVERIFY2(translated != QLatin1String(source), source);
        QVERIFY2(actionTexts.contains(translated), qPrintable(translated));
        QVERIFY2(!actionTexts.contains(QLatin1String(source)), source);
    }
    // The menu bar.
    QStringList menus;
    for (QAction* a : window.menuBar()->actions())
        menus << a->text();
    for (const char* source : { "&File", "&Run", "&View", "&Help" }) {
        QVERIFY2(turkish("ui::MainWindow", source) != QLatin1String(source), source);
        QVERIFY2(menus.contains(turkish("ui::MainWindow", source)), qPrintable(menus.join(QLatin1Char(','))));
    }
    // View ▸ Interface language.
    auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("interfaceLanguageMenu"));
    QVERIFY(languageMenu);
    QCOMPARE(languageMenu->title(), turkish("ui::InterfaceLanguage", "Interface &language"));
    QVERIFY(languageMenu->title() != QLatin1String("Interface &language"));
    QStringList languages;
    for (QAction* a : languageMenu->actions())
        languages << a->text();
    QCOMPARE(languages, QStringList({ QStringLiteral("English"), QStringLiteral("Türkçe") }));
    // The tabs of the centre.
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QStringList tabTexts;
    for (int i = 0; i < tabs->count(); ++i)
        tabTexts << tabs->tabText(i);
    for (auto [context, source] : { std::pair { "ui::MainWindow", "&Tensor" }, { "ui::MainWindow", "&Attention" },
             { "ui::DecodingWorkbench", "&Sampling lab" }, { "ui::DecodingWorkbench", "&Generation" },
             { "ui::DecodingWorkbench", "&Beam search" } }) {
        const QString translated = turkish(context, source);
        QVERIFY2(translated != QLatin1String(source), source);
        QVERIFY2(tabTexts.contains(translated), qPrintable(tabTexts.join(QLatin1Char(','))));
    }
}

void TestTranslation::menusHaveDistinctMnemonics()
{
    MainWindow window(MainWindow::Options { false, false });
    auto check = [](const QString& where, const QList<QAction*>& actions) {
        QHash<QChar, QString> seen;
        for (QAction* a : actions) {
            if (a->isSeparator())
                continue;
            const QChar m = mnemonic(a->text());
            if (m.isNull())
                continue;
            if (seen.contains(m))
                return QStringLiteral("%1: \"%2\" and \"%3\" share Alt+%4").arg(where, seen[m], a->text(), QString(m));
            seen.insert(m, a->text());
        }
        return QString();
    };
    QString clash = check(QStringLiteral("menu bar"), window.menuBar()->actions());
    QVERIFY2(clash.isEmpty(), qPrintable(clash));
    const auto menus = window.findChildren<QMenu*>();
    QVERIFY(menus.size() >= 5);
    for (QMenu* menu : menus) {
        clash = check(menu->title(), menu->actions());
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
    }
    // The Play action turns into Pause: Pause must not clash in the Run menu either.
    QMenu* run = nullptr;
    for (QMenu* menu : menus)
        if (menu->title() == turkish("ui::MainWindow", "&Run"))
            run = menu;
    QVERIFY(run);
    QList<QAction*> withPause = run->actions();
    auto* pause = new QAction(turkish("ui::MainWindow", "&Pause"), run);
    withPause << pause;
    for (QAction* a : run->actions())
        if (a->text() == turkish("ui::MainWindow", "&Play"))
            withPause.removeOne(a);
    clash = check(QStringLiteral("Run (playing)"), withPause);
    QVERIFY2(clash.isEmpty(), qPrintable(clash));
}

void TestTranslation::toolBarFits()
{
    MainWindow window(MainWindow::Options { false, false });
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* bar = window.findChild<QToolBar*>(QStringLiteral("transport"));
    QVERIFY(bar);
    QTest::qWait(50); // the tool bar lays itself out after the first show
    if (auto* extension = bar->findChild<QWidget*>(QStringLiteral("qt_toolbar_ext_button")))
        QVERIFY2(!extension->isVisible(), "the tool bar overflows: its extension button is shown");
    for (QAction* a : bar->actions()) {
        QWidget* w = bar->widgetForAction(a);
        if (a->isSeparator() || !w)
            continue;
        QVERIFY2(w->isVisible(),
            qPrintable(QStringLiteral("\"%1\" does not fit in the tool bar at 1280 pixels").arg(a->text())));
        QVERIFY2(w->geometry().right() <= bar->contentsRect().right(), qPrintable(a->text()));
    }
}

void TestTranslation::statusTextsAreTurkish()
{
    QTemporaryDir models;
    QVERIFY(models.isValid());
    const QString model = testing::makeRandomModel(models);
    MainWindow window(MainWindow::Options { false, false });
    QCOMPARE(window.statusText(),
        turkish("ui::MainWindow", "No model loaded — File ▸ Open model… (Ctrl+O) or drop a model folder here."));
    QVERIFY(window.statusText().startsWith(QStringLiteral("Model yüklenmedi")));
    window.setPromptText(QStringLiteral("abcdef"));
    window.openModel(model);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->hasPass(), 10000);
    QTRY_VERIFY(!window.controller()->isBusy());
    // "Prefill · ready: N ops to run", in Turkish.
    const int total = window.controller()->current().total;
    const QString phase = QCoreApplication::translate("StepSnapshot", "Prefill");
    const QString ready
        = QCoreApplication::translate("StepSnapshot", "%1 · ready: %n op(s) to run", nullptr, total).arg(phase);
    QVERIFY(!ready.contains(QLatin1String("ready")));
    QTRY_COMPARE(window.statusText(), ready);
}

void TestTranslation::languageChoice()
{
    QCOMPARE(InterfaceLanguage::normalized(QStringLiteral("tr_TR")), QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::normalized(QStringLiteral("TR")), QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::normalized(QStringLiteral("en-GB")), QStringLiteral("en"));
    QCOMPARE(InterfaceLanguage::normalized(QStringLiteral("de")), QString());
    const QString exe = QStringLiteral("inference-explorer");
    QCOMPARE(InterfaceLanguage::fromArguments({ exe, QStringLiteral("--ui-lang"), QStringLiteral("tr") }),
        QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::fromArguments(
                 { exe, QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("--ui-lang=en") }),
        QStringLiteral("en"));
    QCOMPARE(InterfaceLanguage::fromArguments({ exe, QStringLiteral("--lang"), QStringLiteral("tr") }), QString());

    // Command line first, then the saved setting, then the system locale.
    QSettings().remove(QStringLiteral("uiLanguage"));
    QCOMPARE(InterfaceLanguage::saved(), QString());
    QCOMPARE(InterfaceLanguage::choose(QString(), true), InterfaceLanguage::fromSystemLocale());
    InterfaceLanguage::save(QStringLiteral("tr"));
    QCOMPARE(QSettings().value(QStringLiteral("uiLanguage")).toString(), QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::choose(QString(), true), QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::choose(QStringLiteral("en"), true), QStringLiteral("en"));
    QCOMPARE(InterfaceLanguage::choose(QStringLiteral("xx"), true), QStringLiteral("tr"));
    QCOMPARE(InterfaceLanguage::fromCommandLine({ exe }), QStringLiteral("tr"));
    // A screenshot run ignores the saved setting, like every other setting.
    QCOMPARE(InterfaceLanguage::fromCommandLine({ exe, QStringLiteral("--screenshot"), QStringLiteral("x.png") }),
        QStringLiteral("en"));
    QCOMPARE(InterfaceLanguage::fromCommandLine({ exe, QStringLiteral("--screenshot"), QStringLiteral("x.png"),
                 QStringLiteral("--ui-lang"), QStringLiteral("tr") }),
        QStringLiteral("tr"));
    QSettings().remove(QStringLiteral("uiLanguage"));

    // The View menu's choice is saved.
    {
        MainWindow window(MainWindow::Options { true, false });
        auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("interfaceLanguageMenu"));
        QVERIFY(languageMenu);
        QCOMPARE(languageMenu->actions().size(), 2);
        languageMenu->actions().at(1)->trigger(); // Türkçe
        QCOMPARE(QSettings().value(QStringLiteral("uiLanguage")).toString(), QStringLiteral("tr"));
        languageMenu->actions().at(0)->trigger(); // English
        QCOMPARE(QSettings().value(QStringLiteral("uiLanguage")).toString(), QStringLiteral("en"));
        QVERIFY(languageMenu->actions().at(0)->isChecked());
    }
    QSettings().clear();
}

void TestTranslation::explanationsFollowTheInterface()
{
    QVERIFY(InterfaceLanguage::install(QStringLiteral("tr")));
    QCOMPARE(InterfaceLanguage::current(), QStringLiteral("tr"));
    {
        // No explanation language saved: the explanations are Turkish too, and that default is not saved.
        MainWindow window(MainWindow::Options { true, false });
        QCOMPARE(window.explanationPanel()->language(), QStringLiteral("tr"));
        QVERIFY(!QSettings().contains(QStringLiteral("language")));
        auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("interfaceLanguageMenu"));
        QVERIFY(languageMenu->actions().at(1)->isChecked());
    }
    {
        // A saved explanation language wins.
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("en"));
        MainWindow window(MainWindow::Options { true, false });
        QCOMPARE(window.explanationPanel()->language(), QStringLiteral("en"));
    }
    QSettings().clear();
    QVERIFY(InterfaceLanguage::install(QStringLiteral("en")));
    QCOMPARE(InterfaceLanguage::current(), QStringLiteral("en"));
    MainWindow window(MainWindow::Options { false, false });
    QCOMPARE(window.explanationPanel()->language(), QStringLiteral("en"));
}

// The op names of the diagram, the Ops list, the status line and the tensor header: composed in Turkish from the
// node's name while the Turkish translator is installed, core's English label without it.
void TestTranslation::opLabelsFollowTheInterface()
{
    const QString core = QStringLiteral("layer 1 · head 2 · attention probabilities");
    ui::PlanNodeInfo softmax = nodeInfo(core::NodePart::Softmax, 1, 2);
    softmax.opKind = core::OpKind::Softmax;
    QCOMPARE(ui::opLabel(softmax), QStringLiteral("katman 1 · baş 2 · dikkat olasılıkları"));
    ui::PlanNodeInfo norm = nodeInfo(core::NodePart::AttnNorm, 0, -1);
    norm.norm = core::NormKind::RmsNorm;
    QCOMPARE(ui::opLabel(norm), QStringLiteral("katman 0 · dikkat normu (RMSNorm)"));
    ui::PlanNodeInfo act = nodeInfo(core::NodePart::Activation, 3, -1);
    act.activation = core::Activation::GeluTanh;
    QCOMPARE(ui::opLabel(act), QStringLiteral("katman 3 · aktivasyon: gelu_tanh"));
    ui::PlanNodeInfo positions = nodeInfo(core::NodePart::Positions, -1, -1);
    positions.positional = core::Positional::Learned;
    QCOMPARE(ui::opLabel(positions), QStringLiteral("konum kodlaması (öğrenilmiş)"));
    // (A node whose name core does not know no longer exists: every node has a NodePart.)
    // The explanation panel names the op in the explanation's language, whatever the interface's.
    ui::StepSnapshot step;
    step.cursor = 0;
    step.total = 1;
    step.opKind = core::OpKind::Softmax;
    step.part = core::NodePart::Softmax;
    step.kind = QStringLiteral("softmax");
    step.name = QStringLiteral("blk.1.head.2.softmax");
    step.coreLabel = core;
    step.layer = 1;
    step.head = 2;
    step.label = ui::opLabel(step);
    ui::ExplanationPanel panel;
    panel.setLanguage(QStringLiteral("en"));
    panel.setStep(step);
    QVERIFY2(panel.markdown().contains(core), qPrintable(panel.markdown()));
    QCoreApplication::removeTranslator(&m_translator);
    QCOMPARE(ui::opLabel(softmax), core);
    panel.setLanguage(QStringLiteral("tr"));
    panel.setStep(step);
    QVERIFY2(panel.markdown().contains(QStringLiteral("katman 1 · baş 2 · dikkat olasılıkları")),
        qPrintable(panel.markdown()));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

// Every node of three differently built plans: the label in both languages comes from the node's fields (its part,
// layer, head and variant) although its name and core label are garbage; in English it is core's label of the node.
void TestTranslation::opLabelsAreBuiltFromFields()
{
    using core::Activation;
    using core::NormKind;
    using core::Positional;
    const QList<core::ModelConfig> configs {
        config(NormKind::LayerNorm, Positional::Learned, Activation::GeluTanh),
        config(NormKind::RmsNorm, Positional::Rope, Activation::SwiGlu),
        config(NormKind::LayerNorm, Positional::Sinusoidal, Activation::Relu, core::NormPlacement::Post),
    };
    int checked = 0;
    for (const core::ModelConfig& c : configs) {
        const core::ExecutionPlan plan = core::ExecutionPlan::compile(c);
        for (const core::PlanNode& n : plan.nodes()) {
            const ui::PlanNodeInfo info = nodeInfo(n);
            const QString english = QString::fromStdString(core::nodeLabel(n));
            QCOMPARE(english, QString::fromStdString(n.label));
            // Turkish (the interface translator is installed).
            const QString tr = ui::opLabel(info);
            QVERIFY2(!tr.contains(QLatin1String("garbage")), qPrintable(tr));
            QString prefix;
            if (n.layer >= 0)
                prefix += QStringLiteral("katman %1 · ").arg(n.layer);
            if (n.head >= 0)
                prefix += QStringLiteral("baş %1 · ").arg(n.head);
            const QString words = turkish("OpLabel", core::nodePartWords(n.part));
            QVERIFY2(tr.startsWith(prefix + words), qPrintable(tr + QStringLiteral(" / ") + english));
            if (n.part != core::NodePart::TokenEmbedding)
                QVERIFY2(tr != english, qPrintable(tr));
            // The explanation panel's own Turkish translator gives the same.
            ui::StepSnapshot step;
            step.opKind = n.kind;
            step.part = n.part;
            step.norm = n.norm;
            step.activation = n.activation;
            step.positional = n.positional;
            step.layer = n.layer;
            step.head = n.head;
            step.coreLabel = info.coreLabel;
            QCOMPARE(ui::opLabel(step, &m_translator), tr);
            // English: core's label of the fields, the garbage core label is not read.
            QCOMPARE(ui::englishOpLabel(step), english);
            QCoreApplication::removeTranslator(&m_translator);
            QCOMPARE(ui::opLabel(info), english);
            QVERIFY(QCoreApplication::installTranslator(&m_translator));
            ++checked;
        }
    }
    QVERIFY(checked > 60);
    // The variants in Turkish.
    ui::PlanNodeInfo norm = nodeInfo(core::NodePart::MlpNorm, 1, -1);
    norm.norm = NormKind::LayerNorm;
    QCOMPARE(ui::opLabel(norm), QStringLiteral("katman 1 · MLP normu (LayerNorm)"));
    ui::PlanNodeInfo act = nodeInfo(core::NodePart::Activation, 0, -1);
    act.activation = Activation::SwiGlu;
    QCOMPARE(ui::opLabel(act), QStringLiteral("katman 0 · aktivasyon: SwiGLU: silu(gate) * up"));
    ui::PlanNodeInfo positions = nodeInfo(core::NodePart::Positions, -1, -1);
    positions.positional = Positional::Sinusoidal;
    QCOMPARE(ui::opLabel(positions), QStringLiteral("konum kodlaması (sin/cos)"));
    QCOMPARE(ui::opLabelInLayer(norm), QStringLiteral("MLP normu (LayerNorm)"));
}

// ui/ and app/gui decide by enums: no source compares a string with an op kind, a node part name or a view name
// outside the tables that define them.
void TestTranslation::noKindOrLabelStringIsCompared()
{
    QStringList words;
    for (int k = 0; k < core::kOpKindCount; ++k)
        words << QString::fromUtf8(core::opKindName(core::OpKind(k)));
    for (int p = 0; p < core::kNodePartCount; ++p)
        words << QString::fromUtf8(core::nodePartName(core::NodePart(p)));
    for (const QString& v : ui::viewNames())
        words << v;
    for (int k = 0; k < core::samplerStageKindCount; ++k) // sampler stages and stop reasons cross as enums too
        words << QString::fromUtf8(core::stageKindName(core::SamplerStageKind(k)).data(),
            qsizetype(core::stageKindName(core::SamplerStageKind(k)).size()));
    words << QStringLiteral("input") << QStringLiteral("token");
    for (auto r : { core::StopReason::None, core::StopReason::MaxNewTokens, core::StopReason::Eos,
             core::StopReason::StopSequence, core::StopReason::ContextFull, core::StopReason::Cancelled })
        words << QString::fromLatin1(core::stopReasonName(r));
    words.removeDuplicates();
    QStringList hits;
    const QDir root(QStringLiteral(IE_SOURCE_DIR));
    for (const QString& folder : { QStringLiteral("ui"), QStringLiteral("app/gui") }) {
        QDirIterator it(root.filePath(folder), { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("/view_names.cpp")))
                continue; // the table of view names
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            for (const QString& w : words) {
                const QString quoted = QRegularExpression::escape(QLatin1Char('"') + w + QLatin1Char('"'));
                const QRegularExpression compared(QStringLiteral(R"((==|!=)\s*(QLatin1String|QStringLiteral|u)?\(?%1|)"
                                                                 R"(%1\)?\s*(==|!=)|case\s+%1)")
                                                      .arg(quoted));
                const QRegularExpressionMatch m = compared.match(text);
                if (m.hasMatch())
                    hits << QStringLiteral("%1: %2").arg(root.relativeFilePath(path), m.captured(0));
            }
        }
    }
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"

#pragma once
// The language of the interface itself (menus, tool bar, tabs, labels, tooltips, dialogs, status texts): English,
// the source texts, or Turkish, translations/inference-explorer_tr.ts compiled at build time and embedded as
// :/i18n/inference-explorer_tr.qm. It is chosen once at start-up, before the window is built: --ui-lang on the
// command line, else the saved setting "uiLanguage", else the system locale (Turkish -> Turkish), else English.
// The widgets are built in code, so a new choice in View ▸ Interface language takes effect at the next start.
// The explanation texts have their own language box (ExplanationPanel).
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace ui {

class InterfaceLanguage {
    Q_DECLARE_TR_FUNCTIONS(ui::InterfaceLanguage)
public:
    static QStringList codes(); // "en", "tr"
    // "tr", "TR", "tr_TR", "tr-TR" -> "tr"; "" when the language is not one of codes().
    static QString normalized(const QString& code);
    // The raw value of --ui-lang X or --ui-lang=X in a command line, "" when absent (read before the option parser
    // runs, so that --help is already translated).
    static QString fromArguments(const QStringList& arguments);
    static QString fromSystemLocale(); // "tr" for a Turkish system locale, else "en"
    static QString saved(); // the "uiLanguage" setting, normalized; "" when none (or none valid) is saved
    static void save(const QString& code);
    // The command line's value when it names a supported language; else, with useSettings, the saved setting,
    // then the system locale; else "en".
    static QString choose(const QString& commandLine, bool useSettings);
    // choose() for a whole command line. A screenshot run (--screenshot) ignores the setting and the locale, as it
    // ignores every other saved setting: its pictures are English unless --ui-lang says otherwise.
    static QString fromCommandLine(const QStringList& arguments);

    // Installs the translators for `code` into the application (replacing earlier ones): ours and, when the
    // system has it, Qt's own qtbase_<code>.qm from QLibraryInfo::TranslationsPath (standard buttons, file
    // dialogs). Returns false when ours cannot be loaded; the interface then stays English.
    static bool install(const QString& code);
    static QString current(); // the language install() set up; "en" before any
    static QString qmResource(const QString& code); // ":/i18n/inference-explorer_<code>.qm"

    // Adds "Interface language ▸ English / Türkçe" to `parent`. Choosing saves "uiLanguage" (when saveSetting)
    // and, when it differs from the running language and showDialog is set, says that it applies at the next start.
    static QMenu* addMenu(QMenu* parent, QWidget* window, bool saveSetting, bool showDialog);
};

} // namespace ui

#include "ui/widgets/interface_language.h"

#include <QActionGroup>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <algorithm>
#include <memory>

namespace ui {

namespace {
    const char* kSettingsKey = "uiLanguage";

    struct Installed {
        QString code = QStringLiteral("en");
        QTranslator* ours = nullptr;
        QTranslator* qt = nullptr;
    };

    Installed& installed()
    {
        static Installed state;
        return state;
    }

    // The language's own name, the same in every interface language.
    QString endonym(const QString& code)
    {
        return code == QLatin1String("tr") ? QStringLiteral("Türkçe") : QStringLiteral("English");
    }
}

QStringList InterfaceLanguage::codes() { return { QStringLiteral("en"), QStringLiteral("tr") }; }

QString InterfaceLanguage::normalized(const QString& code)
{
    const QString language = code.trimmed().section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower();
    return codes().contains(language) ? language : QString();
}

QString InterfaceLanguage::fromArguments(const QStringList& arguments)
{
    const QString option = QStringLiteral("--ui-lang");
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--"))
            break;
        if (arguments[i] == option && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(option + QLatin1Char('=')))
            return arguments[i].mid(option.size() + 1);
    }
    return {};
}

QString InterfaceLanguage::fromSystemLocale()
{
    return QLocale::system().language() == QLocale::Turkish ? QStringLiteral("tr") : QStringLiteral("en");
}

QString InterfaceLanguage::saved() { return normalized(QSettings().value(QLatin1String(kSettingsKey)).toString()); }

void InterfaceLanguage::save(const QString& code)
{
    QSettings().setValue(QLatin1String(kSettingsKey), normalized(code));
}

QString InterfaceLanguage::choose(const QString& commandLine, bool useSettings)
{
    if (const QString code = normalized(commandLine); !code.isEmpty())
        return code;
    if (!useSettings)
        return QStringLiteral("en");
    if (const QString code = saved(); !code.isEmpty())
        return code;
    return fromSystemLocale();
}

QString InterfaceLanguage::fromCommandLine(const QStringList& arguments)
{
    const bool headless = std::any_of(arguments.begin(), arguments.end(), [](const QString& a) {
        return a == QLatin1String("--screenshot") || a.startsWith(QLatin1String("--screenshot="));
    });
    return choose(fromArguments(arguments), !headless);
}

QString InterfaceLanguage::qmResource(const QString& code)
{
    return QStringLiteral(":/i18n/inference-explorer_%1.qm").arg(code);
}

bool InterfaceLanguage::install(const QString& code)
{
    Installed& state = installed();
    for (QTranslator** t : { &state.ours, &state.qt }) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    state.code = QStringLiteral("en");
    const QString language = normalized(code);
    if (language.isEmpty())
        return false;
    if (language == QLatin1String("en"))
        return true; // the source texts are English

    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(qmResource(language)))
        return false;
    state.ours = ours.release();
    QCoreApplication::installTranslator(state.ours);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        state.qt = qt.release();
        QCoreApplication::installTranslator(state.qt);
    }
    state.code = language;
    return true;
}

QString InterfaceLanguage::current() { return installed().code; }

QMenu* InterfaceLanguage::addMenu(QMenu* parent, QWidget* window, bool saveSetting, bool showDialog)
{
    QMenu* menu = parent->addMenu(tr("Interface &language"));
    menu->setObjectName(QStringLiteral("interfaceLanguageMenu"));
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    for (const QString& code : codes()) {
        QAction* action = menu->addAction(endonym(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == current());
        group->addAction(action);
    }
    QObject::connect(group, &QActionGroup::triggered, window, [window, saveSetting, showDialog](QAction* action) {
        const QString code = action->data().toString();
        if (saveSetting)
            save(code);
        if (showDialog && code != current())
            QMessageBox::information(window, tr("Interface language"),
                tr("Inference Explorer will show its interface in %1 the next time it starts.\n\n"
                   "The explanations have their own language box in the Explanation panel.")
                    .arg(endonym(code)));
    });
    return menu;
}

} // namespace ui

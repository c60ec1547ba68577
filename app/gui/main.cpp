// inference-explorer: the GUI. With --screenshot it renders one view headless (QT_QPA_PLATFORM=offscreen) and exits.
#include "classroom_start.h"
#include "screenshot_driver.h"
#include "ui/session_file/session_actions.h"

#include "ui/session/model_locator.h"
#include "ui/widgets/explanation_panel.h"
#include "ui/widgets/interface_language.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/palette.h"
#include "ui/widgets/presentation_mode.h"
#include "ui/widgets/view_export.h"
#include "ui/widgets/view_names.h"

#include <algorithm>

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("InferenceExplorer"));
    QApplication::setApplicationName(QStringLiteral("inference-explorer"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    // The interface language first: every text from here on (the option help too) is translated.
    const QString uiLanguage = ui::InterfaceLanguage::fromCommandLine(QApplication::arguments());
    if (!ui::InterfaceLanguage::install(uiLanguage))
        std::fprintf(stderr, "inference-explorer: no translation for the interface language \"%s\"; using English\n",
            qPrintable(uiLanguage));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Watch a transformer language model run one operation at a time."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption modelOpt(QStringLiteral("model"),
        QApplication::translate("main", "Model folder to open (default: sample_models/tiny-gpt2)."),
        QStringLiteral("DIR"));
    const QCommandLineOption promptOpt(
        QStringLiteral("prompt"), QApplication::translate("main", "Prompt text."), QStringLiteral("TEXT"));
    const QCommandLineOption stepOpt(
        QStringLiteral("step"), QApplication::translate("main", "Run N ops of the prefill."), QStringLiteral("N"));
    const QCommandLineOption prefillOpt(QStringLiteral("run-prefill"),
        QApplication::translate("main", "Run the whole prefill (and the whole of each decode pass)."));
    const QCommandLineOption decodeOpt(QStringLiteral("decode"),
        QApplication::translate("main",
            "After the prefill, append the most likely token N times, each with its decode pass (--step then counts "
            "ops of the last one)."),
        QStringLiteral("N"));
    const QCommandLineOption viewOpt(QStringLiteral("view"),
        QApplication::translate("main",
            "View to show: %1 (sampling also as sampling:temperature=0.8,top_k=8, rope as "
            "rope:layer=0,query=40,key=8).")
            .arg(ui::viewNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"), ui::viewName(ui::View::Tensor));
    const QCommandLineOption shotOpt(QStringLiteral("screenshot"),
        QApplication::translate("main", "Save the window to FILE.png and exit."), QStringLiteral("FILE"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"),
        QApplication::translate("main", "Window size for the screenshot (default 1280x800)."), QStringLiteral("WxH"),
        QStringLiteral("1280x800"));
    const QCommandLineOption themeOpt(
        QStringLiteral("theme"), QApplication::translate("main", "light or dark."), QStringLiteral("NAME"));
    const QCommandLineOption langOpt(QStringLiteral("lang"),
        QApplication::translate("main", "Explanation language: en or tr."), QStringLiteral("CODE"));
    const QCommandLineOption tokenOpt(QStringLiteral("select-token"),
        QApplication::translate("main", "Select token position N in every view."), QStringLiteral("N"));
    const QCommandLineOption headOpt(QStringLiteral("head"),
        QApplication::translate("main", "Attention head to enlarge, as LAYER.HEAD."), QStringLiteral("L.H"));
    const QCommandLineOption uiLangOpt(QStringLiteral("ui-lang"),
        QApplication::translate(
            "main", "Interface language: en or tr (default: the saved choice, else the system language)."),
        QStringLiteral("CODE"));
    const QCommandLineOption flashOpt(QStringLiteral("flash-tile"),
        QApplication::translate("main", "Attention view: FlashAttention on the enlarged head, at tile N (from 1)."),
        QStringLiteral("N"));
    const QCommandLineOption zoomOpt(QStringLiteral("zoom"),
        QApplication::translate("main", "Zoom factor of the tensor heatmap."), QStringLiteral("Z"));
    const QCommandLineOption sessionOpt(QStringLiteral("session"),
        QApplication::translate("main", "Open a saved session (File ▸ Save session)."), QStringLiteral("FILE"));
    const QCommandLineOption lessonOpt(QStringLiteral("lesson"),
        QApplication::translate(
            "main", "Open a lesson: a lesson file, or a built-in lesson's name (01-what-is-inference)."),
        QStringLiteral("LESSON"));
    const QCommandLineOption lessonStepOpt(QStringLiteral("lesson-step"),
        QApplication::translate("main", "With --lesson: go to step N (1 = the first)."), QStringLiteral("N"));
    const QCommandLineOption lessonChoiceOpt(QStringLiteral("lesson-answer"),
        QApplication::translate("main", "With --lesson: pick choice N (1 = the first) of the step's question."),
        QStringLiteral("N"));
    for (const auto* o : { &sessionOpt, &lessonOpt, &lessonStepOpt, &lessonChoiceOpt })
        parser.addOption(*o);
    const QCommandLineOption exportOpt(QStringLiteral("export"),
        QApplication::translate("main",
            "Export the view NAME alone to the file of --out (.png, .svg, .csv; .json: the whole state) and exit."),
        QStringLiteral("NAME"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
        QApplication::translate(
            "main", "File --export writes: .png (see --scale), .svg (vector) or .csv (the view's table)."),
        QStringLiteral("FILE"));
    const QCommandLineOption scaleOpt(QStringLiteral("scale"),
        QApplication::translate("main", "Pixel scale of an exported PNG: 1, 2 or 4 (default 1)."), QStringLiteral("N"),
        QStringLiteral("1"));
    const QCommandLineOption presentOpt(QStringLiteral("presentation"),
        QApplication::translate("main", "Start in presentation mode (high contrast, docks hidden, 150% text)."));
    const QCommandLineOption uiZoomOpt(QStringLiteral("ui-zoom"),
        QApplication::translate("main", "Text size of the whole interface in percent (e.g. 150)."),
        QStringLiteral("PERCENT"));
    const QCommandLineOption ablateOpt(QStringLiteral("ablate"),
        QApplication::translate("main",
            "Add an intervention (repeatable): blk.L.head.H[:mean], blk.L.attn, blk.L.mlp or blk.L.head.H:Q->K."),
        QStringLiteral("SPEC"));
    parser.addOption(ablateOpt);
    const QCommandLineOption compareOpt(QStringLiteral("compare-with"),
        QApplication::translate("main",
            "Compare the model with FILE, another file of it (e.g. its Q4_K_M GGUF), on the prompt (the quantization "
            "view)."),
        QStringLiteral("FILE"));
    parser.addOption(compareOpt);
    for (const auto* o : { &presentOpt, &uiZoomOpt, &exportOpt, &outOpt, &scaleOpt, &zoomOpt, &modelOpt, &promptOpt,
             &stepOpt, &prefillOpt, &decodeOpt, &viewOpt, &shotOpt, &sizeOpt, &themeOpt, &langOpt, &uiLangOpt,
             &tokenOpt, &headOpt, &flashOpt })
        parser.addOption(*o);
    parser.process(app);
    if (parser.isSet(uiLangOpt) && ui::InterfaceLanguage::normalized(parser.value(uiLangOpt)).isEmpty())
        std::fprintf(
            stderr, "inference-explorer: --ui-lang takes en or tr, not \"%s\"\n", qPrintable(parser.value(uiLangOpt)));
    const QString viewArg = parser.isSet(exportOpt) ? parser.value(exportOpt) : parser.value(viewOpt);
    if (parser.isSet(exportOpt)) {
        ui::ViewExport::Kind kind;
        const double scale = parser.value(scaleOpt).toDouble();
        if (!parser.isSet(outOpt) || !ui::ViewExport::kindOf(parser.value(outOpt), &kind)) {
            std::fprintf(stderr, "inference-explorer: --export needs --out FILE ending in .png, .svg, .csv or .json\n");
            return 2;
        }
        if (scale != 1 && scale != 2 && scale != 4) {
            std::fprintf(stderr, "inference-explorer: --scale takes 1, 2 or 4, not \"%s\"\n",
                qPrintable(parser.value(scaleOpt)));
            return 2;
        }
    }
    if (!ui::viewFromName(viewArg)) {
        std::fprintf(stderr, "inference-explorer: unknown view \"%s\" (%s)\n", qPrintable(viewArg),
            qPrintable(ui::viewNames().join(QStringLiteral(", "))));
        return 2;
    }

    const bool headless = parser.isSet(shotOpt) || parser.isSet(exportOpt);
    ui::MainWindow::Options options;
    options.restoreSettings = !headless;
    options.showDialogs = !headless;
    ui::MainWindow window(options);
    if (headless || parser.isSet(themeOpt))
        window.setDarkTheme(parser.value(themeOpt) == QLatin1String("dark"));
    if (parser.isSet(presentOpt))
        window.presentation()->setActive(true);
    if (parser.isSet(uiZoomOpt))
        window.presentation()->setZoom(parser.value(uiZoomOpt).toDouble() / 100.0);
    if (parser.isSet(langOpt))
        window.showView(ui::View::Explanation);
    if (headless) {
        const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }

    ScreenshotDriver::Plan plan;
    plan.model = parser.value(modelOpt);
    if (plan.model.isEmpty())
        plan.model = ui::ModelLocator::defaultModel();
    plan.prompt = parser.value(promptOpt);
    plan.step = parser.isSet(stepOpt) ? parser.value(stepOpt).toInt() : -1;
    plan.runPrefill = parser.isSet(prefillOpt);
    plan.decodePasses = parser.isSet(decodeOpt) ? std::max(0, parser.value(decodeOpt).toInt()) : 0;
    plan.view = viewArg;
    plan.compareWith = parser.value(compareOpt);
    plan.file = parser.value(shotOpt);
    if (parser.isSet(exportOpt)) {
        plan.exportFile = parser.value(outOpt);
        plan.exportScale = parser.value(scaleOpt).toDouble();
    }
    plan.interventions = parser.values(ablateOpt);
    plan.zoom = parser.isSet(zoomOpt) ? parser.value(zoomOpt).toDouble() : 1.0;
    plan.selectToken = parser.isSet(tokenOpt) ? parser.value(tokenOpt).toInt() : -1;
    plan.flashTile = parser.isSet(flashOpt) ? std::max(0, parser.value(flashOpt).toInt() - 1) : -1;
    if (parser.isSet(headOpt)) {
        const QStringList lh = parser.value(headOpt).split(QLatin1Char('.'));
        if (lh.size() == 2) {
            plan.layer = lh[0].toInt();
            plan.head = lh[1].toInt();
        }
    }
    window.show();
    if (parser.isSet(langOpt))
        window.explanationPanel()->setLanguage(parser.value(langOpt));

    if (plan.model.isEmpty()) {
        const QString msg = QApplication::translate("main",
            "The sample model tiny-gpt2 was not found. Looked in:\n%1\n\nOpen a model folder with File ▸ Open model…, "
            "or pass --model DIR.")
                                .arg(ui::ModelLocator::searchedPlaces().join(QLatin1Char('\n')));
        std::fprintf(stderr, "inference-explorer: %s\n", qPrintable(msg));
        if (headless)
            return 2;
        QTimer::singleShot(0, &window,
            [&window, msg] { QMessageBox::information(&window, QApplication::translate("main", "No model"), msg); });
        return app.exec();
    }
    // A session or a lesson, asked for or (with no model options at all) the last session of this user.
    ClassroomStart::Plan classroom;
    classroom.session = parser.value(sessionOpt);
    classroom.lesson = parser.value(lessonOpt);
    classroom.lessonStep = std::max(0, parser.value(lessonStepOpt).toInt() - 1);
    classroom.choice = parser.isSet(lessonChoiceOpt) ? parser.value(lessonChoiceOpt).toInt() - 1 : -1;
    classroom.screenshot = plan.file;
    const bool plain = !headless && !parser.isSet(modelOpt) && !parser.isSet(promptOpt) && !parser.isSet(stepOpt)
        && !parser.isSet(prefillOpt) && !parser.isSet(decodeOpt) && !parser.isSet(viewOpt);
    if (classroom.session.isEmpty() && classroom.lesson.isEmpty() && plain
        && QFileInfo::exists(ui::SessionActions::lastSessionPath()))
        classroom.session = ui::SessionActions::lastSessionPath();
    if (!classroom.session.isEmpty() || !classroom.lesson.isEmpty()) {
        auto* start = new ClassroomStart(&window, classroom);
        QObject::connect(start, &ClassroomStart::done, &app, [&window, plan, headless](int code) {
            if (headless)
                QApplication::exit(code);
            else if (code != 0) // the session could not be restored (it said why): the default model instead
                (new ScreenshotDriver(&window, plan))->start();
        });
        start->start();
        if (headless)
            QTimer::singleShot(120000, &app, [] {
                std::fprintf(stderr, "inference-explorer: timed out\n");
                QApplication::exit(3);
            });
        return app.exec();
    }
    auto* driver = new ScreenshotDriver(&window, plan);
    QObject::connect(driver, &ScreenshotDriver::done, &app, [](int code) { QApplication::exit(code); });
    driver->start();
    if (headless)
        QTimer::singleShot(120000, &app, [] {
            std::fprintf(stderr, "inference-explorer: timed out\n");
            QApplication::exit(3);
        });
    return app.exec();
}

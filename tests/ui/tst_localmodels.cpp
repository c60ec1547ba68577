// File ▸ Models on this computer: the dialog scans off the UI thread (the event loop keeps running), lists what it
// finds in a temporary HOME (an LM Studio GGUF, a broken one, a folder the user added) with whether each opens and
// why not, and opening a row hands its path to the window.
#include "ui/session/local_models_model.h"
#include "ui/widgets/local_models_dialog.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString kFixtures = QStringLiteral(IE_GGUF_FIXTURES "/llama-gqa-256/");
}

class TestLocalModels : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QTemporaryDir m_extra;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("inference-explorer-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_localmodels"));
        QSettings().clear();
        for (const char* v : { "HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME", "OLLAMA_MODELS", "LLAMA_CACHE" })
            qunsetenv(v);
        qputenv("HOME", m_home.path().toUtf8());
        const QString lms = m_home.filePath(QStringLiteral(".lmstudio/models/someone/tiny"));
        QVERIFY(QDir().mkpath(lms));
        QVERIFY(QFile::copy(kFixtures + "model-Q8_0.gguf", lms + "/tiny-Q8_0.gguf"));
        QFile broken(lms + "/broken-Q4_0.gguf");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("GGUF\x03\x00\x00\x00", 8); // the header ends here
        broken.close();
        QVERIFY(QFile::link(kFixtures + "hf", m_extra.filePath(QStringLiteral("my-llama"))));
        QSettings().setValue(QStringLiteral("localModels/folders"), QStringList { m_extra.path() });
    }

    void listsWhatItFinds()
    {
        ui::LocalModelsDialog dialog;
        QSignalSpy finished(&dialog, &ui::LocalModelsDialog::scanFinished);
        QVERIFY(dialog.scanning());
        QVERIFY(finished.wait(20000));
        QVERIFY(!dialog.scanning());
        const ui::LocalModelsModel* m = dialog.model();
        QCOMPARE(m->rowCount(), 3);
        int openable = 0;
        QString brokenWhy;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QString opens = m->data(m->index(r, ui::LocalModelsModel::Opens)).toString();
            const QString name = m->data(m->index(r, ui::LocalModelsModel::Name)).toString();
            qInfo() << m->data(m->index(r, ui::LocalModelsModel::Source)).toString() << name << opens;
            if (m->modelAt(r)->openable)
                ++openable;
            else
                brokenWhy = opens;
            if (name.contains(QStringLiteral("tiny-Q8_0"))) {
                QCOMPARE(m->data(m->index(r, ui::LocalModelsModel::Source)).toString(), QStringLiteral("LM Studio"));
                QCOMPARE(m->data(m->index(r, ui::LocalModelsModel::Architecture)).toString(), QStringLiteral("llama"));
            }
        }
        QCOMPARE(openable, 2);
        QVERIFY2(brokenWhy.startsWith(QStringLiteral("no: ")), qPrintable(brokenWhy));
        if (qEnvironmentVariableIsSet("IE_GRAB_DIR")) { // to look at it: IE_GRAB_DIR=/tmp tst_localmodels
            dialog.resize(1280, 420);
            dialog.show();
            QTest::qWait(100);
            dialog.grab().save(qEnvironmentVariable("IE_GRAB_DIR") + QStringLiteral("/local_models.png"));
        }
    }

    void openingARowHandsOverItsPath()
    {
        ui::LocalModelsDialog dialog;
        QSignalSpy finished(&dialog, &ui::LocalModelsDialog::scanFinished);
        QVERIFY(finished.wait(20000));
        QSignalSpy chosen(&dialog, &ui::LocalModelsDialog::modelChosen);
        int row = -1;
        for (int r = 0; r < dialog.model()->rowCount(); ++r)
            if (dialog.model()->modelAt(r)->openable && dialog.model()->modelAt(r)->format == "GGUF")
                row = r;
        QVERIFY(row >= 0);
        dialog.table()->selectRow(row);
        emit dialog.table()->doubleClicked(dialog.model()->index(row, 0));
        QCOMPARE(chosen.count(), 1);
        QVERIFY(chosen.front().front().toString().endsWith(QStringLiteral("tiny-Q8_0.gguf")));
    }

    void closingDuringAScanIsSafe()
    {
        auto* dialog = new ui::LocalModelsDialog;
        dialog->rescan();
        delete dialog; // waits for the scan; its late result is dropped
        QTest::qWait(50);
    }
};

QTEST_MAIN(TestLocalModels)
#include "tst_localmodels.moc"

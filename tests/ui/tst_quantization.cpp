// The quantization comparison in the window (File ▸ Compare with another file…, the "quantization" view) and the
// quantized weight blocks in the tensor view: what is on screen equals core's numbers for the same inputs
// (core::compareWeightFormats, core::quant::decodeBlock). A random Llama folder and its Q4_K_M GGUF written by our
// exporter; the comparison runs on the window's engine thread.
#include "random_model.h"

#include "core/analysis/weight_format_comparison.h"
#include "core/formats/gguf/gguf_source.h"
#include "core/formats/quant/quant_block.h"
#include "core/loader/export_gguf.h"
#include "core/loader/loaded_model.h"
#include "ui/quantization/quant_block_panel.h"
#include "ui/quantization/quantization_controller.h"
#include "ui/quantization/quantization_view.h"
#include "ui/quantization/quantization_workbench.h"
#include "ui/quantization/rank_change_model.h"
#include "ui/session/session_controller.h"
#include "ui/widgets/main_window.h"
#include "ui/widgets/tensor_panel.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using ui::MainWindow;

class TestQuantization : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_folder, m_gguf, m_other;

    MainWindow* openWindow(const QString& model)
    {
        auto* w = new MainWindow(MainWindow::Options { false, false });
        w->resize(1280, 720);
        w->show();
        w->setPromptText(QStringLiteral("abcde fgh"));
        w->openModel(model);
        if (!QTest::qWaitFor([w] { return w->controller()->hasPass() && !w->controller()->isBusy(); }, 10000))
            qWarning("the model did not load");
        return w;
    }

private slots:
    void initTestCase()
    {
        m_folder = testing::makeRandomModel(m_dir, QStringLiteral("llama"), "llama");
        const auto loaded = core::openModel(m_folder.toStdString());
        m_gguf = m_dir.filePath(QStringLiteral("llama-Q4_K_M.gguf"));
        const core::GgufExport report
            = core::exportGguf(*loaded->model, m_gguf.toStdString(), core::GgufFileType::Q4_K_M);
        QCOMPARE(report.vocabulary, std::string("tokenizer.json"));
        m_other = testing::makeRandomModel(m_dir, QStringLiteral("gpt2"), "gpt2", 3); // a different model
    }

    void shownNumbersAreCores()
    {
        std::unique_ptr<MainWindow> w(openWindow(m_folder));
        QVERIFY(w->controller()->hasPass());
        ui::QuantizationWorkbench* q = w->quantization();
        QSignalSpy compared(q->controller(), &ui::QuantizationController::compared);
        QSignalSpy progress(q->controller(), &ui::QuantizationController::progress);
        q->compareWith(m_gguf);
        QVERIFY(q->controller()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!compared.isEmpty() && !q->controller()->isBusy(), 20000);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(w->currentView(), ui::View::Quantization);
        QCOMPARE(q->lastFile(), m_gguf);

        // The same comparison in core, on the ids of the window's token strip.
        std::vector<std::int32_t> ids;
        for (const ui::TokenInfo& t : w->controller()->tokens())
            ids.push_back(t.id);
        const auto reference = core::openModel(m_folder.toStdString());
        const auto other = core::openModel(m_gguf.toStdString());
        const core::WeightFormatComparison c = core::compareWeightFormats(*reference, *other, ids);

        ui::QuantizationView* view = q->view();
        QCOMPARE(view->errorBars()->count(), int(c.blockRelativeError.size()));
        for (int l = 0; l < view->errorBars()->count(); ++l)
            QCOMPARE(view->errorBars()->at(l), 100.0 * c.blockRelativeError[std::size_t(l)]);
        QVERIFY(c.blockRelativeError.back() > 0); // Q4_K_M did change the numbers
        QVERIFY2(
            view->summaryText().contains(QLocale().toString(c.klDivergence, 'g', 4)), qPrintable(view->summaryText()));
        ui::RankChangeModel* model = view->rankModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), int(c.changes.size()));
        for (int r = 0; r < model->rowCount(); ++r) {
            const core::RankChange& want = c.changes[std::size_t(r)];
            QCOMPARE(model->rows()[r].id, want.id);
            QCOMPARE(model->index(r, ui::RankChangeModel::ReferenceRank).data().toInt(), want.referenceRank);
            QCOMPARE(model->index(r, ui::RankChangeModel::OtherRank).data().toInt(), want.otherRank);
            QCOMPARE(model->index(r, ui::RankChangeModel::Move).data().toString(),
                ui::RankChangeModel::moveText(want.referenceRank, want.otherRank));
            QCOMPARE(model->rows()[r].otherProbability, double(want.otherProbability));
        }

        // Compare again (the same file on the current prompt) and a different model: refused by name.
        QSignalSpy failed(q->controller(), &ui::QuantizationController::failed);
        q->compareWith(m_other);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not two formats of the same model")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(view->statusText().contains(QStringLiteral("failed")));
    }

    void escCancels()
    {
        std::unique_ptr<MainWindow> w(openWindow(m_folder));
        ui::QuantizationController* c = w->quantization()->controller();
        QSignalSpy busy(c, &ui::QuantizationController::busyChanged);
        QSignalSpy compared(c, &ui::QuantizationController::compared);
        w->quantization()->compareWith(m_gguf);
        c->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!c->isBusy(), 20000);
        QCOMPARE(busy.count(), 2); // on, then off: the window is free again
        QVERIFY(compared.isEmpty()); // stopped at its next op, or its answer dropped as superseded
        QVERIFY(!c->last().isValid());
        QVERIFY(!w->quantization()->view()->cancelButton()->isVisible());
    }

    // The GGUF opened in the window: a projection's weight shows its blocks, equal to core's decoding.
    void tensorViewShowsBlocks()
    {
        std::unique_ptr<MainWindow> w(openWindow(m_gguf));
        ui::SessionController* s = w->controller();
        int node = -1;
        for (int i = 0; i < s->opCount(); ++i)
            if (s->model().plan[i].name == QStringLiteral("blk.0.attn_q"))
                node = i;
        QVERIFY(node >= 0);
        s->jumpToNode(node);
        QTRY_VERIFY_WITH_TIMEOUT(s->current().nodeIndex == node && !s->isBusy(), 10000);
        ui::QuantBlockPanel* panel = w->tensorPanel()->blockPanel();
        QVERIFY(panel->isVisible());
        const ui::StoredWeight& weight = s->current().weight;
        QCOMPARE(weight.tensor, QStringLiteral("blk.0.attn_q.weight"));
        QCOMPARE(weight.type, QStringLiteral("Q5_0")); // 32-wide rows: Q4_K_M falls back to Q5_0

        // Row 0, block 0, as core decodes the file's bytes (the q rows in the engine's order: row 0 stays row 0).
        const core::GgufSource file(m_gguf.toStdString());
        const core::SourceTensor* t = file.find("blk.0.attn_q.weight");
        const core::quant::QuantBlock block = core::quant::decodeBlock(t->dtype, t->data);
        QCOMPARE(panel->table()->rowCount(), int(block.values.size()));
        for (int i = 0; i < panel->table()->rowCount(); ++i)
            QCOMPARE(panel->table()->item(i, 5)->text(), QString::number(double(block.values[std::size_t(i)]), 'g', 5));
        QVERIFY(panel->headerText().contains(QStringLiteral("d = %1").arg(double(block.d), 0, 'g', 5)));

        // A norm reads no matrix: the panel hides.
        for (int i = 0; i < s->opCount(); ++i)
            if (s->model().plan[i].name.contains(QStringLiteral("norm"))) {
                s->jumpToNode(i);
                QTRY_VERIFY_WITH_TIMEOUT(s->current().nodeIndex == i && !s->isBusy(), 10000);
                break;
            }
        QVERIFY(!panel->isVisible());
    }
};

QTEST_MAIN(TestQuantization)
#include "tst_quantization.moc"

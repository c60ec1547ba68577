// The heatmap paints the colour map: sampled pixels at known cells match ColorMap for known values; a vector is
// drawn as bars; zoom keeps cells addressable; a big tensor is drawn from its preview, zoomed-in cells exactly.
#include "ui/widgets/attention_view.h"
#include "ui/widgets/color_map.h"
#include "ui/widgets/tensor_heatmap.h"
#include "ui/widgets/tensor_panel.h"

#include <QSignalSpy>
#include <QTest>

using ui::ColorMap;
using ui::TensorHeatmap;

namespace {
bool close(QRgb a, QRgb b, int tol = 3)
{
    return qAbs(qRed(a) - qRed(b)) <= tol && qAbs(qGreen(a) - qGreen(b)) <= tol && qAbs(qBlue(a) - qBlue(b)) <= tol;
}
QString rgb(QRgb c) { return QStringLiteral("(%1,%2,%3)").arg(qRed(c)).arg(qGreen(c)).arg(qBlue(c)); }
}

class TestTensorHeatmap : public QObject {
    Q_OBJECT
private slots:
    void attentionCellText()
    {
        // A probability that rounds to 1 reads "1.00" (a decode step's one-row matrix showed ".00" for 0.996).
        QCOMPARE(ui::AttentionView::cellText(0.996f), QStringLiteral("1.00"));
        QCOMPARE(ui::AttentionView::cellText(1.0f), QStringLiteral("1.00"));
        QCOMPARE(ui::AttentionView::cellText(0.42f), QStringLiteral(".42"));
        QCOMPARE(ui::AttentionView::cellText(0.004f), QStringLiteral(".00"));
    }
    void colorMapEnds();
    void pixelsMatchColorMap_data();
    void pixelsMatchColorMap();
    void zoomKeepsColors();
    void bigTensorFromItsPreview();
    void maskedIsGrey();
    void slidingWindowIsMasked();
    void hoverReportsValue();
    void vectorIsBars();
    void decodeCacheRowIsOutlined();
    void probabilitiesUseTheZeroToOneMap();
};

void TestTensorHeatmap::colorMapEnds()
{
    QCOMPARE(ColorMap::diverging(-1), QRgb(0xff053061));
    QCOMPARE(ColorMap::diverging(0), QRgb(0xfff7f7f7));
    QCOMPARE(ColorMap::diverging(1), QRgb(0xff67001f));
    QCOMPARE(ColorMap::diverging(5), ColorMap::diverging(1)); // clamped
    QCOMPARE(ColorMap::sequential(0), QRgb(0xffffffd9));
    QCOMPARE(ColorMap::sequential(1), QRgb(0xff081d58));
}

void TestTensorHeatmap::pixelsMatchColorMap_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("col");
    QTest::addColumn<float>("value");
    // The tensor below: absMax = 4.
    QTest::newRow("zero") << 0 << 0 << 0.0f;
    QTest::newRow("max") << 0 << 1 << 4.0f;
    QTest::newRow("min") << 1 << 0 << -4.0f;
    QTest::newRow("half") << 1 << 1 << 2.0f;
    QTest::newRow("minus quarter") << 2 << 2 << -1.0f;
}

void TestTensorHeatmap::pixelsMatchColorMap()
{
    QFETCH(int, row);
    QFETCH(int, col);
    QFETCH(float, value);
    TensorHeatmap map;
    map.resize(500, 300);
    const QVector<float> values { 0, 4, 0.5f, -4, 2, 1, 3, -3, -1 }; // 3 x 3
    map.setTensor(3, 3, values, { "a", "b", "c" });
    QCOMPARE(map.absMax(), 4.0f);
    QCOMPARE(values[row * 3 + col], value);
    const QImage img = map.grab().toImage();
    const QRectF cell = map.cellRect(row, col);
    const QPoint probe
        = (cell.topLeft() + QPointF(cell.width() * 0.2, cell.height() * 0.2)).toPoint(); // off the number
    const QRgb got = img.pixel(probe);
    const QRgb want = ColorMap::diverging(value / 4.0);
    QVERIFY2(close(got, want), qPrintable(QStringLiteral("pixel %1 vs colour map %2").arg(rgb(got), rgb(want))));
}

void TestTensorHeatmap::zoomKeepsColors()
{
    TensorHeatmap map;
    map.resize(400, 300);
    QVector<float> values(8 * 50);
    for (int i = 0; i < values.size(); ++i)
        values[i] = float(i % 7) - 3.0f;
    map.setTensor(8, 50, values);
    map.setZoom(6);
    const QRectF cell = map.cellRect(0, 1);
    QVERIFY(cell.width() > 30);
    const QImage img = map.grab().toImage();
    const QRgb got = img.pixel((cell.topLeft() + QPointF(3, 3)).toPoint());
    QVERIFY(close(got, ColorMap::diverging(-2.0 / 3.0)));
}

// A (T, T)-sized tensor is coloured from its preview (made on the worker thread): a lone strong value still shows
// at fit; zoomed in past the preview's blocks, the cells in view are coloured from their exact values.
void TestTensorHeatmap::bigTensorFromItsPreview()
{
    const int rows = 2000, cols = 1500;
    QVector<float> values(qsizetype(rows) * cols);
    for (qsizetype i = 0; i < values.size(); ++i)
        values[i] = float(i % 11) * 0.6f - 3.0f; // within ±3
    values[qsizetype(1000) * cols + 750] = -8.0f; // one strong negative, alone in its block
    const ui::TensorPreview preview = ui::tensorPreview(rows, cols, values);
    QCOMPARE(preview.rows, ui::kTensorPreviewSide);
    QCOMPARE(preview.cols, ui::kTensorPreviewSide);
    TensorHeatmap map;
    map.resize(1300, 1150); // at least a pixel per block of the preview
    map.setTensor(rows, cols, values, {}, preview);
    QVERIFY(map.plotRect().width() >= preview.cols && map.plotRect().height() >= preview.rows);
    QCOMPARE(map.absMax(), 8.0f); // exact: the preview keeps each block's largest magnitude
    QImage img = map.grab().toImage();
    const QPoint strong = map.cellRect(1000, 750).center().toPoint();
    QRgb darkest = 0xffffffff;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx)
            if (qBlue(img.pixel(strong + QPoint(dx, dy))) - qRed(img.pixel(strong + QPoint(dx, dy)))
                > qBlue(darkest) - qRed(darkest))
                darkest = img.pixel(strong + QPoint(dx, dy));
    QVERIFY2(close(darkest, map.colourOf(-8.0f), 8), qPrintable(rgb(darkest))); // not averaged away
    // Zoomed in: every cell sampled has its own value's colour (the preview would give a block's extreme).
    map.setZoom(20); // cells of ~16 x 11 px: no numbers in them yet
    QVERIFY(map.cellRect(0, 0).width() > 8 && map.cellRect(0, 0).height() > 8);
    img = map.grab().toImage();
    // Neighbours differ clearly in colour, so a block's extreme drawn for both would be caught.
    QVERIFY(!close(map.colourOf(values[0]), map.colourOf(values[1]), 8));
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 6; ++c) {
            const QRgb got = img.pixel((map.cellRect(r, c).topLeft() + QPointF(3, 3)).toPoint());
            const float v = values[qsizetype(r) * cols + c];
            QVERIFY2(close(got, map.colourOf(v)),
                qPrintable(QStringLiteral("cell %1,%2 value %3: %4 vs %5")
                               .arg(r)
                               .arg(c)
                               .arg(double(v))
                               .arg(rgb(got), rgb(map.colourOf(v)))));
        }
}

void TestTensorHeatmap::maskedIsGrey()
{
    TensorHeatmap map;
    map.resize(300, 200);
    map.setTensor(2, 2, { 1.0f, -INFINITY, 0.5f, -0.5f });
    QCOMPARE(map.absMax(), 1.0f);
    const QImage img = map.grab().toImage();
    const QRectF cell = map.cellRect(0, 1);
    QVERIFY(close(img.pixel((cell.topLeft() + QPointF(4, 4)).toPoint()), ColorMap::masked()));
}

// A sliding-window layer greys out (and hatches) the keys its window has left behind; a global layer shows them.
void TestTensorHeatmap::slidingWindowIsMasked()
{
    ui::AttentionView view;
    view.resize(900, 500);
    view.setModelShape(2, 1);
    view.setLayerWindows({ 2, 0 }); // layer 0: window 2, layer 1: global
    QVector<ui::AttentionMatrix> ms;
    for (int layer = 0; layer < 2; ++layer) {
        ui::AttentionMatrix m;
        m.layer = layer;
        m.rows = m.cols = 4;
        m.values = QVector<float>(16, 0.25f);
        ms.push_back(m);
    }
    view.setMatrices(ms);
    const auto pixelOfKey0Query3 = [&](int layer) {
        view.setSelectedHead(layer, 0);
        const QImage img = view.grab().toImage();
        return img.pixel((view.matrixCellRect(3, 0).topLeft() + QPointF(3, 3)).toPoint());
    };
    QVERIFY(close(pixelOfKey0Query3(1), ColorMap::sequential(0.25f))); // global: query 3 sees key 0
    QVERIFY(!close(pixelOfKey0Query3(0), ColorMap::sequential(0.25f))); // window 2: key 0 is 3 positions back
}

void TestTensorHeatmap::hoverReportsValue()
{
    TensorHeatmap map;
    map.resize(400, 300);
    map.setTensor(2, 3, { 1, 2, 3, 4, 5, 6 });
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy hovered(&map, &TensorHeatmap::cellHovered);
    QTest::mouseMove(&map, map.cellRect(1, 2).center().toPoint());
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), 1);
    QCOMPARE(hovered.last().at(1).toInt(), 2);
    QCOMPARE(hovered.last().at(2).toFloat(), 6.0f);
    QSignalSpy clicked(&map, &TensorHeatmap::rowClicked);
    QTest::mouseClick(&map, Qt::LeftButton, {}, map.cellRect(0, 1).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toInt(), 0);
}

void TestTensorHeatmap::vectorIsBars()
{
    TensorHeatmap map;
    map.resize(400, 200);
    map.setTensor(1, 4, { 0.1f, 0.6f, 0.2f, 0.1f });
    QVERIFY(map.showsBars());
    const QImage img = map.grab().toImage();
    // The tallest bar (0.6) reaches near the top of the plot; a short one (0.1) does not.
    const QRect plot = map.plotRect();
    const QRectF tall = map.cellRect(0, 1), shortBar = map.cellRect(0, 0);
    const int y = plot.top() + plot.height() / 5;
    QVERIFY(close(img.pixel(int(tall.center().x()), y), ColorMap::diverging(1.0), 40)
        || img.pixel(int(tall.center().x()), y) != img.pixel(int(shortBar.center().x()), y));
    QCOMPARE(img.pixel(int(shortBar.center().x()), y), img.pixel(plot.left() + 1, plot.top() + 2)); // background
}

// In a decode step the KV-cache op shows every cached row; the row this pass wrote is outlined in green. A prefill's
// tensors (rows = positions of the pass) get no outline.
void TestTensorHeatmap::decodeCacheRowIsOutlined()
{
    ui::TensorPanel panel;
    panel.resize(700, 500);
    ui::StepSnapshot step;
    step.cursor = 10;
    step.total = 50;
    step.nodeIndex = 10;
    step.kind = QStringLiteral("kv_store");
    step.rows = 5;
    step.cols = 8;
    step.positions = 1;
    step.posBegin = 4;
    step.prefill = false;
    step.values = QVector<float>(40, 0.0f);
    panel.setStep(step, { "a", "b", "c", "d", "e" });
    QCOMPARE(panel.heatmap()->newRows(), qMakePair(4, 1));
    const QColor green(0x00, 0x9e, 0x73);
    auto greenPixels = [&] {
        const QImage image = panel.heatmap()->grab().toImage();
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                n += close(image.pixel(x, y), green.rgb(), 8);
        return n;
    };
    QVERIFY(greenPixels() > 50);
    step.positions = 5;
    step.posBegin = 0;
    step.prefill = true;
    panel.setStep(step, { "a", "b", "c", "d", "e" });
    QCOMPARE(panel.heatmap()->newRows().second, 0);
    QCOMPARE(greenPixels(), 0);
}

// A softmax output is a probability: the Tensor view colours it on the same 0…1 sequential map as the Attention
// tab (it used the −1…1 red/blue map, so 0.5 looked like a pale red "half of the largest value").
void TestTensorHeatmap::probabilitiesUseTheZeroToOneMap()
{
    ui::TensorPanel panel;
    panel.resize(700, 500);
    panel.show();
    ui::StepSnapshot step;
    step.cursor = 3;
    step.total = 50;
    step.kind = QStringLiteral("softmax");
    step.opKind = core::OpKind::Softmax;
    step.rows = 2;
    step.cols = 2;
    step.positions = 2;
    step.prefill = true;
    step.values = { 1.0f, 0.0f, 0.25f, 0.75f };
    panel.setStep(step, { "a", "b" });
    ui::TensorHeatmap* h = panel.heatmap();
    QVERIFY(h->probabilityScale());
    const QImage image = h->grab().toImage();
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) {
            const QPoint centre = h->cellRect(r, c).topLeft().toPoint() + QPoint(3, 3); // beside the number
            const QRgb expected = ui::ColorMap::sequential(step.values[r * 2 + c]);
            QVERIFY2(close(image.pixel(centre), expected, 6),
                qPrintable(QStringLiteral("cell %1,%2: %3 vs %4")
                               .arg(r)
                               .arg(c)
                               .arg(QColor(image.pixel(centre)).name(), QColor(expected).name())));
        }
    // A signed tensor keeps the diverging map.
    step.kind = QStringLiteral("linear");
    step.opKind = core::OpKind::Linear;
    step.values = { 1.0f, -1.0f, 0.0f, 0.5f };
    panel.setStep(step, { "a", "b" });
    QVERIFY(!h->probabilityScale());
    const QImage signedImage = h->grab().toImage();
    QVERIFY(close(
        signedImage.pixel(h->cellRect(0, 1).topLeft().toPoint() + QPoint(3, 3)), ui::ColorMap::diverging(-1.0), 6));
}

QTEST_MAIN(TestTensorHeatmap)
#include "tst_tensorheatmap.moc"

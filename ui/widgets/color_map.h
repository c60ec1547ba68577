#pragma once
// Colour maps for tensors, both colour-blind safe (ColorBrewer): a diverging blue–white–red map centred at zero
// for signed values, and a sequential yellow–green–blue map for probabilities. The only "maths" the UI does.
#include <QColor>

namespace ui {

class ColorMap {
public:
    // t in [-1, 1]: -1 = dark blue, 0 = near white, +1 = dark red. Values outside are clamped.
    static QRgb diverging(double t);
    // t in [0, 1]: 0 = pale yellow, 1 = dark blue.
    static QRgb sequential(double t);
    // Colour of a value `v` in a tensor whose largest magnitude is `absMax` (the heatmap's mapping).
    static QRgb forValue(float v, float absMax);
    // Masked entries (-inf scores): a neutral grey.
    static QRgb masked();
    // Black or white, whichever reads better on `background`.
    static QColor textOn(QRgb background);
};

} // namespace ui

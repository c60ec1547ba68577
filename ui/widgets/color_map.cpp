#include "ui/widgets/color_map.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ui {

namespace {

    template <std::size_t N> QRgb interpolate(const std::array<QRgb, N>& stops, double t) // t in [0, 1]
    {
        t = std::clamp(t, 0.0, 1.0);
        const double x = t * double(N - 1);
        const std::size_t i = std::min(std::size_t(x), N - 2);
        const double f = x - double(i);
        const QRgb a = stops[i], b = stops[i + 1];
        auto mix = [f](int p, int q) { return int(std::lround(p + (q - p) * f)); };
        return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
    }

    // ColorBrewer RdBu (11 classes), reversed so negative is blue.
    constexpr std::array<QRgb, 11> kDiverging { 0xff053061, 0xff2166ac, 0xff4393c3, 0xff92c5de, 0xffd1e5f0, 0xfff7f7f7,
        0xfffddbc7, 0xfff4a582, 0xffd6604d, 0xffb2182b, 0xff67001f };
    // ColorBrewer YlGnBu (9 classes).
    constexpr std::array<QRgb, 9> kSequential { 0xffffffd9, 0xffedf8b1, 0xffc7e9b4, 0xff7fcdbb, 0xff41b6c4, 0xff1d91c0,
        0xff225ea8, 0xff253494, 0xff081d58 };

} // namespace

QRgb ColorMap::diverging(double t) { return interpolate(kDiverging, (t + 1.0) / 2.0); }

QRgb ColorMap::sequential(double t) { return interpolate(kSequential, t); }

QRgb ColorMap::forValue(float v, float absMax)
{
    if (std::isinf(v) && v < 0)
        return masked();
    if (!std::isfinite(v))
        return qRgb(255, 0, 255);
    if (absMax <= 0)
        return diverging(0);
    return diverging(double(v) / double(absMax));
}

QRgb ColorMap::masked() { return qRgb(150, 150, 150); }

QColor ColorMap::textOn(QRgb bg)
{
    const double luminance = 0.299 * qRed(bg) + 0.587 * qGreen(bg) + 0.114 * qBlue(bg);
    return luminance > 140 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace ui

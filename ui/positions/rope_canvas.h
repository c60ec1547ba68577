#pragma once
// The RoPE view's picture for one layer and one (query, key) position pair, from core::ropeGeometry: which of a
// head's dimensions rotate (partial rotary), the fastest and the slowest pairs as 2-D vectors turned by their
// positions (q blue, k red, the angle between them marked), every pair's wavelength before and after rope_scaling,
// and the score q.k against the distance between the two positions. A NoPE layer says so and draws the flat line.
#include "core/analysis/rope_geometry.h"
#include "core/model/model_config.h"

#include <QString>
#include <QWidget>

#include <algorithm>

namespace ui {

class RopeCanvas : public QWidget {
    Q_OBJECT
public:
    explicit RopeCanvas(QWidget* parent = nullptr);
    // q and k: the head's vectors before RoPE (headDim each).
    void setGeometry(const core::ModelConfig& config, int layer, const std::vector<float>& q,
        const std::vector<float>& k, int posQ, int posK);
    const core::RopeGeometry& ropeGeometry() const { return m_geometry; }
    int layer() const { return m_layer; }
    // The pairs drawn as circles, fastest first: at most 4 fastest and 4 slowest (all when there are 8 or fewer).
    QVector<int> shownPairs() const;
    // The distances the score curve spans: 0 .. maxDistance().
    int maxDistance() const;
    // What the picture says in numbers (painted as is; the tests compare them with core's).
    QString pairText(int pair) const; // "pair 3 · dims 3, 35 / ω 0.0316 · λ 199 / angle k→q 22.1°"
    QString scoreText() const; // "distance 5: q·k = 12.3 (31.9 at distance 0)"
    QString dimsText() const; // "64 of 64 dims rotate, in 32 pairs (i, i + 32)"
    QSize sizeHint() const override { return { 900, 620 }; }
    // Sized by the font, so a larger UI zoom asks for more room (the panel scrolls) rather than overlapping rows.
    QSize minimumSizeHint() const override
    {
        const int line = fontMetrics().height();
        return { std::max(420, 34 * line), std::max(360, 22 * line) };
    }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    void paintDims(QPainter& p, const QRect& r);
    void paintPair(QPainter& p, const QRect& r, int pair);
    void paintWavelengths(QPainter& p, const QRect& r);
    void paintScoreCurve(QPainter& p, const QRect& r);
    void text(QPainter& p, const QRect& r, int flags, const QString& s);
    QColor pairColor(int pair) const;

    core::ModelConfig m_config;
    core::RopeGeometry m_geometry;
    int m_layer = 0;
    bool m_valid = false;
};

} // namespace ui

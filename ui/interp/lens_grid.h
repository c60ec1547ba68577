#pragma once
// The logit lens as a grid: one row per site (the embedding, then after each attention sub-layer and after each
// block, top to bottom in forward order), one column per prompt position. A cell shows the token the model would
// predict if the residual stream ended there and is coloured by its probability, or, with a target token, by the
// target's rank. Clicking a cell (or Enter on the selected one; arrows move it) asks for its top 10.
#include "ui/interp/interp_snapshot.h"

#include <QWidget>

#include <optional>

namespace ui {

class LensGrid : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Probability, TargetRank };

    explicit LensGrid(QWidget* parent = nullptr);

    void setLens(const LensSnapshot& lens);
    const LensSnapshot& lens() const { return m_lens; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void selectCell(int site, int position); // -1, -1: none
    int selectedSite() const { return m_site; }
    int selectedPosition() const { return m_position; }

    QRect cellRect(int site, int position) const;
    // The cell's colour as painted (for tests: probability or rank to colour).
    QRgb cellColor(int site, int position) const;
    QString cellText(int site, int position) const; // what the cell says

    // Following the stepper: only sites whose op (LensSnapshot::Site::nodeIndex) the stepper has executed are shown;
    // the others read "…" until it passes them. nullopt: every computed site.
    void setRevealLimit(std::optional<int> lastNode);
    bool revealed(int site) const;
    int revealedSites() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellClicked(int site, int position);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;

private:
    struct Geometry {
        int left = 0; // width of the site labels
        int top = 0; // height of the token labels
        double cellW = 0;
        double cellH = 0;
    };
    Geometry geometry() const;
    int minCellWidth() const;
    int minCellHeight() const;
    QString siteLabel(int site) const;

    LensSnapshot m_lens;
    Mode m_mode = Mode::Probability;
    int m_site = -1;
    int m_position = -1;
    std::optional<int> m_revealLimit;
};

} // namespace ui

#pragma once
// The attention view with its controls: matrix or lines, and FlashAttention stepped tile by tile on the enlarged
// head (the tile lit in the view; the selected query row's running max, sum and partial output below; the
// explanation beside it in the explanation panel's language).
#include "ui/session/step_snapshot.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace ui {

class AttentionView;

class AttentionPanel : public QWidget {
    Q_OBJECT
public:
    explicit AttentionPanel(QWidget* parent = nullptr);
    AttentionView* view() const { return m_view; }
    void setLinesMode(bool lines);

    // The stepper's answer to flashWalkRequested: the walk is shown from its first tile.
    void setFlashWalk(const FlashWalkInfo& walk);
    void setExplanationLanguage(const QString& code); // "en" / "tr"
    bool flashMode() const;
    void setFlashMode(bool on);
    int flashStep() const { return m_step; }
    void stepFlash(int delta); // next (+1) / previous (-1) tile
    QString flashText() const; // what the state label shows

signals:
    // FlashAttention on the enlarged head, for the query block holding position `queryRow`.
    void flashWalkRequested(int layer, int head, int queryRow);

private:
    void requestWalk();
    void showStep();
    int shownQueryRow() const;

    AttentionView* m_view = nullptr;
    QButtonGroup* m_modes = nullptr;
    QPushButton* m_flash = nullptr;
    QPushButton* m_prev = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_state = nullptr;
    QTextBrowser* m_explanation = nullptr;
    QWidget* m_flashBox = nullptr;
    FlashWalkInfo m_walk;
    int m_step = -1;
    QString m_language = QStringLiteral("en");
};

} // namespace ui

#pragma once
// The attention view with its controls: matrix or lines, and which head.
#include <QWidget>

class QButtonGroup;

namespace ui {

class AttentionView;

class AttentionPanel : public QWidget {
    Q_OBJECT
public:
    explicit AttentionPanel(QWidget* parent = nullptr);
    AttentionView* view() const { return m_view; }
    void setLinesMode(bool lines);

private:
    AttentionView* m_view = nullptr;
    QButtonGroup* m_modes = nullptr;
};

} // namespace ui

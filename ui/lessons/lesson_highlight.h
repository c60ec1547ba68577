#pragma once
// A thick frame drawn over a widget a lesson step points at; it follows the widget's size and lets every click
// through.
#include <QPointer>
#include <QWidget>

namespace ui {

class LessonHighlight : public QWidget {
    Q_OBJECT
public:
    explicit LessonHighlight(QWidget* parent = nullptr);
    void setTarget(QWidget* target); // nullptr hides it
    QWidget* target() const { return m_target; }

protected:
    void paintEvent(QPaintEvent*) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<QWidget> m_target;
};

} // namespace ui
